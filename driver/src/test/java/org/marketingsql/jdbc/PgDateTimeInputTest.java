package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * Dates, timestamps and intervals written in PostgreSQL's forms, and the date and text functions that read them,
 * through the embedded driver (what {@code marketing-sql query} runs), over the hand-checked export folder. Its orders:
 * o1 2025-01-16, o2 2025-01-21, o3 2025-02-05, o4 2025-02-07, o5 2025-02-08. The port's answers are compared with
 * PostgreSQL 15's in the server module's PgDateTextParityTest.
 */
class PgDateTimeInputTest {
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
  void intervalTextsInEveryPostgresqlFormReadAsPostgresqlWritesThem() throws SQLException {
    assertEquals(List.of("1 mon|1 year 2 mons|01:02:03|1 day 02:00:00|02:00:00|-1 days|01:30:00|00:00:05"),
        rows("SELECT interval 'P1M', interval '1-2', interval '01:02:03', interval '1 day 02:00:00',"
            + " CAST('2 hours' AS interval), '1 day ago'::interval, interval '@ 90 mins', '5'::interval"));
    assertEquals(List.of("3 days 04:05:06|14 days|1 day 12:00:00"),
        rows("SELECT interval '3 4:05:06', interval 'P2W', interval '1.5 days'"));
  }

  @Test
  void aTextThatIsNoIntervalIsInvalidInputAndMonthsWithDaysAreNotSupported() {
    SQLException invalid = assertThrows(SQLException.class, () -> rows("SELECT 'x'::interval"));
    assertEquals("22007", invalid.getSQLState());
    assertTrue(invalid.getMessage().contains("invalid input syntax for type interval: \"x\""), invalid.getMessage());
    assertEquals("0A000", assertThrows(SQLException.class, () -> rows("SELECT interval '1 month 2 days'")).getSQLState());
  }

  @Test
  void datesAndTimestampsInPostgresqlsOtherFormsReadAsTheSameDay() throws SQLException {
    assertEquals(List.of("2024-03-01|2024-03-01|2024-03-01|2024-03-01|2024-03-01|2024-03-01"),
        rows("SELECT 'March 1, 2024'::date, '20240301'::date, '2024/03/01'::date, '1 March 2024'::date,"
            + " 'Mar 1 2024'::date, '03/01/2024'::date"));
    assertEquals(List.of("2024-03-01 10:00:00|2024-03-01 10:00:00|2024-03-01 22:30:00|2024-03-01 10:00:00"),
        rows("SELECT '2024-03-01 10:00'::timestamp, '2024-03-01T10:00:00'::timestamp,"
            + " 'March 1, 2024 10:30 PM'::timestamp, timestamp '2024-03-01 10:00'"));
    assertEquals("22008", assertThrows(SQLException.class, () -> rows("SELECT 'February 30, 2024'::date")).getSQLState());
  }

  @Test
  void aFilterOnAStoreColumnTakesADateLiteralInAnyForm() throws SQLException {
    assertEquals(List.of("3"), rows("SELECT count(*) FROM finance.orders WHERE order_date >= DATE 'February 1, 2025'"));
    assertEquals(List.of("2"), rows("SELECT count(*) FROM finance.orders WHERE order_date < timestamp '2025-02-01 00:00'"));
  }

  @Test
  void timestampsSubtractToAnIntervalAndDatesBinAndBuildAsInPostgresql() throws SQLException {
    assertEquals(List.of("2 days 01:30:00|2024-03-01 10:15:00|2024-03-01 10:20:30.5"),
        rows("SELECT timestamp '2024-03-01 10:00' - timestamp '2024-02-28 08:30',"
            + " date_bin('15 minutes', timestamp '2024-03-01 10:23:00', timestamp '2024-01-01'),"
            + " make_timestamp(2024, 3, 1, 10, 20, 30.5)"));
    assertEquals(List.of("23|13"), rows("SELECT max(order_date) - min(order_date), date '2025-02-08' - date '2025-01-26'"
        + " FROM finance.orders"));
    assertEquals("22008", assertThrows(SQLException.class,
        () -> rows("SELECT make_timestamp(2024, 2, 30, 0, 0, 0)")).getSQLState());
    assertEquals(List.of("2024-03-01 10:30:00|2024-03-01 10:30:00"),
        rows("SELECT date '2024-03-01' + time '10:30', time '10:30' + date '2024-03-01'"));
  }

  @Test
  void anIntervalCastToTextIsWrittenAsPostgresqlWritesIt() throws SQLException {
    assertEquals(List.of("1 day|01:30:00|1 year 2 mons|2 days 01:30:00"),
        rows("SELECT CAST(interval '1 day' AS text), (interval '90 minutes')::varchar, interval '14 months'::text,"
            + " CAST(timestamp '2024-03-01 10:00' - timestamp '2024-02-28 08:30' AS text)"));
  }

  @Test
  void substringFromAPatternAndToCharsJulianDayAndOrdinalsAreThoseOfPostgresql() throws SQLException {
    assertEquals(List.of("123|1|null|2460375|01st 02nd 03RD 11th 22nd"),
        rows("SELECT substring('foo123bar' from '[0-9]+'), substring('foo123bar' from 'o(\\d)'),"
            + " substring('abc' from 'z'), to_char(date '2024-03-05', 'J'), to_char(date '2024-03-01', 'DDth')"
            + " || to_char(date '2024-03-02', ' DDth') || to_char(date '2024-03-03', ' DDTH')"
            + " || to_char(date '2024-03-11', ' DDth') || to_char(date '2024-03-22', ' DDth')"));
  }

  @Test
  void periodsThatOnlyTouchDoNotOverlapAndPeriodsStartingTogetherDo() throws SQLException {
    assertEquals(List.of("false|true|true|false"),
        rows("SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-02-01', date '2024-03-01'),"
            + " (date '2024-01-01', date '2024-01-01') OVERLAPS (date '2024-01-01', date '2024-03-01'),"
            + " (timestamp '2024-01-05 00:00', timestamp '2024-01-01 00:00') OVERLAPS (date '2024-01-02', date '2024-01-03'),"
            + " (o.order_date, o.order_date + 1) OVERLAPS (date '2025-03-01', date '2025-04-01')"
            + " FROM finance.orders o WHERE o.order_id = 'o1'"));
  }

  @Test
  void operatorsNameTheirColumnsAsPostgresqlDoes() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 'a' || 1, (date '2024-01-01', date '2024-02-01') OVERLAPS"
            + " (date '2024-01-15', date '2024-03-01')")) {
      assertEquals("?column?", rs.getMetaData().getColumnLabel(1));
      assertEquals("overlaps", rs.getMetaData().getColumnLabel(2));
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }
}
