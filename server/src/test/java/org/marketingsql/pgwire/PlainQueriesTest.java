package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The texts a session found plain are remembered, and the statements the session answers itself still are. */
class PlainQueriesTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  private static final String QUERY = "SELECT channel, SUM(spend_rc) AS spend FROM finance.channel_roi GROUP BY channel"
      + " ORDER BY channel";

  @Test
  void aTextFoundPlainIsKnownWhenSentAgainUnlessItIsLongerThanATranslationKept() {
    PlainQueries plain = new PlainQueries();
    assertFalse(plain.known(QUERY));
    plain.found(QUERY);
    assertTrue(plain.known(QUERY));
    assertFalse(plain.known(QUERY + " "), "the text as sent is the key");
    String longer = "SELECT 1" + " ".repeat(SqlSession.LONGEST_TRANSLATION_KEPT);
    plain.found(longer);
    assertFalse(plain.known(longer));
  }

  @Test
  void theKnownTextsAreForgottenBeyondAsManyAsTranslationsKept() {
    PlainQueries plain = new PlainQueries();
    for (int i = 0; i <= PlainQueries.KEPT; i++) {
      plain.found("SELECT " + i);
    }
    assertFalse(plain.known("SELECT 0"), "the least recently used goes");
    assertTrue(plain.known("SELECT " + PlainQueries.KEPT));
  }

  @Test
  void statementsTheSessionAnswersItselfAreAnsweredSoEachTimeAmongPlainQueriesSentAgain() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      List<List<String>> first = rows(s, QUERY);
      for (int run = 0; run < 5; run++) {
        assertEquals(first, rows(s, QUERY), "run " + run);
        s.execute("SET TimeZone TO 'Europe/Berlin'");
        assertEquals(List.of(List.of("Europe/Berlin")), rows(s, "SHOW TimeZone"));
        s.execute("SET TimeZone TO 'UTC'");
        assertEquals(List.of(List.of("UTC")), rows(s, "SHOW TimeZone"));
        s.execute("SET search_path TO finance");
        assertEquals(List.of(List.of("finance")), rows(s, "SELECT current_schema()"));
        s.execute("SET statement_timeout = '5s'");
        assertEquals(List.of(List.of("5s")), rows(s, "SHOW statement_timeout"));
        s.execute("RESET statement_timeout");
        s.execute("BEGIN");
        assertEquals(first, rows(s, QUERY));
        s.execute("DECLARE plain_cursor CURSOR FOR " + QUERY);
        assertEquals(first.subList(0, 1), rows(s, "FETCH 1 FROM plain_cursor"));
        s.execute("CLOSE plain_cursor");
        s.execute("COMMIT");
        assertTrue(rows(s, "EXPLAIN " + QUERY).size() > 0);
        assertEquals(List.of(List.of("f")), rows(s, "SELECT pg_cancel_backend(0)"));
        s.execute("RESET search_path");
        assertEquals(List.of(List.of(LocalAnswers.DEFAULT_SCHEMA)), rows(s, "SELECT current_schema()"));
      }
    }
  }

  private static List<List<String>> rows(Statement s, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
