package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's operator names for LIKE and ILIKE, which Calcite's parser does not read, as the words:
 * {@code a ~~ b} is {@code a LIKE b}, {@code !~~} {@code NOT LIKE}, {@code ~~*} {@code ILIKE} and {@code !~~*}
 * {@code NOT ILIKE}. On tokens, so strings, comments and quoted names are never touched; the regular expression
 * operators ({@code ~}, {@code ~*}, {@code !~}, {@code !~*}) are left as they are.
 */
final class PgLikeOperators {
  private PgLikeOperators() {
  }

  /** {@code sql} with each of the four operators written as its words. */
  static String rewrite(String sql) {
    if (!sql.contains("~~")) {
      return sql;
    }
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    List<SqlTokens.Token> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      boolean not = tokens.get(i).is("!");
      int tilde = not ? i + 1 : i;
      if (!is(tokens, tilde, "~") || !is(tokens, tilde + 1, "~")) {
        out.add(tokens.get(i));
        continue;
      }
      boolean caseless = is(tokens, tilde + 2, "*");
      String words = (not ? " NOT " : " ") + (caseless ? "ILIKE" : "LIKE") + " ";
      out.add(new SqlTokens.Token(SqlTokens.Kind.WORD, words));
      i = tilde + (caseless ? 2 : 1);
    }
    return SqlTokens.join(out);
  }

  private static boolean is(List<SqlTokens.Token> tokens, int i, String punctuation) {
    return i < tokens.size() && tokens.get(i).is(punctuation);
  }
}
