package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL analysts and BI tools type, through the PostgreSQL port with PostgreSQL's own JDBC driver: casts,
 * JSON, regular expressions, justified intervals, numeric logarithms, the limit on string_agg and the
 * session's time zone, each with PostgreSQL 15's answer.
 */
class PgAnalystSqlPortTest {
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
  void castsKeepDigitsAndRoundAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15: 12.35 | 1.50 | 500.000000 | 500.00 | t | 2025-01-01
    assertEquals(List.of("12.35|1.50|500.000000|500.00|t|2025-01-01"), rows("SELECT '12.345'::numeric(10,2),"
        + " '1.50'::numeric, amount_rc::numeric, amount_rc::numeric(12,2), 'yes'::bool, '2025-01-01'::date"
        + " FROM finance.orders WHERE order_id = 'o1'"));
  }

  @Test
  void aTextCastToAnArrayIsTheArrayPostgresqlReadsFromItAsInTheDriver() throws Exception {
    // PostgreSQL 15: {a,b} | {1,2} | {"x y",NULL} | {"a b",c} | 0 | t
    assertEquals(List.of("{a,b}|{1,2}|{\"x y\",NULL}|{\"a b\",c}|0|t"), rows("SELECT '{a,b}'::text[],"
        + " CAST('{1,2}' AS int[]), '{\"x y\",NULL}'::text[], ' { a b , c } '::text[], cardinality('{}'::text[]),"
        + " 'b' = ANY('{a,b}'::text[])"));
    for (String literal : new String[] {"'{a'::text[]", "'{{1,2},{3,4}}'::int[]", "CAST('{a} x' AS text[])"}) {
      SQLException e = assertThrows(SQLException.class, () -> rows("SELECT " + literal), literal);
      assertEquals("22P02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("malformed array literal"), e.getMessage());
    }
  }

  @Test
  void theAverageAndSpreadOfWholeNumbersAndMoneyAreNumericsAsInPostgresql() throws Exception {
    // PostgreSQL 15: 1.5000000000000000 | 1.5000000000000000 | 0.50000000000000000000 | 0.70710678118654752440 | numeric
    // (its variance and deviation of 1 and 2 show 20 decimals, the same value; the deviation a double's digits here)
    assertEquals(List.of("1.5000000000000000|1.5000000000000000|0.5000000000000000|0.7071067811865476|numeric"),
        rows("SELECT avg(x), avg(x::numeric), var_samp(x), stddev(x), pg_typeof(avg(x)) FROM (VALUES (1), (2)) AS t(x)"));
    String sql = "SELECT avg(amount_rc), stddev(amount_rc), avg(CAST(amount_rc AS integer)), avg(amount_rc::float8),"
        + " SUM(amount_rc), COUNT(amount_rc) FROM finance.orders";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(List.of("avg|numeric|2", "stddev|numeric|2", "avg|numeric|2", "avg|float8|8"), List.of(
          meta.getColumnLabel(1) + "|" + meta.getColumnTypeName(1) + "|" + meta.getColumnType(1),
          meta.getColumnLabel(2) + "|" + meta.getColumnTypeName(2) + "|" + meta.getColumnType(2),
          meta.getColumnLabel(3) + "|" + meta.getColumnTypeName(3) + "|" + meta.getColumnType(3),
          meta.getColumnLabel(4) + "|" + meta.getColumnTypeName(4) + "|" + meta.getColumnType(4)));
      assertTrue(rs.next());
      // the sum over the count, rounded half away from zero to sixteen decimals
      assertEquals(rs.getBigDecimal(5).divide(rs.getBigDecimal(6), 16, java.math.RoundingMode.HALF_UP).toPlainString(),
          rs.getString(1));
    }
  }

  @Test
  void jsonRegexpAndIntervalFunctionsAnswerAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15 gives exactly these texts
    assertEquals(List.of("{\"id\" : \"o1\", \"amount\" : 500.000000, \"day\" : \"2025-01-16\"}|\"o\\\"1\"|1.50"),
        rows("SELECT json_build_object('id', order_id, 'amount', amount_rc, 'day', order_date),"
            + " to_json('o\"1'::text), to_json(1.50) FROM finance.orders WHERE order_id = 'o1'"));
    assertEquals(List.of("{bar,beque}|{B}|1 mon 5 days|1 day 03:00:00|1 year 1 mon 10 days"),
        rows("SELECT regexp_match('foobarbequebaz', '(bar)(beque)'), regexp_matches('ABC', 'b', 'i'),"
            + " justify_days(interval '35 days'), justify_hours(interval '27 hours'),"
            + " justify_interval(interval '400 days')"));
  }

  @Test
  void aLogarithmOfANumericIsNumeric() throws Exception {
    // PostgreSQL 15: 2.0000000000000000 | 0.6931471805599453 | 6.0000000000000000 | numeric | 2.6989700043360188
    assertEquals(List.of("2.0000000000000000|0.6931471805599453|6.0000000000000000|numeric|2.6989700043360188"),
        rows("SELECT log(100.0), ln(2.0), log(2, 64), pg_typeof(log(amount_rc)), log(amount_rc)"
            + " FROM finance.orders WHERE order_id = 'o1'"));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT ln(2.0), log(2.0::float8)")) {
      assertEquals("numeric", rs.getMetaData().getColumnTypeName(1));
      assertEquals("float8", rs.getMetaData().getColumnTypeName(2));
    }
  }

  @Test
  void stringAggOverTheLimitIsRefusedWithProgramLimitExceededAndTheSessionGoesOn() throws Exception {
    assertEquals(List.of("o1,o2,o3"), rows("SELECT string_agg(order_id, ',' ORDER BY order_id) FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o2', 'o3')"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT string_agg(repeat('x', 8000000), ',')"
        + " FROM (VALUES (1), (2), (3)) AS t(i)"));
    assertEquals("54000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("string_agg() would build a text of"), e.getMessage());
    assertEquals(List.of("1"), rows("SELECT 1"), "the session answers after the error");
  }

  @Test
  void aFunctionGivenArgumentsItDoesNotTakeIsUndefinedFunction() throws Exception {
    for (String sql : List.of("SELECT string_agg(amount_rc, ',') FROM finance.orders",
        "SELECT justify_days('x')")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(sql), sql);
      assertEquals("42883", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT regexp_matches('abab', 'a', 'g')"));
    assertEquals("0A000", e.getSQLState(), e.getMessage());
  }

  @Test
  void clockTimestampFollowsTheSessionsTimeZoneAsNowDoes() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("SET TimeZone = 'Pacific/Kiritimati'");
    }
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT now()::timestamp, clock_timestamp()::timestamp")) {
      rs.next();
      LocalDateTime kiritimati = LocalDateTime.now(ZoneId.of("Pacific/Kiritimati"));
      LocalDateTime now = rs.getObject(1, LocalDateTime.class);
      LocalDateTime clock = rs.getObject(2, LocalDateTime.class);
      assertTrue(Duration.between(now, kiritimati).abs().toMinutes() < 5, now + " is not Kiritimati's time " + kiritimati);
      assertTrue(Duration.between(clock, kiritimati).abs().toMinutes() < 5, clock + " is not Kiritimati's time " + kiritimati);
    }
  }

  @Test
  void statisticsAggregatesAreDoublePrecisionColumnsNamedAsPostgresqlNamesThem() throws Exception {
    // PostgreSQL 15: corr 0.9707253433941511, regr_count 3, regr_r2 0.9423076923076923, as float8, int8, float8
    String sql = "SELECT corr(y, x), regr_count(y, x), regr_r2(y, x) FROM (VALUES (1.0, 2.0), (2, 4.5), (3, 5.5),"
        + " (4, NULL)) AS t(x, y)";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(List.of("corr|float8", "regr_count|int8", "regr_r2|float8"), List.of(
          meta.getColumnLabel(1) + "|" + meta.getColumnTypeName(1), meta.getColumnLabel(2) + "|" + meta.getColumnTypeName(2),
          meta.getColumnLabel(3) + "|" + meta.getColumnTypeName(3)));
      rs.next();
      assertEquals(0.9707253433941511, rs.getDouble(1), 1e-15);
      assertEquals(3, rs.getLong(2));
      assertEquals(0.9423076923076923, rs.getDouble(3), 1e-15);
    }
  }

  @Test
  void jsonOperatorsAndRomanNumeralsAnswerAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15: 1 | [1,"x"] | x | MCMLXXXVII, the first column unnamed
    String sql = "SELECT '{\"a\":1}'::json->>'a', '{\"b\":[1,\"x\"]}'::json -> 'b', '{\"b\":[1,\"x\"]}'::json #>> '{b,1}',"
        + " to_char(1987, 'FMRN')";
    assertEquals(List.of("1|[1,\"x\"]|x|MCMLXXXVII"), rows(sql));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals("?column?", rs.getMetaData().getColumnLabel(1));
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
