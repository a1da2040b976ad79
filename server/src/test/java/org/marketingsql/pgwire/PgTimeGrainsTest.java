package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The time grains and keyword aliases of BI tools through the PostgreSQL port, with PostgreSQL's own JDBC
 * driver, over the hand-checked export folder. Its orders, in the reporting currency: o1 Thu 2025-01-16
 * 500.00, o2 Tue 2025-01-21 110.00, o3 Wed 2025-02-05 50.00, o4 Fri 2025-02-07 80.00, o5 Sat 2025-02-08 12.00.
 */
class PgTimeGrainsTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = server.connectInUtc();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @Test
  void supersetsTimeGrainsTruncateAsPostgresqlDoes() throws Exception {
    String grain = "SELECT DATE_TRUNC('%s', order_date) AS order_date, sum(amount_rc) AS \"SUM(amount_rc)\""
        + " FROM finance.orders GROUP BY DATE_TRUNC('%s', order_date) ORDER BY order_date LIMIT 10000";
    // of a date, a timestamptz: the midnight in the session's zone, UTC here
    assertEquals(List.of("2025-01-13 00:00:00+00|500.000000", "2025-01-20 00:00:00+00|110.000000",
        "2025-02-03 00:00:00+00|142.000000"), rows(grain.formatted("week", "week")));
    assertEquals(List.of("2025-01-01 00:00:00+00|610.000000", "2025-02-01 00:00:00+00|142.000000"),
        rows(grain.formatted("month", "month")));
    assertEquals(List.of("2025-01-01 00:00:00+00|752.000000"), rows(grain.formatted("quarter", "quarter")));
    assertEquals(List.of("2025-01-01 00:00:00+00|752.000000"), rows(grain.formatted("year", "year")));
  }

  @Test
  void supersetsFinerGrainsAndItsTimeRangeFilterRun() throws Exception {
    String col = "CAST(order_date AS TIMESTAMP)";
    String range = " FROM finance.orders WHERE order_date >= TO_DATE('2025-01-01', 'YYYY-MM-DD')"
        + " AND " + col + " < TO_TIMESTAMP('2025-02-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')";
    assertEquals(List.of("2025-01-16 00:00:00|500.000000", "2025-01-21 00:00:00|110.000000"),
        rows("SELECT DATE_TRUNC('day', " + col + ") AS __timestamp, sum(amount_rc) AS \"SUM(amount_rc)\"" + range
            + " GROUP BY DATE_TRUNC('day', " + col + ") ORDER BY 1 LIMIT 10000"));
    for (String grain : List.of("DATE_TRUNC('second', %s)", "DATE_TRUNC('minute', %s)", "DATE_TRUNC('hour', %s)",
        "DATE_TRUNC('minute', %1$s) + INTERVAL '5 seconds' * FLOOR(EXTRACT(SECOND FROM %1$s) / 5)",
        "DATE_TRUNC('hour', %1$s) + INTERVAL '5 minutes' * FLOOR(EXTRACT(MINUTE FROM %1$s) / 5)",
        "DATE_TRUNC('hour', %1$s) + INTERVAL '30 minutes' * FLOOR(EXTRACT(MINUTE FROM %1$s) / 30)")) {
      String g = grain.formatted(col);
      assertEquals(List.of("2025-01-16 00:00:00|500.000000", "2025-01-21 00:00:00|110.000000"),
          rows("SELECT " + g + " AS __timestamp, sum(amount_rc) AS \"SUM(amount_rc)\"" + range + " GROUP BY " + g
              + " ORDER BY 1 LIMIT 10000"), grain);
    }
  }

  @Test
  void aTruncationOfADateIsATimestamptzAndDatePartADoubleForTheClient() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT date_trunc('month', order_date) AS m, date_part('year', order_date) AS y,"
            + " date_trunc('month', CAST(order_date AS TIMESTAMP)) AS t FROM finance.orders WHERE order_id = 'o1'")) {
      assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(1));
      assertEquals("float8", rs.getMetaData().getColumnTypeName(2));
      assertEquals("timestamp", rs.getMetaData().getColumnTypeName(3));
      assertTrue(rs.next());
      assertEquals(java.time.OffsetDateTime.parse("2025-01-01T00:00:00Z"), rs.getObject(1, java.time.OffsetDateTime.class));
      assertEquals(2025.0, rs.getDouble(2));
      assertEquals(Timestamp.valueOf("2025-01-01 00:00:00"), rs.getTimestamp(3));
    }
  }

  @Test
  void metabasesGrainsCastToDatesAndShiftWeeksToSunday() throws Exception {
    String base = " FROM \"finance\".\"orders\" GROUP BY 1 ORDER BY 1 ASC";
    assertEquals(List.of("2025-01-12|500.000000", "2025-01-19|110.000000", "2025-02-02|142.000000"),
        rows("SELECT CAST((DATE_TRUNC('week', (\"finance\".\"orders\".\"order_date\" + INTERVAL '1 day'))"
            + " + INTERVAL '-1 day') AS date) AS \"order_date\", SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
    assertEquals(List.of("2025-01-01|752.000000"),
        rows("SELECT CAST(DATE_TRUNC('quarter', \"finance\".\"orders\".\"order_date\") AS date) AS \"order_date\","
            + " SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
    assertEquals(List.of("2|110.000000", "3|50.000000", "4|500.000000", "5|80.000000", "6|12.000000"),
        rows("SELECT CAST(extract(dow from \"finance\".\"orders\".\"order_date\") AS integer) AS \"order_date\","
            + " SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
  }

  @Test
  void tableausMonthTruncationTakesAnUpperCaseUnit() throws Exception {
    assertEquals(List.of("2025-01-01|610.000000", "2025-02-01|142.000000"),
        rows("SELECT CAST(DATE_TRUNC( 'MONTH', CAST(\"orders\".\"order_date\" AS DATE) ) AS DATE) AS \"tmn:order_date:ok\","
            + " SUM(\"orders\".\"amount_rc\") AS \"sum:amount_rc:ok\" FROM \"finance\".\"orders\" \"orders\""
            + " GROUP BY 1 ORDER BY 1"));
  }

  @Test
  void postgresqlCastsIntervalsAndToCharWork() throws Exception {
    assertEquals(List.of("2025-01|610.000000|2025-02-01", "2025-02|142.000000|2025-03-01"),
        rows("SELECT to_char(order_date, 'YYYY-MM') AS month, SUM(amount_rc),"
            + " (date_trunc('month', order_date) + '1 month'::interval)::date FROM finance.orders"
            + " GROUP BY 1, 3 ORDER BY 1"));
    // PostgreSQL 15: a date plus an interval is a timestamp
    assertEquals(List.of("2025-01-23 00:00:00|2024-12-16 00:00:00"), rows("SELECT order_date + interval '7 days',"
        + " order_date - interval '1 month' FROM finance.orders WHERE order_id = 'o1'"));
  }

  @Test
  void toCharWritesMoneyAsPostgresqlDoesThroughThePort() throws Exception {
    assertEquals(List.of("2025-01|610.00|  <610.00>", "2025-02|142.00|  <142.00>"),
        rows("SELECT to_char(order_date, 'YYYY-MM'), to_char(SUM(amount_rc), 'FM999,999,990.00'),"
            + " to_char(-SUM(amount_rc), '9,990.00PR') FROM finance.orders GROUP BY 1 ORDER BY 1"));
  }

  @Test
  void aPreparedTimeGrainQueryBindsItsParameter() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement("SELECT date_trunc('month', order_date) AS month,"
        + " count(*) AS count FROM finance.orders WHERE order_date >= ? GROUP BY 1 ORDER BY 1")) {
      ps.setDate(1, Date.valueOf("2025-02-01"));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("2025-02-01 00:00:00+00|3", rs.getString("month") + "|" + rs.getString("count"));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void keywordsNameColumnsAfterAs() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 AS update, 2 AS ordinal, 3 AS one, COUNT(*) AS count, 5 AS value,"
            + " 6 AS year, 7 AS month, MIN(order_date) AS date, 9 AS user FROM finance.orders")) {
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        labels.add(rs.getMetaData().getColumnLabel(i));
      }
      assertEquals(List.of("update", "ordinal", "one", "count", "value", "year", "month", "date", "user"), labels);
      assertTrue(rs.next());
      assertEquals("5|2025-01-16", rs.getString("count") + "|" + rs.getString("date"));
    }
    assertEquals(List.of("c1|2"), rows("WITH t (user, count) AS (SELECT customer_id, COUNT(*) FROM finance.orders"
        + " GROUP BY customer_id) SELECT t.user, t.count FROM t WHERE t.count > 1"));
  }

  @Test
  void explainShowsATimeGrainGroupByRunningInsideTheStore() throws Exception {
    String plan = String.join("\n", rows("EXPLAIN SELECT date_trunc('month', order_date), sum(amount_rc)"
        + " FROM finance.orders GROUP BY 1"));
    assertTrue(plan.contains("JdbcAggregate"), plan);
    assertTrue(plan.contains("DATE_TRUNC('month'"), plan);
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), plan);
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
