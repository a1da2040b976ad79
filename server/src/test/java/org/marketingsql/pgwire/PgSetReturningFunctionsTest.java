package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's set-returning, text and setting functions through the PostgreSQL port with PostgreSQL's own
 * JDBC driver, in the shapes Grafana, Metabase and DBeaver send, over the hand-checked export folder
 * (orders o1 2025-01-16 500.00, o2 2025-01-21 110.00, o3 2025-02-05 50.00, o4 2025-02-07 80.00, o5 2025-02-08 12.00).
 */
class PgSetReturningFunctionsTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = server.connect();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @Test
  void grafanasTimeBucketsFillTheDaysWithoutOrdersFromGenerateSeries() throws Exception {
    try (PreparedStatement p = connection.prepareStatement("SELECT g.day AS time, coalesce(sum(o.amount_rc), 0) AS revenue"
        + " FROM generate_series(?::date, ?::date, interval '1 day') AS g(day)"
        + " LEFT JOIN finance.orders o ON o.order_date = g.day GROUP BY g.day ORDER BY 1")) {
      p.setString(1, "2025-02-04");
      p.setString(2, "2025-02-06");
      assertEquals(List.of("2025-02-04 00:00:00+00|0.000000", "2025-02-05 00:00:00+00|50.000000",
          "2025-02-06 00:00:00+00|0.000000"),
          rows(p.executeQuery()));
    }
  }

  @Test
  void aSeriesNamedByItsAliasAndAnAggregateOverIt() throws Exception {
    assertEquals(List.of("6|1,2,3"), rows("SELECT sum(i), string_agg(CAST(i AS VARCHAR), ',' ORDER BY i)"
        + " FROM generate_series(1, 3) AS i"));
  }

  @Test
  void dbeaversKeywordQueryReadsPostgresqlsKeywords() throws Exception {
    List<String> reserved = rows("SELECT word FROM pg_catalog.pg_get_keywords() WHERE catcode = 'R' ORDER BY word");
    assertTrue(reserved.containsAll(List.of("select", "from", "where", "table")), reserved.toString());
    assertEquals(77, reserved.size(), "PostgreSQL 15 reserves 77 words");
  }

  @Test
  void currentSettingReadsTheSessionsSettings() throws Exception {
    assertEquals(List.of("ISO, MDY|UTC|marketing|on|null"), rows("SELECT current_setting('DateStyle'),"
        + " current_setting('TimeZone'), current_setting('search_path'), current_setting('standard_conforming_strings'),"
        + " current_setting('no_such_setting', true)"));
    try (Statement s = connection.createStatement()) {
      s.execute("SET search_path TO finance");
    }
    assertEquals(List.of("finance"), rows("SELECT current_setting('search_path')"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT current_setting('no_such_setting')"));
    assertEquals("42704", e.getSQLState());
  }

  @Test
  void formatAndParseIdentAnswerAsPostgresqlDoes() throws Exception {
    assertEquals(List.of("SELECT * FROM finance.\"Orders\" WHERE id = 'o''1'|{SomeSchema,sometable}"),
        rows("SELECT format('SELECT * FROM %I.%I WHERE id = %L', 'finance', 'Orders', 'o''1'),"
            + " parse_ident('\"SomeSchema\".someTable')"));
  }

  @Test
  void errorsCarryPostgresqlsSqlstates() {
    assertEquals("54000", stateOf("SELECT count(*) FROM generate_series(1, 20000000)"));
    assertEquals("22023", stateOf("SELECT * FROM generate_series(1, 3, 0)"));
    assertEquals("42883", stateOf("SELECT make_date('2025', 1)"));
    assertEquals("22007", stateOf("SELECT to_date(order_id, 'YYYY-MM-DD') FROM finance.orders"));
    assertEquals("22008", stateOf("SELECT make_date(2025, 2, 30)"));
  }

  private String stateOf(String sql) {
    return assertThrows(SQLException.class, () -> rows(sql), sql).getSQLState();
  }

  private List<String> rows(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
