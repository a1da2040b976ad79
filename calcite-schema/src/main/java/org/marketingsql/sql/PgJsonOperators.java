package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's JSON operators {@code ->}, {@code ->>}, {@code #>} and {@code #>>}, which Calcite's parser does not
 * read: on tokens, before parsing, {@code a ->> 'k'} becomes the call {@code pg_catalog."->>"(a, 'k')}, which
 * {@link PgCalls} binds to the operator here ({@link PgJsonPaths} computes it, above the store). The operands are
 * taken as PostgreSQL's precedence takes them: the left one is everything back to a comparison, a comma, an opening
 * parenthesis or a keyword such as {@code AND}, {@code WHEN} or {@code SELECT} (arithmetic, {@code ||} and casts bind
 * tighter or as tight, left to right); the right one is one value: a literal, a name, a call, a parenthesis or an
 * {@code ARRAY[…]}, with its {@code ::} casts. A chain ({@code a -> 'b' ->> 'c'}) reads from the left. Strings,
 * comments and quoted names are never touched. Also the functions {@code json_extract_path(_text)},
 * {@code json_typeof} and {@code json_array_length} (and their {@code jsonb_} names).
 */
final class PgJsonOperators {
  static final SqlOperator GET = operator("->", "get");
  static final SqlOperator GET_TEXT = operator("->>", "getText");
  static final SqlOperator PATH = operator("#>", "path");
  static final SqlOperator PATH_TEXT = operator("#>>", "pathText");
  private static final SqlOperator EXTRACT_PATH = extractPath("JSON_EXTRACT_PATH", "extractPath");
  private static final SqlOperator EXTRACT_PATH_TEXT = extractPath("JSON_EXTRACT_PATH_TEXT", "extractPathText");
  private static final SqlOperator TYPEOF = new PgFunction("JSON_TYPEOF", false, true, null,
      ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.CHARACTER, List.of("json"),
      methods("typeOf"));
  private static final SqlOperator ARRAY_LENGTH = new PgFunction("JSON_ARRAY_LENGTH", false, true, null,
      ReturnTypes.explicit(SqlTypeName.INTEGER).andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.CHARACTER,
      List.of("json"), methods("arrayLength"));

  /** The operators by their text and the functions by name, each with its number of arguments ({@code *}: any). */
  private static final Map<String, SqlOperator> BY_NAME = Map.ofEntries(
      Map.entry("->/2", GET), Map.entry("->>/2", GET_TEXT), Map.entry("#>/2", PATH), Map.entry("#>>/2", PATH_TEXT),
      Map.entry("json_typeof/1", TYPEOF), Map.entry("jsonb_typeof/1", TYPEOF),
      Map.entry("json_array_length/1", ARRAY_LENGTH), Map.entry("jsonb_array_length/1", ARRAY_LENGTH),
      Map.entry("json_extract_path/*", EXTRACT_PATH), Map.entry("jsonb_extract_path/*", EXTRACT_PATH),
      Map.entry("json_extract_path_text/*", EXTRACT_PATH_TEXT), Map.entry("jsonb_extract_path_text/*", EXTRACT_PATH_TEXT));

  private static final List<String> OPERATORS = List.of("->>", "->", "#>>", "#>");
  /** Words that end the left operand: they bind less tightly than the operators, or begin a clause. */
  private static final Set<String> STOP_WORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "WHEN", "THEN",
      "ELSE", "CASE", "END", "AS", "ON", "BY", "HAVING", "BETWEEN", "IN", "LIKE", "ILIKE", "SIMILAR", "IS", "DISTINCT",
      "ALL", "ANY", "SOME", "LIMIT", "OFFSET", "USING", "JOIN", "GROUP", "ORDER", "UNION", "EXCEPT", "INTERSECT",
      "WITH", "VALUES", "SET", "ASC", "DESC", "NULLS", "FILTER", "OVER", "WITHIN", "LATERAL", "EXISTS", "ESCAPE",
      "RETURNING", "AT", "ZONE", "FETCH", "WINDOW", "PARTITION", "ROWS", "RANGE");
  /** Characters that end the left operand: comparisons, separators. */
  private static final Set<String> STOP_MARKS = Set.of(",", ";", "=", "<", ">", "!");

  private PgJsonOperators() {
  }

  /** The operator or function {@code name} (lower case) of {@code arity} arguments, or null. */
  static SqlOperator named(String name, int arity) {
    SqlOperator exact = BY_NAME.get(name + "/" + arity);
    return exact != null ? exact : arity >= 2 ? BY_NAME.get(name + "/*") : null;
  }

  /** {@code sql} with each JSON operator as a call; as it is when it has none. */
  static String rewrite(String sql) {
    if (sql.indexOf("->") < 0 && sql.indexOf("#>") < 0) {
      return sql;
    }
    List<Token> tokens = new ArrayList<>(SqlTokens.tokenize(sql));
    int from = 0;
    while (true) {
      int at = -1;
      String operator = null;
      for (int i = from; i < tokens.size() && at < 0; i++) {
        operator = operatorAt(tokens, i);
        at = operator == null ? -1 : i;
      }
      if (at < 0) {
        return SqlTokens.join(tokens);
      }
      int width = operator.length();
      int start = leftStart(tokens, at);
      int end = rightEnd(tokens, at + width);
      if (start < 0 || end < 0) {
        from = at + width;
        continue;
      }
      List<Token> call = new ArrayList<>();
      call.add(new Token(Kind.WORD, "pg_catalog"));
      call.add(new Token(Kind.OTHER, "."));
      call.add(new Token(Kind.QUOTED, "\"" + operator + "\""));
      call.add(new Token(Kind.OTHER, "("));
      call.addAll(tokens.subList(start, at));
      call.add(new Token(Kind.OTHER, ","));
      call.addAll(tokens.subList(at + width, end));
      call.add(new Token(Kind.OTHER, ")"));
      List<Token> rest = new ArrayList<>(tokens.subList(end, tokens.size()));
      tokens = new ArrayList<>(tokens.subList(0, start));
      from = start;
      tokens.addAll(call);
      tokens.addAll(rest);
    }
  }

  /** The operator whose first character is the token at {@code i}, or null. */
  private static String operatorAt(List<Token> tokens, int i) {
    for (String operator : OPERATORS) {
      boolean matches = i + operator.length() <= tokens.size();
      for (int k = 0; matches && k < operator.length(); k++) {
        matches = tokens.get(i + k).is(String.valueOf(operator.charAt(k)));
      }
      // "->" followed by ">" is "->>"; a "-" or "#" right before belongs to another operator
      if (matches && !(i + operator.length() < tokens.size() && tokens.get(i + operator.length()).is(">"))
          && !(i > 0 && (tokens.get(i - 1).is("-") || tokens.get(i - 1).is("#")))) {
        return operator;
      }
    }
    return null;
  }

  /** Where the left operand of the operator at {@code at} starts; -1 if there is none. */
  private static int leftStart(List<Token> tokens, int at) {
    int depth = 0;
    int start = -1;
    for (int j = at - 1; j >= 0; j--) {
      Token t = tokens.get(j);
      if (!t.significant()) {
        continue;
      }
      if (t.is(")") || t.is("]")) {
        depth++;
      } else if (t.is("(") || t.is("[")) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && (t.kind() == Kind.OTHER && STOP_MARKS.contains(t.text())
          || t.kind() == Kind.WORD && STOP_WORDS.contains(t.upper()))) {
        break;
      }
      start = j;
    }
    return start;
  }

  /** Where the right operand that starts after {@code from} ends (exclusive); -1 if there is none. */
  private static int rightEnd(List<Token> tokens, int from) {
    int i = skipSpace(tokens, from);
    if (i >= tokens.size()) {
      return -1;
    }
    Token t = tokens.get(i);
    int end;
    if (t.kind() == Kind.STRING || t.kind() == Kind.QUOTED) {
      end = i + 1;
    } else if (t.is("-") || t.is("+") || Character.isDigit(t.text().charAt(0))) {
      end = i + 1;
      while (end < tokens.size() && (Character.isDigit(tokens.get(end).text().charAt(0)) || tokens.get(end).is("."))) {
        end++;
      }
    } else if (t.is("(")) {
      end = closing(tokens, i);
    } else if (t.kind() == Kind.WORD) {
      end = i + 1;
      int next = skipSpace(tokens, end);
      if (next < tokens.size() && (tokens.get(next).is("(") || tokens.get(next).is("["))) {
        end = closing(tokens, next);
      }
      // a qualified name
      while (end + 1 < tokens.size() && tokens.get(end).is(".")
          && (tokens.get(end + 1).kind() == Kind.WORD || tokens.get(end + 1).kind() == Kind.QUOTED)) {
        end += 2;
      }
    } else {
      return -1;
    }
    if (end < 0) {
      return -1;
    }
    // its casts and subscripts
    while (true) {
      int next = skipSpace(tokens, end);
      if (next + 2 < tokens.size() && tokens.get(next).is(":") && tokens.get(next + 1).is(":")) {
        int type = skipSpace(tokens, next + 2);
        if (type >= tokens.size() || tokens.get(type).kind() != Kind.WORD) {
          return end;
        }
        end = type + 1;
      } else if (next < tokens.size() && tokens.get(next).is("[")) {
        end = closing(tokens, next);
        if (end < 0) {
          return -1;
        }
      } else {
        return end;
      }
    }
  }

  private static int skipSpace(List<Token> tokens, int i) {
    while (i < tokens.size() && !tokens.get(i).significant()) {
      i++;
    }
    return i;
  }

  /** The index after the bracket that closes the one at {@code open}; -1 if none does. */
  private static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int j = open; j < tokens.size(); j++) {
      if (tokens.get(j).is("(") || tokens.get(j).is("[")) {
        depth++;
      } else if ((tokens.get(j).is(")") || tokens.get(j).is("]")) && --depth == 0) {
        return j + 1;
      }
    }
    return -1;
  }

  private static SqlOperator operator(String text, String method) {
    return new PgFunction(text, false, true, null, ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE),
        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.ANY), List.of("json", "step"), methods(method));
  }

  private static SqlOperator extractPath(String name, String method) {
    return new PgFunction(name, false, true, null, ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE),
        OperandTypes.repeat(SqlOperandCountRanges.from(2), OperandTypes.CHARACTER), List.of("json", "path"),
        methods(method));
  }

  private static List<Method> methods(String name) {
    return Arrays.stream(PgJsonPaths.class.getMethods()).filter(m -> m.getName().equals(name)).toList();
  }
}
