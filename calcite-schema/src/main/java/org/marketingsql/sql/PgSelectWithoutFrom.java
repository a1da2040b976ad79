package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's {@code SELECT} without {@code FROM} that has a {@code WHERE}, {@code GROUP BY} or {@code HAVING}:
 * {@code SELECT 1 WHERE false} (no row), {@code SELECT EXISTS (SELECT 1 WHERE false)}, {@code SELECT 'x' WHERE 1 = 1}
 * (one row). Calcite's parser takes those clauses only after a FROM; before parsing, on tokens, such a select reads
 * one row of no use, {@code FROM (VALUES (0)) AS "$without_from"("$without_from")}, which is what a select without
 * FROM reads in PostgreSQL. {@code SELECT *} without FROM, which PostgreSQL refuses, is left as it is.
 */
final class PgSelectWithoutFrom {
  static final String ALIAS = "$without_from";
  /** The words that end a select's clauses before its WHERE would come, at its own depth of parentheses. */
  private static final Set<String> ENDS = Set.of("UNION", "INTERSECT", "EXCEPT", "ORDER", "LIMIT", "OFFSET", "FETCH",
      "WINDOW", "QUALIFY", "FROM", "INTO");
  private static final Set<String> CLAUSES = Set.of("WHERE", "GROUP", "HAVING");

  private PgSelectWithoutFrom() {
  }

  /** {@code sql} with a FROM of one row before the WHERE, GROUP BY or HAVING of each select that has no FROM. */
  static String rewrite(String sql) {
    String upper = sql.toUpperCase(Locale.ROOT);
    if (!upper.contains("WHERE") && !upper.contains("GROUP") && !upper.contains("HAVING")) {
      return sql;
    }
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    List<Integer> insertions = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isWord("SELECT") && !startsWithStar(tokens, i + 1)) {
        int clause = clauseWithoutFrom(tokens, i + 1);
        if (clause >= 0) {
          insertions.add(clause);
        }
      }
    }
    if (insertions.isEmpty()) {
      return sql;
    }
    List<SqlTokens.Token> out = new ArrayList<>(tokens.size() + insertions.size());
    for (int i = 0; i < tokens.size(); i++) {
      if (insertions.contains(i)) {
        out.add(new SqlTokens.Token(SqlTokens.Kind.OTHER, "FROM (VALUES (0)) AS \"" + ALIAS + "\"(\"" + ALIAS + "\") "));
      }
      out.add(tokens.get(i));
    }
    return SqlTokens.join(out);
  }

  private static boolean startsWithStar(List<SqlTokens.Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).significant()) {
        return tokens.get(i).is("*");
      }
    }
    return false;
  }

  /**
   * The index of the WHERE, GROUP or HAVING of the select whose list begins at {@code from}, when no FROM comes before
   * it at the select's depth; else -1.
   */
  private static int clauseWithoutFrom(List<SqlTokens.Token> tokens, int from) {
    int depth = 0;
    SqlTokens.Token previous = null;
    for (int i = from; i < tokens.size(); i++) {
      SqlTokens.Token token = tokens.get(i);
      if (token.is("(") || token.is("[")) {
        depth++;
      } else if (token.is(")") || token.is("]")) {
        if (--depth < 0) {
          return -1;
        }
      } else if (token.is(";") && depth == 0) {
        return -1;
      } else if (depth == 0 && token.kind() == SqlTokens.Kind.WORD) {
        String word = token.upper();
        boolean distinctFrom = word.equals("FROM") && previous != null && previous.isWord("DISTINCT");
        boolean withinGroup = word.equals("GROUP") && previous != null && previous.isWord("WITHIN");
        if (CLAUSES.contains(word) && !withinGroup) {
          return i;
        }
        if (ENDS.contains(word) && !distinctFrom) {
          return -1;
        }
      }
      if (token.significant()) {
        previous = token;
      }
    }
    return -1;
  }
}
