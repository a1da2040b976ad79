package org.marketingsql.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's typed date and timestamp literals in the form Calcite's parser reads, on tokens: {@code TIMESTAMP
 * '2024-03-01 10:00'} is {@code TIMESTAMP '2024-03-01 10:00:00'}, {@code DATE 'March 1, 2024'} is {@code DATE
 * '2024-03-01'}, {@code TIME '10:30'} is {@code TIME '10:30:00'} ({@link PgDateInput}). A text in no form
 * PostgreSQL reads is left for Calcite to refuse; one whose fields are out of range ({@code DATE '2024-02-30'}) is
 * PostgreSQL's {@code 22008}.
 */
final class PgDateLiterals {
  private PgDateLiterals() {
  }

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("date") && !lower.contains("time")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    boolean changed = false;
    for (int i = 0; i < all.size(); i++) {
      boolean date = all.get(i).isWord("DATE");
      boolean time = all.get(i).isWord("TIME");
      if (!date && !time && !all.get(i).isWord("TIMESTAMP")) {
        continue;
      }
      int literal = PgCasts.following(all, i);
      int before = PgCasts.previous(all, i);
      if (literal < 0 || all.get(literal).kind() != Kind.STRING || !all.get(literal).text().startsWith("'")
          || before >= 0 && (all.get(before).isWord("AS") || all.get(before).is(":"))) {
        continue;
      }
      String text = all.get(literal).text();
      String body = text.substring(1, text.length() - 1);
      Optional<String> written = time ? PgDateInput.time(body) : PgDateInput.read(body)
          .map(f -> date ? f.dateText() : f.timestampText());
      if (written.isPresent()) {
        all.set(literal, new Token(Kind.STRING, "'" + written.get() + "'"));
        changed = true;
      }
    }
    return changed ? SqlTokens.join(all) : sql;
  }
}
