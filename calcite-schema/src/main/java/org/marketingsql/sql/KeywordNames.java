package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL takes any keyword as a column or table alias after AS ({@code AS count}, {@code AS year},
 * {@code AS user}); Calcite reserves many of them. This quotes such a word exactly as written, so it
 * names the column it names in PostgreSQL: after AS, in a CTE's or a derived table's column list, after
 * a qualifier ({@code t.year}), and where ORDER BY or GROUP BY names an alias quoted so. A call of one of
 * PostgreSQL's statistics aggregates whose name Calcite reserves ({@code corr(}, {@code regr_slope(} …) is quoted in
 * lower case, so it is a call of that name ({@link PgStatistics}).
 */
final class KeywordNames {
  /** Words after AS that continue a statement rather than name something. */
  private static final Set<String> NOT_NAMES = Set.of("SELECT", "WITH", "VALUES", "OF");
  private static final Set<String> CASTS = Set.of("CAST", "TRY_CAST", "SAFE_CAST");
  /** What may follow an ORDER BY or GROUP BY item. */
  private static final Set<String> AFTER_ITEM = Set.of("ASC", "DESC", "NULLS", "LIMIT", "OFFSET", "FETCH", "HAVING",
      "ORDER", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "MINUS", "QUALIFY");
  /** PostgreSQL's functions, besides its statistics aggregates, whose names Calcite's parser reserves. */
  private static final Set<String> CALLS = Set.of("width_bucket");
  private static final Set<String> CLAUSES = Set.of("SELECT", "FROM", "WHERE", "HAVING", "ON", "WITH", "AS", "JOIN");

  private final Predicate<String> reserved;

  /** {@code reserved} tells a reserved word (in upper case) of the parser at hand. */
  KeywordNames(Predicate<String> reserved) {
    this.reserved = Objects.requireNonNull(reserved, "reserved");
  }

  String rewrite(String sql) {
    List<Token> all = SqlTokens.tokenize(sql);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).significant()) {
        at.add(i);
      }
    }
    List<Token> t = new ArrayList<>();
    at.forEach(i -> t.add(all.get(i)));
    Set<Integer> quote = new HashSet<>();
    Set<String> aliases = new HashSet<>();
    Set<Integer> lowerCase = new HashSet<>();
    for (int k = 0; k < t.size(); k++) {
      if (t.get(k).isWord("AS") && k + 1 < t.size() && isKeyword(t.get(k + 1)) && !NOT_NAMES.contains(t.get(k + 1).upper())
          && !(k + 2 < t.size() && t.get(k + 2).is("(")) && !insideCast(t, k)) {
        quote.add(k + 1);
        aliases.add(t.get(k + 1).text());
      }
      if (t.get(k).is("(") && isColumnList(t, k)) {
        for (int j = k + 1; t.get(j - 1).is("(") || t.get(j - 1).is(","); j += 2) {
          if (isKeyword(t.get(j))) {
            quote.add(j);
          }
        }
      }
      if (isKeyword(t.get(k)) && (PgStatistics.NAMES.contains(t.get(k).text().toLowerCase(Locale.ROOT))
          || CALLS.contains(t.get(k).text().toLowerCase(Locale.ROOT)))
          && k + 1 < t.size() && t.get(k + 1).is("(") && !(k > 0 && t.get(k - 1).is("."))) {
        // an aggregate or function of PostgreSQL's whose name Calcite reserves (corr, width_bucket …): a call of that name
        quote.add(k);
        lowerCase.add(k);
      }
      if (t.get(k).is(".") && k > 0 && k + 1 < t.size() && (t.get(k - 1).kind() == Kind.WORD
          || t.get(k - 1).kind() == Kind.QUOTED) && isKeyword(t.get(k + 1))
          && !(k + 2 < t.size() && t.get(k + 2).is("("))) {
        quote.add(k + 1);
      }
    }
    for (int k = 1; k < t.size(); k++) {
      Token word = t.get(k);
      if (word.kind() == Kind.WORD && aliases.contains(word.text()) && (t.get(k - 1).isWord("BY") || t.get(k - 1).is(","))
          && (k + 1 == t.size() || t.get(k + 1).is(",") || t.get(k + 1).is(")") || t.get(k + 1).is(";")
          || t.get(k + 1).kind() == Kind.WORD && AFTER_ITEM.contains(t.get(k + 1).upper())) && inOrderOrGroupBy(t, k)) {
        quote.add(k);
      }
    }
    for (int k : quote) {
      String name = lowerCase.contains(k) ? t.get(k).text().toLowerCase(Locale.ROOT) : t.get(k).text();
      all.set(at.get(k), new Token(Kind.QUOTED, "\"" + name + "\""));
    }
    return SqlTokens.join(all);
  }

  private boolean isKeyword(Token token) {
    return token.kind() == Kind.WORD && reserved.test(token.upper());
  }

  /** {@code AS t (a, b)} or a CTE's {@code t (a, b) AS (}: a parenthesis of names only. */
  private static boolean isColumnList(List<Token> t, int open) {
    if (open < 2 || !(t.get(open - 1).kind() == Kind.WORD || t.get(open - 1).kind() == Kind.QUOTED)) {
      return false;
    }
    int k = open + 1;
    while (k + 1 < t.size() && (t.get(k).kind() == Kind.WORD || t.get(k).kind() == Kind.QUOTED)) {
      if (t.get(k + 1).is(")")) {
        boolean derived = t.get(open - 2).isWord("AS") && !insideCast(t, open - 2);
        boolean cte = k + 3 < t.size() && t.get(k + 2).isWord("AS") && t.get(k + 3).is("(");
        return derived || cte;
      }
      if (!t.get(k + 1).is(",")) {
        return false;
      }
      k += 2;
    }
    return false;
  }

  /** Whether the AS at {@code as} is CAST's, whose type follows it. */
  private static boolean insideCast(List<Token> t, int as) {
    int depth = 0;
    for (int k = as - 1; k >= 0; k--) {
      if (t.get(k).is(")")) {
        depth++;
      } else if (t.get(k).is("(") && depth-- == 0) {
        return k > 0 && t.get(k - 1).kind() == Kind.WORD && CASTS.contains(t.get(k - 1).upper());
      }
    }
    return false;
  }

  /** Whether the item at {@code k} is in an ORDER BY or GROUP BY list, at its own depth. */
  private static boolean inOrderOrGroupBy(List<Token> t, int k) {
    int depth = 0;
    for (int j = k - 1; j > 0; j--) {
      Token token = t.get(j);
      if (token.is(")")) {
        depth++;
      } else if (token.is("(") && depth-- == 0) {
        return false;
      } else if (depth == 0 && token.isWord("BY")) {
        return t.get(j - 1).isWord("ORDER") || t.get(j - 1).isWord("GROUP");
      } else if (depth == 0 && token.kind() == Kind.WORD && CLAUSES.contains(token.upper())) {
        return false;
      }
    }
    return false;
  }
}
