package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * A function in FROM, as PostgreSQL takes it, in every FROM item (the first, after a comma, after JOIN, after
 * LATERAL): its set-returning {@code generate_series(…)} and {@code pg_get_keywords()} as Calcite's
 * {@code TABLE(…)} (whose parser otherwise reads {@code f(g(x))} as a column list), and a scalar function as a
 * table of one row whose one column the alias names: {@code string_to_array(…) s} is
 * {@code (SELECT string_to_array(…) AS "s") AS "s"}, {@code f(…) AS t(c)} is {@code (SELECT f(…) AS "c") AS "t"},
 * and without an alias the function's name names both ({@code FROM current_date}, {@code FROM initcap('x')}).
 * A scalar function is one Calcite's standard table holds or {@link PgCalls} binds, unqualified or in
 * {@code pg_catalog}; another name stays a table function, looked up (and checked for access) as one, and one
 * qualified by a schema is Calcite's {@code TABLE(schema.f(…))}, since its parser takes no other. On
 * tokens, so strings, comments and quoted names are never touched; the one-row table is an ordinary sub-query,
 * so what its call reads is checked as in a select list. Public: the PostgreSQL port names its own functions.
 */
public final class PgFromFunctions {
  /** The set-returning functions Calcite reads in FROM as {@code TABLE(f(…))}. */
  private static final Set<String> SET_RETURNING = Set.of("generate_series", "pg_get_keywords");
  /** Calls in FROM that are FROM items of their own already. */
  private static final Set<String> NOT_SCALAR = Set.of("unnest", "table", "lateral", "select", "values", "with",
      "exists", "cast");
  /** Words that end a FROM item (or start the next clause), so they are no alias. */
  private static final Set<String> AFTER_FROM_ITEM = Set.of("where", "join", "on", "using", "left", "right", "inner",
      "full", "cross", "natural", "group", "order", "having", "limit", "offset", "fetch", "union", "except",
      "intersect", "window", "for", "lateral", "outer", "qualify", "minus", "tablesample", "match_recognize");
  /** Functions whose parentheses hold a FROM that is no FROM clause: {@code extract(year from d)}. */
  private static final Set<String> FROM_IN_CALL = Set.of("extract", "substring", "trim", "overlay", "position",
      "date_part");
  /** Functions PostgreSQL calls without parentheses, so {@code FROM current_date} is one row. */
  private static final Set<String> NILADIC = Set.of("current_date", "current_time", "current_timestamp", "localtime",
      "localtimestamp", "current_user", "session_user", "user", "current_role", "current_catalog", "current_schema");
  /** Calcite's own scalar functions, by name in lower case. */
  private static final Set<String> STANDARD = standardFunctions();

  private PgFromFunctions() {
  }

  /** {@code sql} with its functions in FROM as Calcite reads them; the same text when there are none. */
  static String rewrite(String sql) {
    return rewrite(sql, name -> false);
  }

  /**
   * {@link #rewrite(String)} where {@code scalar} tells further scalar functions by name in lower case (the
   * PostgreSQL port's catalog functions).
   */
  public static String rewrite(String sql, Predicate<String> scalar) {
    Objects.requireNonNull(scalar, "scalar");
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("from") && !lower.contains("unnest")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    List<Token> t = new ArrayList<>();
    // whether a space (or a comment) came before each token: operators of several characters stay together
    List<Boolean> spaced = new ArrayList<>();
    boolean space = false;
    for (Token token : all) {
      if (token.significant()) {
        t.add(token);
        spaced.add(space);
        space = false;
      } else {
        space = true;
      }
    }
    boolean changed = selectedUnnest(t, spaced) || unnestBesideConstants(t);
    for (int i = 0; i + 1 < t.size(); i++) {
      boolean from = t.get(i).isWord("FROM") && fromClause(t, i);
      if (!from && !t.get(i).isWord("JOIN")) {
        continue;
      }
      int item = i + 1;
      boolean first = from;
      while (item < t.size()) {
        boolean lateral = t.get(item).isWord("LATERAL");
        if (lateral) {
          item++;
        }
        int end = item(t, spaced, item, scalar);
        if (end >= 0 && !first && !lateral && !t.get(item).isWord("UNNEST")) {
          // PostgreSQL's function in FROM sees the items before it, as if LATERAL
          t.add(item, new Token(Kind.WORD, "LATERAL"));
          spaced.add(item, true);
          end++;
        }
        first = false;
        changed |= end >= 0;
        int next = nextFromItem(t, end < 0 ? item : end + 1);
        if (next < 0) {
          break;
        }
        item = next;
      }
    }
    if (!changed) {
      return sql;
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < t.size(); k++) {
      if (k > 0 && spaced.get(k)) {
        out.append(' ');
      }
      out.append(t.get(k).text());
    }
    return out.toString();
  }

  /** Whether the FROM at {@code at} starts a FROM clause, not {@code extract(… from …)} or IS DISTINCT FROM. */
  private static boolean fromClause(List<Token> t, int at) {
    if (at > 0 && t.get(at - 1).isWord("DISTINCT")) {
      return false;
    }
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      if (t.get(k).is(")")) {
        depth++;
      } else if (t.get(k).is("(") && depth-- == 0) {
        return k == 0 || t.get(k - 1).kind() != Kind.WORD
            || !FROM_IN_CALL.contains(t.get(k - 1).text().toLowerCase(Locale.ROOT));
      }
    }
    return true;
  }

  /**
   * The FROM item at {@code at}, rewritten when it is a function; its last token (as it is after the rewrite), or
   * -1 when it is none.
   */
  private static int item(List<Token> t, List<Boolean> spaced, int at, Predicate<String> scalar) {
    if (at >= t.size() || t.get(at).kind() != Kind.WORD) {
      return -1;
    }
    int nameEnd = at;
    while (nameEnd + 2 < t.size() && t.get(nameEnd + 1).is(".") && t.get(nameEnd + 2).kind() == Kind.WORD) {
      nameEnd += 2;
    }
    boolean qualified = nameEnd > at;
    boolean call = nameEnd + 1 < t.size() && t.get(nameEnd + 1).is("(");
    if (call && t.get(nameEnd).isWord("_pg_expandarray")
        && (!qualified || nameEnd == at + 2 && t.get(at).isWord("information_schema"))) {
      int close = matching(t, nameEnd + 1);
      return close < 0 ? -1 : expandArray(t, spaced, at, nameEnd + 1, close);
    }
    if (qualified && (nameEnd != at + 2 || !t.get(at).isWord("pg_catalog"))) {
      // a schema's function: a table function of that schema, looked up (and checked for access) as one
      int close = call ? matching(t, nameEnd + 1) : -1;
      return close < 0 ? -1 : asTable(t, spaced, at, close);
    }
    String name = t.get(nameEnd).text().toLowerCase(Locale.ROOT);
    int close;
    if (call) {
      close = matching(t, nameEnd + 1);
      if (close >= 0 && name.equals("unnest") && !qualified) {
        return unnest(t, spaced, nameEnd + 1, close);
      }
      if (close < 0 || NOT_SCALAR.contains(name)) {
        return -1;
      }
      if (SET_RETURNING.contains(name)) {
        return asTable(t, spaced, at, close);
      }
      if (!STANDARD.contains(name) && !PgCalls.bindsScalar(name) && !scalar.test(name)) {
        // pg_catalog's other functions are table functions of that schema, as another schema's are
        return qualified ? asTable(t, spaced, at, close) : -1;
      }
    } else if (NILADIC.contains(name) && !qualified) {
      close = nameEnd;
    } else {
      return -1;
    }
    if (qualified) {
      // pg_catalog's functions are the root's
      t.subList(at, at + 2).clear();
      spaced.subList(at + 1, at + 3).clear();
      close -= 2;
    }
    int k = close + 1;
    if (k < t.size() && t.get(k).isWord("AS")) {
      k++;
    }
    String alias = null;
    String column = null;
    if (k < t.size() && (t.get(k).kind() == Kind.QUOTED
        || t.get(k).kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(t.get(k).text().toLowerCase(Locale.ROOT)))) {
      alias = name(t.get(k));
      if (k + 2 < t.size() && t.get(k + 1).is("(") && matching(t, k + 1) == k + 3) {
        column = name(t.get(k + 2));
        k += 3;
      }
    } else {
      k = close;
    }
    alias = alias == null ? "\"" + name + "\"" : alias;
    column = column == null ? alias : column;
    StringBuilder callText = new StringBuilder();
    for (int j = at; j <= close; j++) {
      callText.append(j > at && spaced.get(j) ? " " : "").append(t.get(j).text());
    }
    List<Token> replacement = List.of(new Token(Kind.OTHER, "("), new Token(Kind.WORD, "SELECT"),
        new Token(Kind.OTHER, callText.toString()), new Token(Kind.WORD, "AS"), new Token(Kind.QUOTED, column),
        new Token(Kind.OTHER, ")"), new Token(Kind.WORD, "AS"), new Token(Kind.QUOTED, alias));
    t.subList(at, k + 1).clear();
    t.addAll(at, replacement);
    boolean before = spaced.get(at);
    spaced.subList(at, k + 1).clear();
    for (int j = 0; j < replacement.size(); j++) {
      spaced.add(at + j, j == 0 ? before : !replacement.get(j).is(")") && !replacement.get(j - 1).is("("));
    }
    return at + replacement.size() - 1;
  }

  /**
   * A statement that selects only {@code unnest(…) [[AS] alias]}, without FROM, as {@code SELECT * FROM unnest(…) [alias]},
   * so its rows and column name are those of unnest in FROM: PostgreSQL names the column by the alias, else
   * {@code unnest}. Whether it was one.
   */
  private static boolean selectedUnnest(List<Token> t, List<Boolean> spaced) {
    if (t.size() < 4 || !t.get(0).isWord("SELECT") || !t.get(1).isWord("unnest") || !t.get(2).is("(")) {
      return false;
    }
    int close = matching(t, 2);
    int end = t.size() > 0 && t.get(t.size() - 1).is(";") ? t.size() - 1 : t.size();
    int alias = close + 1 < end && t.get(close + 1).isWord("AS") ? close + 2 : close + 1;
    boolean named = alias + 1 == end && (t.get(alias).kind() == Kind.QUOTED || t.get(alias).kind() == Kind.WORD);
    if (close < 0 || close + 1 != end && !named) {
      return false;
    }
    t.add(1, new Token(Kind.OTHER, "*"));
    spaced.add(1, true);
    t.add(2, new Token(Kind.WORD, "FROM"));
    spaced.add(2, true);
    return true;
  }

  /**
   * {@code unnest(…)} in the select list of a statement without FROM beside other items ({@code SELECT unnest(a) AS x,
   * 1}), its name quoted so Calcite reads a call (UNNEST is its keyword), which {@link PgSelectSeries} reads from FROM.
   * Whether there was one.
   */
  private static boolean unnestBesideConstants(List<Token> t) {
    if (t.isEmpty() || !t.get(0).isWord("SELECT")) {
      return false;
    }
    boolean changed = false;
    int depth = 0;
    for (int i = 1; i + 1 < t.size(); i++) {
      Token token = t.get(i);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        depth--;
      } else if (depth == 0 && (token.isWord("FROM") || token.isWord("UNION") || token.isWord("INTERSECT")
          || token.isWord("EXCEPT") || token.isWord("WHERE") || token.isWord("GROUP") || token.isWord("ORDER"))) {
        return false;
      } else if (depth == 0 && token.isWord("unnest") && t.get(i + 1).is("(")) {
        t.set(i, new Token(Kind.QUOTED, "\"" + PgSelectSeries.UNNEST + "\""));
        changed = true;
      }
    }
    return changed;
  }

  /**
   * {@code unnest(…) [WITH ORDINALITY] [AS] alias [(columns)]}, whose parentheses open at {@code open} and close at
   * {@code close}, with its columns named as PostgreSQL names them: the column list's names; else, of one array, the
   * alias (or {@code unnest} without one); each further array's column {@code unnest} and the ordinal
   * {@code ordinality}. Calcite's UNNEST would name them {@code EXPR$0} and {@code ORDINALITY}. Its last token.
   */
  private static int unnest(List<Token> t, List<Boolean> spaced, int open, int close) {
    int arrays = arguments(t, open, close);
    int k = close + 1;
    boolean ordinality = k + 1 < t.size() && t.get(k).isWord("WITH") && t.get(k + 1).isWord("ORDINALITY");
    if (ordinality) {
      k += 2;
    }
    int last = k - 1;
    if (k < t.size() && t.get(k).isWord("AS")) {
      k++;
    }
    String alias = null;
    List<String> columns = new ArrayList<>();
    if (k < t.size() && (t.get(k).kind() == Kind.QUOTED
        || t.get(k).kind() == Kind.WORD && !AFTER_FROM_ITEM.contains(t.get(k).text().toLowerCase(Locale.ROOT)))) {
      alias = name(t.get(k));
      last = k;
      if (k + 1 < t.size() && t.get(k + 1).is("(")) {
        int listEnd = matching(t, k + 1);
        if (listEnd < 0) {
          return -1;
        }
        for (int j = k + 2; j < listEnd; j++) {
          if (!t.get(j).is(",")) {
            columns.add(name(t.get(j)));
          }
        }
        last = listEnd;
      }
    }
    int wanted = arrays + (ordinality ? 1 : 0);
    if (columns.size() > wanted) {
      return -1; // more names than columns: Calcite's error is PostgreSQL's
    }
    for (int c = columns.size(); c < wanted; c++) {
      columns.add(c == arrays ? "\"ordinality\"" : c == 0 && arrays == 1 && alias != null ? alias : "\"unnest\"");
    }
    List<Token> replacement = new ArrayList<>();
    replacement.add(new Token(Kind.WORD, "AS"));
    replacement.add(new Token(Kind.QUOTED, alias == null ? "\"unnest\"" : alias));
    replacement.add(new Token(Kind.OTHER, "(" + String.join(", ", columns) + ")"));
    int from = ordinality ? close + 3 : close + 1;
    t.subList(from, last + 1).clear();
    t.addAll(from, replacement);
    spaced.subList(from, last + 1).clear();
    for (int j = 0; j < replacement.size(); j++) {
      spaced.add(from + j, true);
    }
    return from + replacement.size() - 1;
  }

  /** How many arguments the call whose parentheses open at {@code open} and close at {@code close} has. */
  private static int arguments(List<Token> t, int open, int close) {
    int count = close > open + 1 ? 1 : 0;
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      if (t.get(k).is("(") || t.get(k).is("[")) {
        depth++;
      } else if (t.get(k).is(")") || t.get(k).is("]")) {
        depth--;
      } else if (depth == 0 && t.get(k).is(",")) {
        count++;
      }
    }
    return count;
  }

  /**
   * {@code [information_schema.]_pg_expandarray(a)} (pgJDBC's and other tools' key queries) as PostgreSQL defines it:
   * a row {@code (x, n)} per element, {@code x} the element and {@code n} its position from 1, i.e.
   * {@code UNNEST(a) WITH ORDINALITY} under those names; without an alias the item is named {@code _pg_expandarray}.
   * It computes on its argument alone, so it reads nothing a policy checks. Its last token after the rewrite.
   */
  private static int expandArray(List<Token> t, List<Boolean> spaced, int at, int open, int close) {
    Token next = close + 1 < t.size() ? t.get(close + 1) : null;
    boolean aliased = next != null && (next.kind() == Kind.QUOTED || next.kind() == Kind.WORD
        && !AFTER_FROM_ITEM.contains(next.text().toLowerCase(Locale.ROOT)));
    t.set(close, new Token(Kind.OTHER, ") WITH ORDINALITY AS pgx_ (x, n))" + (aliased ? "" : " AS \"_pg_expandarray\"")));
    t.subList(at, open + 1).clear();
    spaced.subList(at + 1, open + 1).clear();
    t.add(at, new Token(Kind.OTHER, "(SELECT pgx_.x, pgx_.n FROM UNNEST("));
    spaced.set(at + 1, false);
    return close - (open - at);
  }

  /** The call from {@code at} to {@code close} as Calcite's {@code TABLE(…)}; its last token after the rewrite. */
  private static int asTable(List<Token> t, List<Boolean> spaced, int at, int close) {
    t.add(close + 1, new Token(Kind.OTHER, ")"));
    spaced.add(close + 1, false);
    t.add(at, new Token(Kind.OTHER, "("));
    spaced.add(at, false);
    t.add(at, new Token(Kind.WORD, "TABLE"));
    spaced.add(at, spaced.get(at + 1));
    spaced.set(at + 2, false);
    return close + 3;
  }

  /** A name as PostgreSQL reads it, quoted: an unquoted one in lower case, a quoted one as written. */
  private static String name(Token token) {
    return token.kind() == Kind.QUOTED ? token.text() : "\"" + token.text().toLowerCase(Locale.ROOT) + "\"";
  }

  /** The first token of the FROM item after a comma at this level from {@code at}, or -1 at the clause's end. */
  private static int nextFromItem(List<Token> t, int at) {
    int depth = 0;
    for (int k = at; k < t.size(); k++) {
      Token token = t.get(k);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        if (depth-- == 0) {
          return -1;
        }
      } else if (depth == 0 && token.is(",")) {
        return k + 1;
      } else if (depth == 0 && token.kind() == Kind.WORD && (token.isWord("JOIN") || token.isWord("SELECT")
          || token.isWord("WHERE") || token.isWord("GROUP") || token.isWord("HAVING") || token.isWord("ORDER")
          || token.isWord("LIMIT") || token.isWord("UNION") || token.isWord("EXCEPT") || token.isWord("INTERSECT")
          || token.isWord("WINDOW") || token.isWord("OFFSET") || token.isWord("FETCH"))) {
        return -1; // after JOIN its own item is looked at, and the ON that follows ends the list
      }
    }
    return -1;
  }

  private static int matching(List<Token> t, int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      if (t.get(k).is("(")) {
        depth++;
      } else if (t.get(k).is(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static Set<String> standardFunctions() {
    Set<String> names = new HashSet<>();
    for (SqlOperator op : SqlStdOperatorTable.instance().getOperatorList()) {
      if (op instanceof SqlFunction f && !(op instanceof SqlTableFunction) && !op.isAggregator()
          && f.getFunctionType() != SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION
          && f.getFunctionType() != SqlFunctionCategory.USER_DEFINED_TABLE_SPECIFIC_FUNCTION
          && op.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        names.add(op.getName().toLowerCase(Locale.ROOT));
      }
    }
    names.removeAll(NOT_SCALAR);
    return Set.copyOf(names);
  }
}
