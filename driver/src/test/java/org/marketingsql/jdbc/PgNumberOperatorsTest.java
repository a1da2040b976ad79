package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * PostgreSQL 15's number operators and roundings through the driver, by a connection that reads only {@code finance}
 * (the values are PostgreSQL's).
 */
@ExtendWith(IsolatedHome.class)
class PgNumberOperatorsTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(FIXTURE);

  @Test
  void aCaretIsExponentiationInDoublePrecisionAndBindsTighterThanATimes() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("8|0.25|18|1.4142135623730951"), Sql.lines(c, "SELECT 2 ^ 3, 2 ^ -2, 2 * 3 ^ 2, 2 ^ 0.5"));
      assertEquals(List.of("36|5|32|64|-4|1"),
          Sql.lines(c, "SELECT (2 * 3) ^ 2, 1 + 2 ^ 2, 2 ^ 3 * 4, 2 ^ 3 ^ 2, 1 - 5 ^ 1 * 1, 2 / 4 ^ 0.5"));
      assertEquals(List.of("1|1", "2|4", "3|9"),
          Sql.lines(c, "SELECT x, x ^ 2 FROM generate_series(1, 3) x ORDER BY x"));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2 ^ 3")) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals("?column? DOUBLE", meta.getColumnLabel(1) + " " + meta.getColumnTypeName(1));
      }
    }
  }

  @Test
  void aDoublePrecisionRoundsHalfToEvenAndANumericHalfAwayFromZero() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("2|-2|4|3|4|2|-2"), Sql.lines(c, "SELECT round(2.5::float8), round(-2.5::float8), "
          + "round(3.5::float8), round(2.5), 3.5::float8::int, 2.5::float8::int, (-2.5)::float8::bigint"));
      assertEquals(List.of("0.5|0|0", "1.5|2|2", "2.5|2|2", "3.5|4|4"), Sql.lines(c,
          "SELECT x, round(x::float8), x::float8::int FROM (VALUES (0.5), (1.5), (2.5), (3.5)) t(x) ORDER BY x"));
      assertEquals(List.of("3|-3|3"), Sql.lines(c, "SELECT round(2.5::numeric), round(-2.5), 2.5::int"));
    }
  }

  @Test
  void aNumericTooWideForItsCastIsANumericFieldOverflow() throws Exception {
    try (Connection c = finance.connection()) {
      for (String sql : List.of("SELECT 1000::numeric(5,2)", "SELECT 12345.678::numeric(5,2)",
          "SELECT x::numeric(3,1) FROM (VALUES (99.94), (99.96)) t(x)")) {
        SQLException refused = assertThrows(SQLException.class, () -> Sql.lines(c, sql), sql);
        assertEquals("22003", refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("numeric field overflow"), refused.getMessage());
      }
      assertEquals(List.of("999.99|99.9"), Sql.lines(c, "SELECT 999.99::numeric(5,2), 99.94::numeric(3,1)"));
    }
  }

  @Test
  void scalesFactorialAndWidthBucketAreExactAndFailAsInPostgresql() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("2|4|2|12.34|0|100"), Sql.lines(c,
          "SELECT scale(0.00), scale(12.3400), min_scale(12.3400), trim_scale(12.3400), scale(-5), trim_scale(100)"));
      assertEquals(List.of("1|2432902008176640000|265252859812191058636308480000000"),
          Sql.lines(c, "SELECT factorial(0), factorial(20), factorial(30)"));
      assertEquals(List.of("3|0|5|4"), Sql.lines(c, "SELECT width_bucket(5.35, 0.024, 10.06, 5), "
          + "width_bucket(-1, 0, 100, 4), width_bucket(100, 0, 100, 4), width_bucket(25, 100, 0, 4)"));
      // each order's bucket of ten between 0 and the largest amount, the largest in the eleventh
      List<String> buckets = Sql.lines(c, "SELECT amount_rc, max(amount_rc) OVER (), width_bucket(amount_rc, 0, "
          + "(SELECT max(amount_rc) FROM finance.orders), 10) FROM finance.orders ORDER BY order_id");
      for (String row : buckets) {
        String[] values = row.split("\\|");
        java.math.BigDecimal amount = new java.math.BigDecimal(values[0]);
        java.math.BigDecimal max = new java.math.BigDecimal(values[1]);
        int expected = amount.signum() < 0 ? 0 : amount.compareTo(max) >= 0 ? 11
            : amount.multiply(java.math.BigDecimal.TEN).divide(max, 0, java.math.RoundingMode.FLOOR).intValue() + 1;
        assertEquals(String.valueOf(expected), values[2], row);
      }
      for (String sql : List.of("SELECT factorial(-1)", "SELECT width_bucket(1, 1, 1, 3)", "SELECT width_bucket(1, 0, 3, 0)")) {
        SQLException refused = assertThrows(SQLException.class, () -> Sql.lines(c, sql), sql);
        assertEquals(sql.contains("factorial") ? "22003" : "2201G", refused.getSQLState(), refused.getMessage());
      }
    }
  }
}
