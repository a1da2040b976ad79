package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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
 * PostgreSQL's everyday functions, type names and date arithmetic through the PostgreSQL port with
 * PostgreSQL's own JDBC driver; a text over the length limit is refused with 54000 and the session goes on.
 */
class PgEverydayFunctionsPortTest {
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
  void textFunctionsAnswerAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15: 5 | abcde222 | a,b | ab | cde | def | ghi | xyxhi | trim | edcba | ThM | fooXarYXazY | a2x5
    assertEquals(List.of("5|abcde222|a,b|ab|cde|def|ghi|xyxhi|trim|edcba|ThM|fooXarYXazY|a2x5"), rows("SELECT"
        + " length('héllo'), concat('abcde', 2, NULL, 22), concat_ws(',', 'a', NULL, 'b'), left('abcde', 2),"
        + " right('abcde', -2), split_part('abc~@~def~@~ghi', '~@~', 2), split_part('abc,def,ghi,jkl', ',', -2),"
        + " lpad('hi', 5, 'xy'), btrim('xyxtrimyyx', 'xyz'), reverse('abcde'), regexp_replace('Thomas', '.[mN]a.', 'M'),"
        + " regexp_replace('foobarbaz', 'b(..)', 'X\\1Y', 'g'), translate('12345', '143', 'ax')"));
  }

  @Test
  void numbersTypesAndSessionFunctionsAnswerAsPostgresqlDoes() throws Exception {
    assertEquals(List.of("42.43|2|3|1|8|2024-01-02|29|marketing|integer|t"), rows("SELECT trunc(42.4382, 2),"
        + " div(9, 4), greatest(1, NULL, 3), CAST(1 AS float8), '7'::int4 + 1, DATE '2024-01-01' + 1,"
        + " DATE '2024-03-01' - DATE '2024-02-01', current_database(), pg_typeof(1), now() = current_timestamp"));
    String version = rows("SELECT version()").get(0);
    assertTrue(version.startsWith("PostgreSQL 15.0 (Marketing SQL "), version);
    assertEquals(List.of(version.toUpperCase(java.util.Locale.ROOT)), rows("SELECT upper(version())"),
        "version() inside an expression is the port's own");
  }

  @Test
  void aTextOverTheLimitIsRefusedAndTheSessionGoesOn() throws Exception {
    for (String sql : List.of("SELECT repeat('x', 20000000)", "SELECT lpad('x', 2000000000)", "SELECT rpad('x', 20000000)",
        "SELECT format('%2000000000s', 'x')", "SELECT overlay(repeat('x', 16777216) placing 'y' from 2 for 0)",
        "SELECT repeat('x', 10000000) || repeat('y', 10000000)", "SELECT concat(repeat('x', 10000000), repeat('y', 10000000))",
        "WITH RECURSIVE t(s, n) AS (SELECT CAST('x' AS VARCHAR), 1 UNION ALL SELECT s || s, n + 1 FROM t WHERE n < 30)"
            + " SELECT max(length(s)) FROM t")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(sql), sql);
      assertEquals("54000", e.getSQLState(), sql);
      assertTrue(e.getMessage().contains("requested length too large"), e.getMessage());
      assertEquals(List.of("1"), rows("SELECT 1"), "the session answers after " + sql);
    }
    for (String sql : List.of("SELECT format('%99999999999s', 'x')", "SELECT repeat('x', 99999999999)")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(sql), sql);
      assertEquals("22003", e.getSQLState(), sql);
      assertEquals(List.of("1"), rows("SELECT 1"), "the session answers after " + sql);
    }
  }

  @Test
  void atTimeZoneAndTimestamptzAnswerAsPostgresqlDoesInTheSessionsZone() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("SET TIME ZONE 'Europe/Berlin'");
    }
    // PostgreSQL 15 with TimeZone Europe/Berlin
    assertEquals(List.of("2024-03-01 01:00:00+01|2024-02-29 23:00:00|2024-07-01 06:00:00+02|2024-03-02"),
        rows("SELECT TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC',"
            + " '2024-03-01 00:00:00+01'::timestamptz AT TIME ZONE 'UTC',"
            + " timestamp with time zone '2024-07-01 04:00:00Z',"
            + " '2024-03-01 23:30:00-05'::timestamptz::date"));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT"
        + " date_trunc('day', CAST(order_date AS TIMESTAMP) AT TIME ZONE 'UTC') AS day, '2024-01-01'::timestamptz AS t,"
        + " TIMESTAMP '2024-01-01 00:00:00' AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Kolkata' AS local"
        + " FROM finance.orders WHERE order_id = 'o1'")) {
      var md = rs.getMetaData();
      assertEquals(List.of("timestamptz", "timestamptz", "timestamp"),
          List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3)), "types as PostgreSQL's");
      rs.next();
      assertEquals("2025-01-16 00:00:00+01|2024-01-01 00:00:00+01|2024-01-01 05:30:00",
          rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
    }
    try (Statement s = connection.createStatement()) {
      s.execute("SET timezone = 'Asia/Kolkata'");
    }
    assertEquals(List.of("2024-03-01 05:30:00+05:30"), rows("SELECT TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC'"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT now() AT TIME ZONE 'Nowhere/Special'"));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("time zone \"Nowhere/Special\" not recognized"), e.getMessage());
    assertEquals(List.of("1"), rows("SELECT 1"), "the session goes on");
  }

  @Test
  void aTimestamptzColumnOfACteIsSentAsOneAndConvertsAsOne() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("SET TIME ZONE 'Europe/Berlin'");
    }
    // PostgreSQL 15 with TimeZone Europe/Berlin
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("WITH t AS (SELECT"
        + " CAST(order_date AS TIMESTAMP)::timestamptz AS ts FROM finance.orders WHERE order_id = 'o1')"
        + " SELECT t.ts, t.ts AT TIME ZONE 'UTC' AS utc, d.ts AS again FROM t, (SELECT ts FROM t) d")) {
      var md = rs.getMetaData();
      assertEquals(List.of("timestamptz", "timestamp", "timestamptz"),
          List.of(md.getColumnTypeName(1), md.getColumnTypeName(2), md.getColumnTypeName(3)), "types as PostgreSQL's");
      rs.next();
      assertEquals("2025-01-16 00:00:00+01|2025-01-15 23:00:00|2025-01-16 00:00:00+01",
          rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
    }
  }

  @Test
  void aZoneConversionTheStoreRunsFollowsEachSetTimeZone() throws Exception {
    // the same statement, its plan kept per zone: the store converts in the session's zone of each execution
    String sql = "SELECT CAST(order_date AS TIMESTAMP) AT TIME ZONE 'UTC', (CAST(order_date AS TIMESTAMP)"
        + " AT TIME ZONE 'UTC')::text FROM finance.orders WHERE order_id = 'o1'"
        + " AND CAST(order_date AS TIMESTAMP) >= timestamp with time zone '2025-01-15 00:00:00.000Z'";
    List<String> answers = new ArrayList<>();
    for (String zone : List.of("Europe/Berlin", "Asia/Kolkata", "America/New_York", "Europe/Berlin")) {
      try (Statement s = connection.createStatement()) {
        s.execute("SET TIME ZONE '" + zone + "'");
      }
      answers.addAll(rows(sql));
    }
    // PostgreSQL 15 in each zone
    assertEquals(List.of("2025-01-16 01:00:00+01|2025-01-16 01:00:00+01",
        "2025-01-16 05:30:00+05:30|2025-01-16 05:30:00+05:30", "2025-01-15 19:00:00-05|2025-01-15 19:00:00-05",
        "2025-01-16 01:00:00+01|2025-01-16 01:00:00+01"), answers);
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT TIMESTAMP"
        + " '2024-03-01 00:00:00' AS ts UNION ALL SELECT CAST(order_date AS timestamptz) FROM finance.orders"
        + " WHERE order_id = 'o1' ORDER BY ts")) {
      assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(1), "a UNION with a timestamptz branch");
      rs.next();
      assertEquals("2024-03-01 00:00:00+01", rs.getString(1));
    }
  }

  @Test
  void castsAreNamedAfterTheirOperandOrElseAfterPostgresqlsTypeName() throws Exception {
    // as PostgreSQL 15 names them
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT order_date::timestamptz,"
        + " 'x'::text, 0::oid, CAST(order_id AS text), '2024-01-01'::date, count(*) FROM finance.orders"
        + " WHERE order_id = 'o1' GROUP BY order_date, order_id")) {
      var md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i));
      }
      assertEquals(List.of("order_date", "text", "oid", "order_id", "date", "count"), names);
      assertEquals("timestamptz", md.getColumnTypeName(1));
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
