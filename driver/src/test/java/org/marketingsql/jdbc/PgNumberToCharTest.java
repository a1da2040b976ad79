package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * to_char of numbers through the driver, over the hand-checked export folder. Its orders, in the reporting
 * currency: January 500.00 and 110.00 (610.00), February 50.00, 80.00 and 12.00 (142.00).
 */
class PgNumberToCharTest {
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
  void moneyIsWrittenWithGroupSeparatorsAndTwoDecimals() throws Exception {
    assertEquals(List.of("2025-01|610.00|     610.00", "2025-02|142.00|     142.00"),
        rows("SELECT to_char(order_date, 'YYYY-MM'), to_char(SUM(amount_rc), 'FM999,999,990.00'),"
            + " to_char(SUM(amount_rc), '999,990.00') FROM finance.orders GROUP BY 1 ORDER BY 1"));
    // half away from zero, as PostgreSQL rounds a numeric
    assertEquals(List.of("1,234,567.89|-1,234,567.89|<1234567.89>| 1.23e+06"),
        rows("SELECT to_char(1234567.885, 'FM999,999,990.00'), to_char(-1234567.885, 'FM999,999,990.00'),"
            + " to_char(-1234567.885, 'FM99999999.99PR'), to_char(1234567.885, '9.99EEEE')"));
  }

  @Test
  void integersAndDoublesTakeTheSameTemplates() throws Exception {
    assertEquals(List.of("5th|21ST|  1,234.50| ###.#|-42"),
        rows("SELECT to_char(5, 'FM9th'), to_char(CAST(21 AS BIGINT), 'FM99TH'),"
            + " to_char(CAST(1234.5 AS DOUBLE PRECISION), '99,999.99'), to_char(1234, '999.9'),"
            + " to_char(-42, 'FMSG999')"));
  }

  @Test
  void aNumbersTemplateThatReadsAsADatesToo() throws Exception {
    // D, MI and SS are date patterns as well: the number decides
    assertEquals(List.of("2025-01|   610.00|  610|610.00", "2025-02|   142.00|  142|142.00"),
        rows("SELECT to_char(order_date, 'YYYY-MM'), to_char(SUM(amount_rc), '9G999D99'),"
            + " to_char(SUM(amount_rc), 'MI9999'), to_char(SUM(amount_rc), 'FM9999D00')"
            + " FROM finance.orders GROUP BY 1 ORDER BY 1"));
  }

  @Test
  void romanNumeralsAreWrittenForMoneyIntegersAndDoubles() throws Exception {
    // February's total is 142.00; numbers are rounded to whole ones first, and only 1 to 3999 have numerals
    assertEquals(List.of("2025-02|CXLII|          cxlii|MCMLXXXVII|IV|###############"),
        rows("SELECT to_char(order_date, 'YYYY-MM'), to_char(SUM(amount_rc), 'FMRN'), to_char(SUM(amount_rc), 'rn'),"
            + " to_char(1987, 'FMRN'), to_char(CAST(3.6 AS DOUBLE PRECISION), 'FMRN'), to_char(4000, 'RN')"
            + " FROM finance.orders WHERE order_date >= DATE '2025-02-01' GROUP BY 1"));
  }

  @Test
  void timeOfDayIsTheClocksTimeAsPostgresqlWritesIt() throws Exception {
    String before = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    List<String> rows = rows("SELECT timeofday()");
    String after = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    assertEquals(1, rows.size());
    // Mon Dec 07 10:05:12.123000 2026 UTC, in the connection's zone (UTC here)
    assertTrue(rows.get(0).matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} \\d{4} UTC"), rows.get(0));
    assertTrue(rows.get(0).contains(before.substring(0, 4)) || rows.get(0).contains(after.substring(0, 4)), rows.get(0));
  }

  @Test
  void aNullNumberGivesNull() throws Exception {
    assertEquals(List.of("null"), rows("SELECT to_char(CAST(NULL AS NUMERIC), '999')"));
  }

  @Test
  void aTemplatePostgresqlRefusesIsRefusedWithItsMessage() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT to_char(12.5, '9.9.9')"));
    assertTrue(e.getMessage().contains("multiple decimal points"), e.getMessage());
  }

  @Test
  void timestampsWriteOffsetZeroAndTheirFraction() throws Exception {
    assertEquals(List.of("07:05:09.123000 +00|12|"), rows("SELECT to_char(t, 'HH24:MI:SS.US OF'), to_char(t, 'FF2'),"
        + " to_char(t, 'TZ') FROM (VALUES (TIMESTAMP '2025-01-19 07:05:09.123')) AS v (t)"));
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
