package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.marketingsql.pgwire.PgTokens.Kind;
import org.marketingsql.pgwire.PgTokens.Token;
import org.marketingsql.readonly.SqlText;

/**
 * pgJDBC's key and index look-ups ({@code getPrimaryKeys}, {@code getImportedKeys}, {@code getExportedKeys},
 * {@code getIndexInfo}) and SQLAlchemy's {@code get_pk_constraint} expand {@code pg_constraint.conkey} and
 * {@code pg_index.indkey} with set-returning functions ({@code information_schema._pg_expandarray},
 * {@code generate_series}, {@code generate_subscripts}, {@code unnest}) or {@code = ANY(indkey)}, which
 * Calcite cannot run (SQLAlchemy's {@code get_indexes} too).
 * The views and tables served have no constraints or indexes (both catalogs are empty), so such a query
 * has no rows: it is answered empty, with the columns its outer select names and the types PostgreSQL gives them.
 */
final class KeylessCatalog {
  private static final Pattern UNNEST = Pattern.compile("\\bunnest\\s*\\(");
  private static final Pattern ANY_KEY = Pattern.compile("=\\s*any\\s*\\(\\s*(\\w+\\s*\\.\\s*)?(indkey|conkey|confkey)\\s*\\)");
  /** Words that end a FROM item where an alias could stand. */
  private static final Set<String> AFTER_FROM_ITEM = Set.of("where", "join", "left", "right", "inner", "full", "cross",
      "natural", "limit", "order", "group", "having", "union", "except", "intersect", "offset", "fetch", "for");

  private KeylessCatalog() {
  }

  /** The type a catalog table declares its column as; null when {@code table} is no catalog table or has no such column. */
  interface ColumnTypes {
    PgType of(String table, String column);
  }

  /** {@link #answer(String, ColumnTypes)} with no table's declared types: each column's type is read from its expression. */
  static Optional<LocalResult> answer(String sql) {
    return answer(sql, (table, column) -> null);
  }

  /** The empty answer of a key or index query; a column that names a catalog table's column has the type it declares. */
  static Optional<LocalResult> answer(String sql, ColumnTypes declared) {
    java.util.Objects.requireNonNull(declared, "declared");
    String lower = sql.toLowerCase(Locale.ROOT);
    // the catalogs first: every statement of the port comes here, and few name them
    if (!lower.contains("pg_constraint") && !lower.contains("pg_index")) {
      return Optional.empty();
    }
    List<Token> rest = new ArrayList<>(PgTokens.tokenize(sql).stream().filter(Token::significant).toList());
    emptyKeyExists(rest);
    lower = String.join(" ", rest.stream().map(Token::text).toList()).toLowerCase(Locale.ROOT);
    if (!lower.contains("pg_constraint") && !lower.contains("pg_index")) {
      return Optional.empty(); // they were only in EXISTS tests, which are false
    }
    boolean expands = lower.contains("_pg_expandarray") || lower.contains("generate_series")
        || lower.contains("generate_subscripts") || UNNEST.matcher(lower).find() || ANY_KEY.matcher(lower).find();
    if (!expands || !SqlText.firstKeyword(sql).equals("select")) {
      return Optional.empty();
    }
    List<String> columns = outerColumns(sql);
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<Token> tokens = PgTokens.tokenize(sql).stream().filter(Token::significant).toList();
    List<PgType> types = columns.stream().map(c -> typeOf(tokens, c, declared)).toList();
    return Optional.of(new LocalResult(columns, types, List.of(), "SELECT 0"));
  }

  /**
   * Each {@code EXISTS (SELECT … FROM pg_constraint [alias] [WHERE …])}, and so over pg_index, in {@code t} as
   * {@code FALSE}: the views have no constraints or indexes, so such a subquery has no rows whatever it tests (pgAdmin's
   * column properties ask whether a column is in a foreign key with {@code = ANY(conkey)}, which Calcite cannot run,
   * beside the columns of pg_attribute it lists).
   */
  static void emptyKeyExists(List<Token> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      if (!t.get(i).is("exists") || !t.get(i + 1).is("(")) {
        continue;
      }
      int close = closing(t, i + 1);
      if (close > 0 && overKeyCatalogAlone(t.subList(i + 2, close))) {
        t.subList(i, close + 1).clear();
        t.add(i, new Token(Kind.WORD, "FALSE"));
      }
    }
  }

  /** Whether {@code query} is a SELECT whose FROM is pg_constraint or pg_index alone, with an alias or none. */
  private static boolean overKeyCatalogAlone(List<Token> query) {
    if (query.isEmpty() || !query.get(0).is("select")) {
      return false;
    }
    int depth = 0;
    int k = -1;
    for (int i = 0; i < query.size() && k < 0; i++) {
      Token token = query.get(i);
      if (token.is("(")) {
        depth++;
      } else if (token.is(")")) {
        depth--;
      } else if (depth == 0 && token.is("from")) {
        k = i + 1;
      }
    }
    if (k < 0) {
      return false;
    }
    if (k + 1 < query.size() && query.get(k).is("pg_catalog") && query.get(k + 1).is(".")) {
      k += 2;
    }
    if (k >= query.size() || !query.get(k).is("pg_constraint") && !query.get(k).is("pg_index")) {
      return false;
    }
    k++;
    if (k < query.size() && query.get(k).is("as")) {
      k++;
    }
    if (k < query.size() && query.get(k).kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(query.get(k).lower())) {
      k++; // the alias
    }
    return k == query.size() || query.get(k).is("where");
  }

  /**
   * The type PostgreSQL gives the column {@code name}, from the expression that defines it ({@code expr AS name} at
   * any depth, so through a derived table): a CASE over integers (pgJDBC's UPDATE_RULE, TYPE, DEFERRABILITY), a
   * set-returning function's position {@code n} (KEY_SEQ, ORDINAL_POSITION) or an integer literal is int4, a cast
   * ({@code i::int2}, and a CASE whose branches are all cast so) the type it names, a
   * negation or comparison (NON_UNIQUE) boolean, {@code reltuples} real, {@code relpages} int4; a column of a catalog
   * table ({@code ct.relname}, {@code i.indrelid}, whose alias its FROM item gives) the type the table declares
   * ({@code declared}); anything else text.
   */
  static PgType typeOf(List<Token> tokens, String name, ColumnTypes declared) {
    for (int i = 1; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).is("as") && name(List.of(tokens.get(i + 1))).equalsIgnoreCase(name)) {
        List<Token> expr = expression(tokens, i);
        if (!reference(expr)) {
          return classify(expr);
        }
        PgType type = expr.size() == 3 ? catalogColumn(tokens, expr.get(0).lower(), expr.get(2).lower(), declared) : null;
        if (type != null) {
          return type;
        }
        // result.KEY_SEQ AS "KEY_SEQ": the type is that of the inner definition, further on
      }
    }
    // an item without an alias, c.relname: the type its catalog table declares
    for (int i = 2; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.WORD && tokens.get(i).lower().equals(name.toLowerCase(Locale.ROOT))
          && tokens.get(i - 1).is(".") && tokens.get(i - 2).kind() == Kind.WORD
          && (tokens.get(i + 1).is(",") || tokens.get(i + 1).is("from"))) {
        PgType type = catalogColumn(tokens, tokens.get(i - 2).lower(), tokens.get(i).lower(), declared);
        if (type != null) {
          return type;
        }
      }
    }
    return PgType.TEXT;
  }

  /**
   * The type the catalog table that {@code alias} names in a FROM item ({@code pg_catalog.pg_class ct},
   * {@code pg_index AS i}) declares {@code column} as; null when no such item names a catalog table with that column.
   */
  private static PgType catalogColumn(List<Token> tokens, String alias, String column, ColumnTypes declared) {
    for (int k = 1; k < tokens.size(); k++) {
      Token at = tokens.get(k);
      if (at.kind() != Kind.WORD || !at.lower().equals(alias) || k + 1 < tokens.size() && tokens.get(k + 1).is(".")) {
        continue;
      }
      int table = tokens.get(k - 1).is("as") ? k - 2 : k - 1;
      if (table >= 0 && tokens.get(table).kind() == Kind.WORD) {
        PgType type = declared.of(tokens.get(table).lower(), column);
        if (type != null) {
          return type;
        }
      }
    }
    return null;
  }

  /** Whether {@code expr} only names a column ({@code x} or {@code t.x}), whose type its definition gives. */
  private static boolean reference(List<Token> expr) {
    return !expr.isEmpty() && expr.stream().allMatch(t -> t.kind() == Kind.WORD || t.kind() == Kind.QUOTED_IDENT || t.is("."))
        && !expr.get(expr.size() - 1).lower().equals("n") && !expr.get(0).is("not") && !expr.get(0).is("null")
        && !List.of("relpages", "reltuples").contains(expr.get(expr.size() - 1).lower());
  }

  /** The tokens of the select item that ends before {@code end}, back to its comma or select at the same depth. */
  private static List<Token> expression(List<Token> tokens, int end) {
    int depth = 0;
    int start = end;
    while (start > 0) {
      Token t = tokens.get(start - 1);
      if (t.is(")")) {
        depth++;
      } else if (t.is("(")) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && (t.is(",") || t.is("select") || t.is("distinct"))) {
        break;
      }
      start--;
    }
    return tokens.subList(start, end);
  }

  /** Whether {@code expr} compares outside any parentheses (not inside a function's arguments or a subquery). */
  private static boolean comparesAtTop(List<Token> expr) {
    int depth = 0;
    for (Token t : expr) {
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth--;
      } else if (depth == 0 && t.kind() == Kind.OPERATOR && List.of("=", "<>", "!=", "<", ">", "<=", ">=").contains(t.text())) {
        return true;
      }
    }
    return false;
  }

  private static PgType classify(List<Token> expr) {
    if (expr.isEmpty()) {
      return PgType.TEXT;
    }
    Token first = expr.get(0);
    Token last = expr.get(expr.size() - 1);
    if (expr.size() == 1 && first.kind() == Kind.NUMBER && first.text().chars().allMatch(Character::isDigit)) {
      return PgType.INT4;
    }
    if (first.is("not") || !first.is("case") && comparesAtTop(expr)) {
      return PgType.BOOL;
    }
    PgType cast = cast(expr);
    if (cast != null) {
      return cast;
    }
    if (first.is("case")) {
      Set<PgType> branches = new HashSet<>();
      for (int i = 0; i + 1 < expr.size(); i++) {
        if (expr.get(i).is("then") || expr.get(i).is("else")) {
          Token value = expr.get(i + 1);
          if (value.is("case") || value.is("null")) {
            continue; // a nested CASE: its own THEN and ELSE are read in turn
          }
          PgType named = i + 3 < expr.size() && expr.get(i + 2).is("::") ? named(expr.get(i + 3)) : null;
          boolean integer = value.kind() == Kind.NUMBER && value.text().chars().allMatch(Character::isDigit);
          branches.add(named != null ? named : integer ? PgType.INT4 : PgType.TEXT);
        }
      }
      if (branches.size() == 1) {
        return branches.iterator().next();
      }
      // integers of different widths: PostgreSQL resolves the CASE to the widest
      List<PgType> widths = List.of(PgType.INT2, PgType.INT4, PgType.INT8);
      return widths.containsAll(branches) ? widths.stream().filter(branches::contains).reduce((a, b) -> b).orElseThrow()
          : PgType.TEXT;
    }
    if (last.kind() == Kind.WORD) {
      return switch (last.lower()) {
        case "n", "relpages" -> PgType.INT4;
        case "reltuples" -> PgType.FLOAT4;
        default -> PgType.TEXT;
      };
    }
    return PgType.TEXT;
  }

  /**
   * The type {@code expr} casts its one operand to ({@code i::int2}, {@code (a + b)::int2}, psqlODBC's KEY_SEQ and
   * UPDATE_RULE); null when it is no such cast or names a type results are never sent as.
   */
  private static PgType cast(List<Token> expr) {
    int at = expr.size() - 2;
    if (at < 1 || !expr.get(at).is("::")) {
      return null;
    }
    boolean operand = at == 1 || expr.get(0).is("(") && closing(expr, 0) == at - 1;
    return operand ? named(expr.get(at + 1)) : null;
  }

  /** The position of the parenthesis that closes the one at {@code open}; -1 when none does. */
  private static int closing(List<Token> expr, int open) {
    int depth = 0;
    for (int i = open; i < expr.size(); i++) {
      if (expr.get(i).is("(")) {
        depth++;
      } else if (expr.get(i).is(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The type {@code name} names ({@code int2}, {@code smallint}); null for a type results are never sent as. */
  private static PgType named(Token name) {
    return name.kind() != Kind.WORD ? null : CatalogTypes.oidOf(name.text()).map(PgType::ofOid).orElse(null);
  }

  /** The names of the outermost select list's items: their alias, else their last name. */
  static List<String> outerColumns(String sql) {
    List<Token> t = PgTokens.tokenize(sql).stream().filter(Token::significant).toList();
    List<String> names = new ArrayList<>();
    int depth = 0;
    int start = -1;
    for (int i = 0; i < t.size(); i++) {
      Token token = t.get(i);
      if (token.is("(")) {
        depth++;
      } else if (token.is(")")) {
        depth--;
      } else if (depth == 0 && start < 0 && token.is("select")) {
        start = i + 1;
        if (start < t.size() && t.get(start).is("distinct")) {
          start++;
        }
      } else if (depth == 0 && start >= 0 && (token.is(",") || token.is("from"))) {
        names.add(name(t.subList(start, i)));
        if (token.is("from")) {
          return names;
        }
        start = i + 1;
      }
    }
    if (start >= 0 && start < t.size()) {
      names.add(name(t.subList(start, t.size())));
    }
    return names;
  }

  private static String name(List<Token> item) {
    Token last = item.isEmpty() ? new Token(Kind.WORD, "?column?") : item.get(item.size() - 1);
    if (last.kind() == Kind.QUOTED_IDENT) {
      return last.text().substring(1, last.text().length() - 1).replace("\"\"", "\"");
    }
    return last.kind() == Kind.WORD ? last.lower() : "?column?";
  }
}
