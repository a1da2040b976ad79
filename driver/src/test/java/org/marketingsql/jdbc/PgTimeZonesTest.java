package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * {@code AT TIME ZONE}, {@code timestamptz} casts and literals through the driver, on a connection whose time
 * zone is Europe/Berlin; each expected value is what PostgreSQL 15 answers with {@code SET TimeZone =
 * 'Europe/Berlin'}, as a timestamp's text.
 */
@ExtendWith(IsolatedHome.class)
class PgTimeZonesTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  private static Connection berlin;

  @AfterAll
  static void close() throws SQLException {
    if (berlin != null) {
      berlin.close();
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      // a timestamp read as the zone's local time: the instant, shown in Berlin
      "TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC'|2024-03-01 01:00:00",
      "TIMESTAMP '2024-07-01 00:00:00' AT TIME ZONE 'America/New_York'|2024-07-01 06:00:00",
      "TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'europe/berlin'|2024-03-01 00:00:00",
      // a timestamptz as the zone's local time
      "CAST('2024-03-01 00:00:00+01' AS timestamptz) AT TIME ZONE 'UTC'|2024-02-29 23:00:00",
      "'2024-03-01 12:00:00Z'::timestamptz AT TIME ZONE 'Asia/Tokyo'|2024-03-01 21:00:00",
      "timestamp with time zone '2024-03-01 00:00:00+00' AT TIME ZONE 'EST'|2024-02-29 19:00:00",
      "timestamptz '2024-03-01 00:00:00.000 +01:00'|2024-03-01 00:00:00",
      "TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC' AT TIME ZONE 'America/Los_Angeles'|2024-02-29 16:00:00",
      // POSIX offsets are west of Greenwich, as in PostgreSQL
      "TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE '+02'|2024-03-01 03:00:00",
      // casts keep the local time; a text with an offset is its instant in Berlin
      "CAST(TIMESTAMP '2024-03-01 10:00:00' AS timestamptz)|2024-03-01 10:00:00",
      "'2024-03-01 23:30:00-05'::timestamptz|2024-03-02 05:30:00",
      "'2024-03-01 23:30:00-05'::timestamptz::date|2024-03-02",
      "CAST('2024-06-01' AS timestamp with time zone)|2024-06-01 00:00:00",
      "date_trunc('day', TIMESTAMP '2024-03-01 23:30:00' AT TIME ZONE 'UTC')|2024-03-02 00:00:00",
      "date_trunc('day', TIMESTAMP '2024-03-01 23:30:00' AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'|2024-03-01 23:00:00",
      "timezone('UTC', TIMESTAMP '2024-03-01 00:00:00')|2024-03-01 01:00:00",
      // to_timestamp's instant, as Grafana converts it
      "to_timestamp(1709251200) AT TIME ZONE 'UTC'|2024-03-01 00:00:00",
      "to_timestamp(1709251200) AT TIME ZONE 'America/New_York'|2024-02-29 19:00:00"})
  void aTimeZoneConvertsAsPostgresqlDoes(String expression, String expected) throws SQLException {
    assertEquals(List.of(expected), rows("SELECT " + expression));
  }

  @Test
  void bothDirectionsOfTheSameValueInOneStatementKeepTheirOwnResults() throws SQLException {
    // a timestamp read as New York's local time, and the same value as a timestamptz shown as New York's local time
    assertEquals(List.of("2025-03-09 06:30:00|2025-03-08 18:30:00|2024-03-01 01:00:00"),
        rows("SELECT TIMESTAMP '2025-03-09 00:30:00' AT TIME ZONE 'America/New_York',"
            + " CAST(TIMESTAMP '2025-03-09 00:30:00' AS timestamptz) AT TIME ZONE 'America/New_York',"
            + " timezone('UTC', TIMESTAMP '2024-03-01 00:00:00')"));
    assertEquals(List.of("2025-01-16 06:00:00|2025-01-15 18:00:00"),
        rows("SELECT CAST(order_date AS TIMESTAMP) AT TIME ZONE 'America/New_York',"
            + " CAST(CAST(order_date AS TIMESTAMP) AS timestamptz) AT TIME ZONE 'America/New_York'"
            + " FROM finance.orders WHERE order_id = 'o1'"));
  }

  @Test
  void storeColumnsConvertInFiltersAndGroups() throws SQLException {
    assertEquals(List.of("2025-01-16 01:00:00|1"), rows("SELECT CAST(order_date AS TIMESTAMP) AT TIME ZONE 'UTC' AS t,"
        + " count(*) FROM finance.orders WHERE order_id = 'o1'"
        + " AND CAST(order_date AS TIMESTAMP) AT TIME ZONE 'UTC' >= timestamptz '2025-01-16 00:00:00+00'"
        + " GROUP BY CAST(order_date AS TIMESTAMP) AT TIME ZONE 'UTC'"));
  }

  @Test
  void grafanasTimeFilterAndMetabasesDayGrainAnswerOnStoreColumns() throws SQLException {
    // Grafana's $__timeFilter(col) and $__timeGroupAlias(col, '1d'); Metabase's day grain with a report time zone
    assertEquals(List.of("1736985600|1"), rows("SELECT floor(extract(epoch from CAST(order_date AS TIMESTAMP))/86400)*86400"
        + " AS \"time\", count(*) FROM finance.orders WHERE CAST(order_date AS TIMESTAMP)"
        + " BETWEEN '2025-01-16T00:00:00Z' AND '2025-01-17T00:00:00Z' GROUP BY 1 ORDER BY 1"));
    assertEquals(List.of("2025-01-16 00:00:00|1"), rows("SELECT CAST(date_trunc('day', (CAST(order_date AS TIMESTAMP)"
        + " AT TIME ZONE 'UTC')) AS timestamp) AS created_at, count(*) FROM finance.orders"
        + " WHERE order_date = DATE '2025-01-16' GROUP BY 1"));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT count(*) FROM finance.orders"
        + " WHERE CAST(order_date AS TIMESTAMP) BETWEEN '2025-01-16T00:00:00Z' AND '2025-01-17T00:00:00Z'"));
    assertEquals(true, plan.startsWith("JdbcToEnumerableConverter") && !plan.substring(plan.indexOf('\n'))
        .contains("Enumerable"), "the time filter is the store's: " + plan);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      // a timestamptz column of a CTE, a derived table, a nested sub-query: its local time in the zone
      "WITH t AS (SELECT '2024-03-01 00:00:00+01'::timestamptz AS ts) SELECT ts AT TIME ZONE 'UTC' FROM t"
          + "|2024-02-29 23:00:00",
      "SELECT s.ts AT TIME ZONE 'UTC' FROM (SELECT timestamptz '2024-03-01 12:00:00Z' AS ts) s|2024-03-01 12:00:00",
      "SELECT u.x AT TIME ZONE 'Asia/Tokyo' FROM (SELECT ts AS x FROM (SELECT timestamptz '2024-03-01 12:00:00Z'"
          + " + INTERVAL '1' HOUR AS ts) s) u|2024-03-01 22:00:00",
      "WITH t (ts) AS (SELECT TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC') SELECT ts AT TIME ZONE"
          + " 'America/New_York' FROM t|2024-02-29 19:00:00",
      "WITH t AS (SELECT max('2024-03-01 12:00:00Z'::timestamptz) AS ts) SELECT date_trunc('day', ts)"
          + " AT TIME ZONE 'UTC' FROM t|2024-02-29 23:00:00",
      // a timestamp column of a CTE stays a timestamp: read in the zone
      "WITH t AS (SELECT TIMESTAMP '2024-03-01 00:00:00' AS ts) SELECT ts AT TIME ZONE 'UTC' FROM t|2024-03-01 01:00:00",
      "WITH t AS (SELECT '2024-03-01 12:00:00Z'::timestamptz AT TIME ZONE 'UTC' AS ts) SELECT ts AT TIME ZONE 'UTC'"
          + " FROM t|2024-03-01 13:00:00",
      // compared with a timestamp and a date in the session's zone
      "WITH t AS (SELECT '2024-03-01 23:30:00Z'::timestamptz AS ts) SELECT ts > TIMESTAMP '2024-03-02 00:00:00'"
          + " AND ts >= DATE '2024-03-02' AND ts < DATE '2024-03-03' FROM t|true"})
  void aTimestamptzFromASubQueryKeepsItsKind(String sql, String expected) throws SQLException {
    assertEquals(List.of(expected), rows(sql));
  }

  @Test
  void aTimestamptzColumnOfACteIsTypedAsOne() throws SQLException {
    try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(
        "WITH t AS (SELECT '2024-03-01 00:00:00+01'::timestamptz AS ts, TIMESTAMP '2024-03-01 00:00:00' AS plain)"
            + " SELECT * FROM (SELECT ts, plain, ts AT TIME ZONE 'UTC' AS utc FROM t) x")) {
      assertEquals(List.of("TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "TIMESTAMP"), List.of(
          rs.getMetaData().getColumnTypeName(1), rs.getMetaData().getColumnTypeName(2),
          rs.getMetaData().getColumnTypeName(3)));
    }
  }

  @Test
  void aTruncatedDateAndASeriesOfDatesAreTimestamptzAsInPostgresqlWhileTheTruncationStaysInTheStore() throws SQLException {
    try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT date_trunc('month', order_date)"
        + " AS m, date_trunc('month', CAST(order_date AS TIMESTAMP)) AS t FROM finance.orders WHERE order_id = 'o1'")) {
      assertEquals(List.of("TIMESTAMP WITH TIME ZONE", "TIMESTAMP"), List.of(rs.getMetaData().getColumnTypeName(1),
          rs.getMetaData().getColumnTypeName(2)));
      assertTrue(rs.next());
      // the midnight of the month's first day in the session's zone, held as that local time
      assertEquals("2025-01-01 00:00:00", rs.getString(1));
    }
    try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT d, date_trunc('week', d) AS w"
        + " FROM generate_series(DATE '2024-01-01', DATE '2024-01-02', INTERVAL '1' DAY) AS g(d)")) {
      assertEquals(List.of("TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE"), List.of(
          rs.getMetaData().getColumnTypeName(1), rs.getMetaData().getColumnTypeName(2)));
    }
    try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT d FROM generate_series("
        + "TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', INTERVAL '1' DAY) AS g(d)")) {
      assertEquals("TIMESTAMP", rs.getMetaData().getColumnTypeName(1), "a series of timestamps stays timestamps");
    }
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT date_trunc('month', order_date), count(*)"
        + " FROM finance.orders GROUP BY 1"));
    assertTrue(plan.startsWith("JdbcToEnumerableConverter") && !plan.substring(plan.indexOf('\n')).contains("Enumerable"),
        "the truncation and its grouping are the store's: " + plan);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      // PostgreSQL 15 with TimeZone Europe/Berlin
      "SELECT '2024-03-01 00:00:00+01'::timestamptz::text|2024-03-01 00:00:00+01",
      "SELECT CAST(timestamptz '2024-07-01 12:00:00Z' AS text)|2024-07-01 14:00:00+02",
      "WITH t AS (SELECT timestamptz '2024-03-01 12:00:00Z' AS ts) SELECT ts::text FROM t|2024-03-01 13:00:00+01",
      "SELECT (TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'UTC')::text|2024-03-01 01:00:00+01",
      "SELECT concat('at ', timestamptz '2024-03-01 12:00:00Z')|at 2024-03-01 13:00:00+01",
      // truncated in a named zone: Tokyo's midnight of the instant's day there; a timestamp read in the session's zone
      "SELECT date_trunc('day', timestamptz '2024-03-15 23:20:30+00', 'Asia/Tokyo')::text|2024-03-15 16:00:00+01",
      "SELECT date_trunc('month', TIMESTAMP '2024-03-15 10:00:00', 'UTC')::text|2024-03-01 01:00:00+01",
      // a timestamp's text has no offset; to_char writes the session's local time of a timestamptz
      "SELECT TIMESTAMP '2024-03-01 00:00:00'::text|2024-03-01 00:00:00",
      "SELECT (timestamptz '2024-03-01 12:00:00Z' AT TIME ZONE 'UTC')::text|2024-03-01 12:00:00",
      "SELECT to_char(timestamptz '2024-03-01 23:30:00Z', 'YYYY-MM-DD HH24:MI')|2024-03-02 00:30",
      // and its offset and zone abbreviation then
      "SELECT to_char(timestamptz '2024-03-01 23:30:00Z', 'HH24:MI OF TZ')|00:30 +01 CET",
      "SELECT to_char(timestamptz '2024-07-01 12:00:00Z', 'HH24:MI TZH:TZM tz')|14:00 +02:00 cest",
      "SELECT to_char(TIMESTAMP '2024-07-01 12:00:00', 'HH24:MI OF [TZ]')|12:00 +00 []",
      "SELECT to_char(CAST(order_date AS timestamptz), 'YYYY-MM-DD HH24:MI') FROM finance.orders WHERE order_id = 'o1'"
          + "|2025-01-16 00:00"})
  void aTimestamptzAsTextHasTheSessionsOffset(String sql, String expected) throws SQLException {
    assertEquals(List.of(expected), rows(sql));
  }

  @Test
  void aSetOperationOrAnOrderedQueryIsTimestamptzWhereverABranchGivesOne() throws SQLException {
    // PostgreSQL resolves a timestamptz and a timestamp in a UNION, INTERSECT or EXCEPT to timestamptz
    for (String sql : List.of(
        "SELECT timestamptz '2024-03-01 00:00:00Z' AS ts, 1 AS n UNION ALL SELECT TIMESTAMP '2024-03-02 00:00:00', 2",
        "SELECT TIMESTAMP '2024-03-02 00:00:00' AS ts, 1 AS n UNION SELECT now(), 2",
        "SELECT TIMESTAMP '2024-03-02 00:00:00' AS ts, 1 AS n INTERSECT SELECT CAST(order_date AS timestamptz), 1"
            + " FROM finance.orders",
        "SELECT x AS ts, 1 AS n FROM (SELECT TIMESTAMP '2024-03-01 00:00:00' AS x EXCEPT SELECT now()) u",
        "SELECT '2024-03-01 12:00:00Z'::timestamptz AS ts, 1 AS n ORDER BY ts",
        "WITH t AS (SELECT TIMESTAMP '2024-03-01 00:00:00' AS x UNION ALL SELECT now()) SELECT x AS ts, 1 AS n FROM t"
            + " ORDER BY ts DESC")) {
      try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertEquals(List.of("TIMESTAMP WITH TIME ZONE", "INTEGER"), List.of(rs.getMetaData().getColumnTypeName(1),
            rs.getMetaData().getColumnTypeName(2)), sql);
      }
    }
    // such a column is an instant to AT TIME ZONE: UTC's local time of Berlin's midnight
    assertEquals(List.of("2024-02-29 23:00:00"), rows("SELECT x AT TIME ZONE 'UTC' FROM (SELECT TIMESTAMP"
        + " '2024-03-01 00:00:00' AS x EXCEPT SELECT now() - INTERVAL '100' YEAR) u"));
  }

  @Test
  void anUnknownZoneIsPostgresqlsError() {
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT TIMESTAMP '2024-03-01 00:00:00' AT TIME ZONE 'Mars/Olympus'"));
    assertEquals("22023", e.getSQLState(), e.getMessage());
    assertEquals(true, e.getMessage().contains("time zone \"Mars/Olympus\" not recognized"), e.getMessage());
  }

  @Test
  void aTimestamptzTextThatIsNoTimeIsPostgresqlsError() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT 'yesterday-ish'::timestamptz"));
    assertEquals("22007", e.getSQLState(), e.getMessage());
  }

  private static Connection connection() throws SQLException {
    if (berlin == null) {
      Properties info = new Properties();
      info.setProperty("timeZone", "Europe/Berlin");
      berlin = DriverManager.getConnection(FIXTURE.csvUrl(), info);
    }
    return berlin;
  }

  private static List<String> rows(String sql) throws SQLException {
    try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        out.add(String.join("|", row));
      }
      return out;
    }
  }
}
