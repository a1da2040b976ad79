package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's cast operator {@code x::type} as the standard {@code CAST(x AS type)}, on tokens, so strings,
 * comments and quoted names are never touched: {@code '2025-01-01'::date}, {@code amount::numeric(10,2)},
 * {@code col::text}, {@code (a + b)::float8}, {@code f(x)::int}, {@code x::a::b} (nested, left to right),
 * {@code '1 day'::interval} (the interval literal). PostgreSQL's type names take Calcite's types, as the
 * PostgreSQL port reads them; a text literal cast to an array ({@code '{a,b}'::text[]}, {@code CAST('{1,2}' AS int[])})
 * is the array it spells ({@link #arraySql}), a cast of any other value to an array leaves the value as it is, and a
 * type Calcite lacks stays in the CAST, which then names it in its error.
 */
public final class PgCasts {
  /** Words before a parenthesis that are not function names, so {@code IN (..)::x} does not take IN. */
  private static final Set<String> NOT_FUNCTIONS = Set.of("AND", "OR", "NOT", "IN", "WHEN", "THEN", "ELSE", "SELECT",
      "WHERE", "ON", "FROM", "BY", "AS", "CASE", "IS", "LIKE", "BETWEEN", "EXISTS", "ANY", "ALL", "SOME", "VALUES",
      "USING", "JOIN", "HAVING", "WITH", "DISTINCT", "UNION", "RETURN", "OVER", "LIMIT", "OFFSET");
  /** Type names that make a string a typed literal: {@code DATE '2025-01-01'::text}. */
  private static final Set<String> TYPED_LITERALS = Set.of("DATE", "TIMESTAMP", "TIME", "INTERVAL");
  private static final List<List<String>> MULTI_WORD = List.of(List.of("double", "precision"),
      List.of("character", "varying"), List.of("timestamp", "without", "time", "zone"),
      List.of("timestamp", "with", "time", "zone"), List.of("time", "without", "time", "zone"));
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"), Map.entry("int4", "INTEGER"),
      Map.entry("int", "INTEGER"), Map.entry("integer", "INTEGER"), Map.entry("oid", "\"oid\""),
      Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"), Map.entry("float4", "REAL"),
      Map.entry("real", "REAL"), Map.entry("float8", "DOUBLE"), Map.entry("float", "DOUBLE"),
      Map.entry("double precision", "DOUBLE"), Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
      // PostgreSQL's names Calcite lacks stay in the CAST, so the result column is named by them; PgCalls maps them
      Map.entry("text", "\"text\""), Map.entry("name", "\"name\""), Map.entry("bpchar", "\"bpchar\""),
      Map.entry("char", "\"bpchar\""), Map.entry("character", "\"bpchar\""), Map.entry("json", "\"json\""),
      Map.entry("jsonb", "\"jsonb\""), Map.entry("date", "DATE"), Map.entry("time", "TIME"),
      Map.entry("time without time zone", "TIME"), Map.entry("timestamp", "TIMESTAMP"),
      Map.entry("timestamp without time zone", "TIMESTAMP"));
  /** Types whose modifier ({@code (10,2)}, {@code (20)}) is kept. */
  private static final Map<String, String> WITH_MODIFIER = Map.of("numeric", "DECIMAL", "decimal", "DECIMAL",
      "varchar", "VARCHAR", "character varying", "VARCHAR");
  /** PostgreSQL's own names of the types written by another ({@code integer} is {@code int4}), as a cast's column has. */
  private static final Map<String, String> PG_NAMES = Map.ofEntries(Map.entry("int", "int4"),
      Map.entry("integer", "int4"), Map.entry("smallint", "int2"), Map.entry("bigint", "int8"),
      Map.entry("real", "float4"), Map.entry("float", "float8"), Map.entry("double precision", "float8"),
      Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"), Map.entry("character varying", "varchar"),
      Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("timestamp without time zone", "timestamp"),
      Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"));
  /** The name of the call {@link #namedArraySql} makes: no function's, since it has a space. */
  static final String ARRAY_LITERAL = "array literal";
  /** More casts than a statement sensibly holds: the rest stay as written (and fail to parse). */
  private static final int MAX_CASTS = 10_000;

  private PgCasts() {
  }

  static String rewrite(String sql) {
    sql = standardArrayCasts(standardNumericCasts(sql));
    if (!sql.contains("::")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    for (int casts = 0, from = 0; casts < MAX_CASTS; casts++) {
      int at = next(all, from);
      if (at < 0) {
        break;
      }
      String rewritten = rewriteAt(all, at);
      if (rewritten == null) {
        from = at + 2;
        continue;
      }
      all = SqlTokens.tokenize(rewritten);
      from = 0;
    }
    return SqlTokens.join(all);
  }

  /**
   * {@code CAST(x AS numeric)} and {@code CAST(x AS decimal)} without a precision, as BI tools write them, the way
   * {@code x::numeric} is read: the value keeps its digits, as in PostgreSQL, where Calcite's DECIMAL alone would
   * round it to a whole number.
   */
  private static String standardNumericCasts(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("cast")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    boolean changed = false;
    for (int i = 0; i < all.size(); i++) {
      int open = following(all, i);
      if (!all.get(i).isWord("CAST") || open < 0 || !all.get(open).is("(")) {
        continue;
      }
      int close = matching(all, open);
      int as = close < 0 ? -1 : topLevelAs(all, open, close);
      if (as < 0) {
        continue;
      }
      int type = following(all, as);
      if (type < 0 || type >= close) {
        continue;
      }
      if (all.get(type).isWord("pg_catalog") && following(all, type) < close && all.get(following(all, type)).is(".")) {
        type = following(all, following(all, type));
      }
      boolean numeric = type > 0 && type < close && (all.get(type).isWord("numeric") || all.get(type).isWord("decimal")
          || all.get(type).text().equals("\"numeric\""));
      if (!numeric || following(all, type) != close) {
        continue;
      }
      List<Token> replaced = new ArrayList<>(all.subList(0, i));
      replaced.add(new Token(Kind.OTHER, "pg_catalog.\"numeric\"("));
      replaced.addAll(all.subList(following(all, open), previous(all, as) + 1));
      replaced.add(new Token(Kind.OTHER, ")"));
      replaced.addAll(all.subList(close + 1, all.size()));
      all = replaced;
      changed = true;
    }
    return changed ? SqlTokens.join(all) : sql;
  }

  /** The index of the {@code AS} directly inside the parentheses {@code open}..{@code close}, or -1. */
  private static int topLevelAs(List<Token> all, int open, int close) {
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      if (all.get(k).is("(") || all.get(k).is("[")) {
        depth++;
      } else if (all.get(k).is(")") || all.get(k).is("]")) {
        depth--;
      } else if (depth == 0 && all.get(k).isWord("AS")) {
        return k;
      }
    }
    return -1;
  }

  /** The index of the next {@code ::} from {@code from}, or -1. */
  private static int next(List<Token> all, int from) {
    for (int i = Math.max(from, 0); i + 1 < all.size(); i++) {
      if (all.get(i).is(":") && all.get(i + 1).is(":")) {
        return i;
      }
    }
    return -1;
  }

  /** The SQL with the cast at {@code at} rewritten, or null when its operand or type is not one it reads. */
  private static String rewriteAt(List<Token> all, int at) {
    int start = operandStart(all, previous(all, at));
    int typeStart = following(all, at + 1);
    if (start < 0 || typeStart < 0) {
      return null;
    }
    if (all.get(typeStart).isWord("pg_catalog") && following(all, typeStart) >= 0
        && all.get(following(all, typeStart)).is(".")) {
      typeStart = following(all, following(all, typeStart));
      if (typeStart < 0) {
        return null;
      }
    }
    Token first = all.get(typeStart);
    if (first.kind() != Kind.WORD && first.kind() != Kind.QUOTED) {
      return null;
    }
    String type = first.kind() == Kind.QUOTED ? first.text().substring(1, first.text().length() - 1)
        : first.text().toLowerCase(Locale.ROOT);
    int end = typeStart;
    for (List<String> words : MULTI_WORD) {
      int k = matchesWords(all, typeStart, words);
      if (k >= 0) {
        type = String.join(" ", words);
        end = k;
        break;
      }
    }
    String modifier = "";
    int open = following(all, end);
    if (open >= 0 && all.get(open).is("(")) {
      int close = matching(all, open);
      if (close < 0) {
        return null;
      }
      modifier = SqlTokens.join(all.subList(open, close + 1));
      end = close;
    }
    boolean array = false;
    for (int bracket = following(all, end); bracket >= 0 && all.get(bracket).is("[")
        && following(all, bracket) >= 0 && all.get(following(all, bracket)).is("]"); bracket = following(all, end)) {
      array = true;
      end = following(all, bracket);
    }
    String operand = SqlTokens.join(all.subList(start, previous(all, at) + 1));
    boolean literal = start == previous(all, at) && all.get(start).kind() == Kind.STRING
        && all.get(start).text().startsWith("'");
    String replacement = !array ? castSql(operand, literal, type, modifier)
        : literal ? Objects.requireNonNullElse(namedArraySql(operand, type, modifier), operand) : operand;
    if (replacement == null) {
      // a type Calcite lacks stays in the CAST, which then names it in its error
      replacement = "CAST(" + operand + " AS " + SqlTokens.join(all.subList(typeStart, end + 1)) + ")";
    }
    return SqlTokens.join(all.subList(0, start)) + replacement + SqlTokens.join(all.subList(end + 1, all.size()));
  }

  /**
   * {@code operand::type} (with its modifier, such as {@code (10,2)}, or {@code ""}) as SQL the driver's parser
   * reads, or null when {@code type} (lower case, multi-word names with single spaces) is none it knows. The one
   * rule for PostgreSQL's casts: the driver reads {@code ::} with it, and the PostgreSQL port rewrites the casts it
   * does not answer itself (its catalog types) with it. A cast to a type PostgreSQL names differently from Calcite
   * ({@code text}, {@code name}, {@code bpchar}, {@code json}, {@code oid}) keeps that name in the CAST, so the
   * result column is named as in PostgreSQL; {@code literal} tells whether the operand is a text literal.
   */
  public static String castSql(String operand, boolean literal, String type, String modifier) {
    if (type.equals("timestamptz") || type.equals("timestamp with time zone")) {
      // an instant, held as the session's local time ({@link PgTimeZones})
      return PgTimeZones.TIMESTAMPTZ_CALL + "(" + operand + ")";
    }
    if (type.equals("interval")) {
      return literal ? "INTERVAL " + operand : operand;
    }
    if (type.equals("bytea")) {
      // read with PostgreSQL's input formats ({@link PgBytea}) once parsed
      return "CAST(" + operand + " AS bytea)";
    }
    if (literal && (type.equals("bool") || type.equals("boolean")) && bool(operand) != null) {
      // still a cast, so that the column is named bool as in PostgreSQL
      return "CAST(" + bool(operand) + " AS BOOLEAN)";
    }
    if ((type.equals("numeric") || type.equals("decimal")) && modifier.isEmpty()) {
      // no precision: the value keeps its digits, as in PostgreSQL (Calcite's DECIMAL alone has no decimals)
      return "pg_catalog.\"numeric\"(" + operand + ")";
    }
    if (WITH_MODIFIER.containsKey(type)) {
      return "CAST(" + operand + " AS " + WITH_MODIFIER.get(type) + modifier + ")";
    }
    String calcite = TYPES.get(type);
    return calcite == null ? null : "CAST(" + operand + " AS " + calcite + ")";
  }

  /**
   * A text literal cast to an array ({@code '{a,"b c",NULL}'::text[]}, {@code '{1,2}'::int[]}) as the array
   * PostgreSQL reads it, each element cast as {@link #castSql} casts a literal to {@code type}:
   * {@code ARRAY[CAST('a' AS "text"), …]}; {@code '{}'} is an empty array of that type. Null when {@code type} is
   * none {@link #castSql} knows; a text that is no array is {@code malformed array literal} ({@link PgArrayText}), an
   * element that is no value of the type PostgreSQL's error for it ({@link PgTextInput}).
   * {@code literal} is the SQL string literal, quotes included.
   */
  public static String arraySql(String literal, String type, String modifier) {
    List<String> elements = PgArrayText.elements(literal.substring(1, literal.length() - 1).replace("''", "'"));
    String nothing = castSql("NULL", false, type, modifier);
    if (nothing == null) {
      return null;
    }
    if (elements.isEmpty()) {
      return "ARRAY(SELECT " + nothing + " FROM (VALUES (0)) AS pg_empty_array (x) WHERE FALSE)";
    }
    List<String> items = new ArrayList<>();
    for (String element : elements) {
      if (element != null) {
        PgTextInput.check(element, type);
      }
      items.add(element == null ? nothing : castSql("'" + element.replace("'", "''") + "'", true, type, modifier));
    }
    return "ARRAY[" + String.join(", ", items) + "]";
  }

  /**
   * {@link #arraySql} marked as the cast PostgreSQL reads it as, so that a result column it makes is named after the
   * array's element type, as PostgreSQL names a cast ({@code SELECT '{a}'::text[]} has a column {@code text},
   * {@code '{1}'::integer[]} one {@code int4}): {@code pg_catalog."array literal"(ARRAY[…], 'text')}, which
   * {@link PgCalls} reads back as the array itself, aliased when it is a select item. Null as {@link #arraySql}.
   */
  public static String namedArraySql(String literal, String type, String modifier) {
    String array = arraySql(literal, type, modifier);
    return array == null ? null
        : "pg_catalog.\"" + ARRAY_LITERAL + "\"(" + array + ", '" + PG_NAMES.getOrDefault(type, type) + "')";
  }

  /**
   * {@code CAST(x AS type[])}, PostgreSQL's spelling of a cast to an array, as {@code x::type[]}, which
   * {@link #rewrite} reads: a text literal is read as an array ({@link #arraySql}), any other value is left as it is.
   */
  private static String standardArrayCasts(String sql) {
    if (!sql.contains("[") || !sql.toLowerCase(Locale.ROOT).contains("cast")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    for (int i = 0; i < all.size(); i++) {
      int open = following(all, i);
      if (!all.get(i).isWord("CAST") || open < 0 || !all.get(open).is("(")) {
        continue;
      }
      int close = matching(all, open);
      int as = close < 0 ? -1 : topLevelAs(all, open, close);
      int bracket = as < 0 ? -1 : previous(all, close);
      if (bracket < 0 || !all.get(bracket).is("]") || !all.get(previous(all, bracket)).is("[")) {
        continue;
      }
      int first = following(all, open);
      boolean single = first == previous(all, as);
      String operand = SqlTokens.join(all.subList(first, previous(all, as) + 1));
      String type = SqlTokens.join(all.subList(following(all, as), close));
      List<Token> replaced = new ArrayList<>(all.subList(0, i));
      replaced.add(new Token(Kind.OTHER, (single ? operand : "(" + operand + ")") + "::" + type));
      replaced.addAll(all.subList(close + 1, all.size()));
      all = SqlTokens.tokenize(SqlTokens.join(replaced));
    }
    return SqlTokens.join(all);
  }

  /**
   * Whether {@code operator} is the call {@link #castSql} makes of {@code x::numeric} without a precision, so that the
   * driver can write it as a plain CAST where the value is an exact number already (the store then computes it).
   */
  public static boolean isNumericWithoutPrecision(org.apache.calcite.sql.SqlOperator operator) {
    return operator == PgTextOperators.NUMERIC;
  }

  /** A boolean literal's text as PostgreSQL reads it ({@code 't'}, {@code 'yes'}, {@code 'off'}, {@code '1'} …), or null. */
  static String bool(String literal) {
    String v = literal.substring(1, literal.length() - 1).strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return null;
    }
    if ("true".startsWith(v) || "yes".startsWith(v) || v.equals("on") || v.equals("1")) {
      return "TRUE";
    }
    if ("false".startsWith(v) || "no".startsWith(v) || v.equals("off") || v.equals("of") || v.equals("0")) {
      return "FALSE";
    }
    return null;
  }

  /** The index of the last token of {@code words} written from {@code at}, or -1. */
  private static int matchesWords(List<Token> all, int at, List<String> words) {
    int k = at;
    for (int w = 0; w < words.size(); w++) {
      if (k < 0 || !all.get(k).isWord(words.get(w))) {
        return -1;
      }
      if (w + 1 < words.size()) {
        k = following(all, k);
      }
    }
    return k;
  }

  /** The first token of the operand that ends at {@code j}: a literal, a number, a name, a call or a parenthesis. */
  static int operandStart(List<Token> all, int j) {
    if (j < 0) {
      return -1;
    }
    Token last = all.get(j);
    if (last.is(")") || last.is("]")) {
      int open = matchingBackwards(all, j);
      if (open < 0) {
        return -1;
      }
      int before = previous(all, open);
      if (before >= 0 && all.get(before).kind() == Kind.WORD
          && !NOT_FUNCTIONS.contains(all.get(before).upper())) {
        return nameStart(all, before);
      }
      if (before >= 0 && all.get(before).kind() == Kind.QUOTED) {
        return nameStart(all, before);
      }
      return open;
    }
    if (last.kind() == Kind.STRING) {
      int before = previous(all, j);
      if (before >= 0 && all.get(before).kind() == Kind.WORD && TYPED_LITERALS.contains(all.get(before).upper())) {
        return before;
      }
      return j;
    }
    if (last.kind() == Kind.OTHER && (isDigit(last) || last.is("?"))) {
      int k = j;
      while (k > 0 && (isDigit(all.get(k - 1)) || all.get(k - 1).is("."))) {
        k--;
      }
      return k;
    }
    if (last.kind() == Kind.WORD || last.kind() == Kind.QUOTED) {
      return nameStart(all, j);
    }
    return -1;
  }

  private static boolean isDigit(Token token) {
    return token.kind() == Kind.OTHER && token.text().length() == 1 && Character.isDigit(token.text().charAt(0));
  }

  /** The first token of the qualified name ending at {@code j} ({@code s.t.c}). */
  private static int nameStart(List<Token> all, int j) {
    int k = j;
    while (true) {
      int dot = previous(all, k);
      int name = dot < 0 ? -1 : previous(all, dot);
      if (dot >= 0 && all.get(dot).is(".") && name >= 0
          && (all.get(name).kind() == Kind.WORD || all.get(name).kind() == Kind.QUOTED)) {
        k = name;
      } else {
        return k;
      }
    }
  }

  static int previous(List<Token> all, int from) {
    for (int k = from - 1; k >= 0; k--) {
      if (all.get(k).significant()) {
        return k;
      }
    }
    return -1;
  }

  static int following(List<Token> all, int from) {
    for (int k = from + 1; k < all.size(); k++) {
      if (all.get(k).significant()) {
        return k;
      }
    }
    return -1;
  }

  static int matching(List<Token> all, int open) {
    int depth = 0;
    for (int k = open; k < all.size(); k++) {
      if (all.get(k).is("(") || all.get(k).is("[")) {
        depth++;
      } else if ((all.get(k).is(")") || all.get(k).is("]")) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  static int matchingBackwards(List<Token> all, int close) {
    int depth = 0;
    for (int k = close; k >= 0; k--) {
      if (all.get(k).is(")") || all.get(k).is("]")) {
        depth++;
      } else if ((all.get(k).is("(") || all.get(k).is("[")) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}
