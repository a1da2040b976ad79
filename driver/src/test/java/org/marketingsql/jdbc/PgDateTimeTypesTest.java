package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * The types of PostgreSQL 15's date-time and bytea results through the driver, each value as a PostgreSQL 15 server
 * gives it: EXTRACT's numeric, date_part's double precision, to_timestamp's timestamptz, a date plus an interval's
 * timestamp, and bytea with its functions; over the hand-checked export folder (order o1 is Thursday 2025-01-16,
 * o5 Saturday 2025-02-08) and over values the driver computes itself.
 */
class PgDateTimeTypesTest {
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = fixture.connection();
  }

  @Test
  void extractIsANumericWithPostgresqlsScaleForEachField() throws Exception {
    String sql = "SELECT extract(epoch from timestamp '2025-01-01'), extract(second from timestamp '2025-01-01 10:00:01.5'),"
        + " extract(millisecond from timestamp '2024-01-01 00:00:01.5'), extract(microsecond from timestamp"
        + " '2024-01-01 00:00:01.5'), extract(year from date '2024-01-01'), extract(dow from date '2024-01-07'),"
        + " extract(epoch from date '2024-01-01'), extract(epoch from timestamp '2025-01-01 00:00:00.123')";
    assertEquals(List.of("1735689600.000000|1.500000|1500.000|1500000|2024|0|1704067200|1735689600.123000"), rows(sql));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData columns = rs.getMetaData();
      int[] scales = {6, 6, 3, 0, 0, 0, 0, 6};
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        assertEquals("extract", columns.getColumnLabel(i));
        assertEquals(Types.DECIMAL, columns.getColumnType(i), columns.getColumnLabel(i) + " " + i);
        assertEquals(scales[i - 1], columns.getScale(i), "column " + i);
      }
      rs.next();
      assertEquals(new BigDecimal("1.500000"), rs.getBigDecimal(2));
    }
  }

  @Test
  void extractOfAnIntervalsSecondsAndEpochKeepsTheirFraction() throws Exception {
    assertEquals(List.of("30.500000|93600.000000|30500.000|30500000|1|2"), rows("SELECT extract(second from interval"
        + " '90.5 seconds'), extract(epoch from interval '1 day 2 hours'), extract(millisecond from interval"
        + " '90.5 seconds'), extract(microsecond from interval '90.5 seconds'), extract(minute from interval"
        + " '90.5 seconds'), extract(hour from interval '1 day 2 hours')"));
    assertEquals(List.of("-30.500000|-90.500000"), rows("SELECT extract(second from interval '-90.5 seconds'),"
        + " extract(epoch from interval '-90.5 seconds')"));
  }

  @Test
  void aDoublePrecisionReadsAsTextAsPostgresqlWritesIt() throws Exception {
    assertEquals(List.of("2025|0.5|1e+20|1e-05|-2.5"), rows("SELECT date_part('year', date '2025-03-01'),"
        + " CAST(0.5 AS double precision), CAST(1e20 AS double precision), CAST(0.00001 AS double precision),"
        + " CAST(-2.5 AS real)"));
    assertEquals(List.of("2025"), rows("SELECT date_part('year', order_date) FROM finance.orders WHERE order_id = 'o5'"));
  }

  @Test
  void extractOfATimeOfDayFieldFromADateIsRefusedAsInPostgresql() throws Exception {
    for (String field : List.of("second", "minute", "hour", "millisecond", "microsecond")) {
      SQLException e = assertThrows(SQLException.class, () -> rows("SELECT extract(" + field
          + " from date '2024-01-01')"));
      assertEquals("0A000", e.getSQLState(), e.getMessage());
      assertEquals("unit \"" + field + "\" not supported for type date", e.getMessage());
    }
    assertEquals(List.of("true"), rows("SELECT date_part('second', date '2024-01-01') = 0"), "date_part reads a timestamp");
    assertEquals(List.of("0"), rows("SELECT date_part('second', date '2024-01-01')"));
  }

  @Test
  void extractOfAStoreColumnRunsInTheStoreWithTheSameNumbers() throws Exception {
    String sql = "SELECT extract(epoch from CAST(order_date AS timestamp)), extract(second from CAST(order_date AS timestamp)"
        + " + interval '1.5' second), extract(year from order_date), extract(dow from order_date),"
        + " extract(epoch from order_date), date_part('year', order_date) FROM finance.orders WHERE order_id = 'o5'";
    assertEquals(List.of("1738972800.000000|1.500000|2025|6|1738972800|2025"), rows(sql));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), "nothing left in Calcite:\n" + plan);
  }

  @Test
  void aGroupByAndAnOrderByOnExtractAreTheSelectedExpressions() throws Exception {
    assertEquals(List.of("1|2|610.000000", "2|3|142.000000"), rows("SELECT extract(month from order_date), count(*),"
        + " sum(amount_rc) FROM finance.orders GROUP BY extract(month from order_date)"
        + " HAVING extract(month from order_date) > 0 ORDER BY extract(month from order_date)"));
    assertEquals(List.of("2.500000"), rows("SELECT extract(second from ts) FROM (VALUES (TIMESTAMP '2025-01-01 10:00:02.5'))"
        + " AS t(ts) WHERE extract(second from ts) > 2 GROUP BY extract(second from ts)"));
  }

  @Test
  void datePartStaysDoublePrecision() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT date_part('year', date '2024-01-01'), date_part('epoch', timestamp '2024-01-01 00:00:00.5')")) {
      assertEquals("date_part", rs.getMetaData().getColumnLabel(1));
      assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(1));
      rs.next();
      assertEquals(2024d, rs.getDouble(1));
      assertEquals(1704067200.5d, rs.getDouble(2));
    }
  }

  @Test
  void grafanasEpochBucketsAreWholeNumbersInTheStore() throws Exception {
    String sql = "SELECT floor(extract(epoch from CAST(order_date AS TIMESTAMP))/86400)*86400 AS \"time\", count(*)"
        + " FROM finance.orders WHERE order_id IN ('o1', 'o2') GROUP BY 1 ORDER BY 1";
    assertEquals(List.of("1736985600|1", "1737417600|1"), rows(sql));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), "nothing left in Calcite:\n" + plan);
  }

  @Test
  void aMonthsExtractStillCategorisesAnNpsScoreInTheStore() throws Exception {
    String sql = "SELECT NPS_CATEGORY(extract(month from order_date) + 7) FROM finance.orders WHERE order_id = 'o5'";
    assertEquals(List.of("promoter"), rows(sql));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), "nothing left in Calcite:\n" + plan);
  }

  @Test
  void toTimestampIsATimestamptzShownInTheSessionsZone() throws Exception {
    Properties info = new Properties();
    info.setProperty("timeZone", "Europe/Berlin");
    try (Connection berlin = DriverManager.getConnection(fixture.csvUrl(), info);
         Statement s = berlin.createStatement();
         ResultSet rs = s.executeQuery("SELECT to_timestamp(1.5), to_timestamp(1709251200) AT TIME ZONE 'UTC',"
             + " to_timestamp('2024-03-01 10:00', 'YYYY-MM-DD HH24:MI'), to_timestamp(1709251200)::text")) {
      assertEquals("TIMESTAMP WITH TIME ZONE", rs.getMetaData().getColumnTypeName(1));
      assertEquals("TIMESTAMP WITH TIME ZONE", rs.getMetaData().getColumnTypeName(3));
      rs.next();
      assertEquals("1970-01-01 01:00:01.5", rs.getString(1), "the session's local time of the instant");
      assertEquals("2024-03-01 00:00:00", rs.getString(2));
      assertEquals("2024-03-01 10:00:00", rs.getString(3));
      assertEquals("2024-03-01 01:00:00+01", rs.getString(4));
    }
  }

  @Test
  void aDatePlusOrMinusAnIntervalIsATimestampAndADatePlusDaysADate() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT date '2024-01-31'"
        + " + interval '1 month', date '2024-01-31' - interval '1 day', interval '1 day' + date '2024-01-31',"
        + " date '2024-01-31' + 1")) {
      assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(1));
      assertEquals(Types.DATE, rs.getMetaData().getColumnType(4));
      rs.next();
      assertEquals("2024-02-29 00:00:00|2024-01-30 00:00:00|2024-02-01 00:00:00|2024-02-01",
          rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
    }
    String sql = "SELECT order_date - interval '7 days', count(*) FROM finance.orders WHERE order_date >= DATE '2025-02-15'"
        + " - interval '10 days' GROUP BY order_date - interval '7 days' ORDER BY 1";
    assertEquals(List.of("2025-01-29 00:00:00|1", "2025-01-31 00:00:00|1", "2025-02-01 00:00:00|1"), rows(sql));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), "nothing left in Calcite:\n" + plan);
  }

  @Test
  void byteaReadsAndWritesPostgresqlsFormats() throws Exception {
    assertEquals(List.of("\\x41|QQ==|\\x4142|\\x616263|7fc56270e7a70fa81a5935b72eacbe29|2|2|0"),
        rows("SELECT '\\x41'::bytea, encode('\\x41'::bytea, 'base64'), decode('QUI=', 'base64'), CAST('abc' AS bytea),"
            + " md5('\\x41'::bytea), length('\\x4142'::bytea), octet_length(decode('4142', 'hex')),"
            + " length(decode('', 'hex'))"));
    assertEquals(List.of("4100ff|\\000\\377A\\\\b|\\x5c01|3|0cc175b9c0f1b6a831c399e269772661"),
        rows("SELECT encode('\\x4100ff'::bytea, 'hex'), encode('\\x00ff415c62'::bytea, 'escape'),"
            + " decode('\\\\\\001', 'escape'), length('abc'), md5('a')"));
    assertEquals(List.of("eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\neHh4"),
        rows("SELECT encode(decode(repeat('78', 60), 'hex'), 'base64')"), "lines of 76 characters, as PostgreSQL's");
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT decode('QUI=', 'base64')")) {
      assertEquals(Types.VARBINARY, rs.getMetaData().getColumnType(1));
      rs.next();
      assertEquals("AB", new String(rs.getBytes(1), java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  @Test
  void pgTypeofNamesEachResultsTypeAsPostgresqlDoes() throws Exception {
    assertEquals(List.of("numeric|double precision|timestamp with time zone|timestamp without time zone|date|bytea"),
        rows("SELECT pg_typeof(extract(year from date '2024-01-01')), pg_typeof(date_part('year', date '2024-01-01')),"
            + " pg_typeof(to_timestamp(1)), pg_typeof(date '2024-01-01' + interval '1 day'),"
            + " pg_typeof(date '2024-01-01' + 1), pg_typeof(decode('41', 'hex'))"));
  }

  @Test
  void badByteaInputIsPostgresqlsError() {
    assertEquals("22023", state("SELECT decode('zz', 'hex')"));
    assertEquals("22023", state("SELECT decode('abc', 'hex')"));
    assertEquals("22023", state("SELECT encode('\\x41'::bytea, 'foo')"));
    assertEquals("22023", state("SELECT decode('QQ=', 'base64')"));
    assertEquals("22P02", state("SELECT 'a\\b'::bytea"));
  }

  private String state(String sql) {
    SQLException e = assertThrows(SQLException.class, () -> rows(sql));
    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), sql);
    return e.getSQLState();
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
