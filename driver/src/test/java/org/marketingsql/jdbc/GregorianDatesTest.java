package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.marketingsql.jdbc.StorePlans.assertOneStoreQuery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * Days before, across and long after the Gregorian reform of 1582 through the driver, by a connection that reads only
 * {@code finance}, each answer as a PostgreSQL 15 server gives it: PostgreSQL counts every day in the proleptic
 * Gregorian calendar, where 1582-10-10 exists and 1000-02-29 does not. Literals the driver computes itself, dates and
 * timestamps the store computes and the driver reads back, day counts, weekdays and truncations; on the fixture's store
 * (DuckDB, and PostgreSQL in the postgresql-store run). The store's statements read order o1 (2025-01-16); PostgreSQL
 * reads the same row from {@code VALUES}.
 */
class GregorianDatesTest {
  private static final List<String> DAYS =
      List.of("0001-01-01", "1000-02-28", "1582-10-04", "1582-10-10", "1582-10-15", "1899-12-31", "9999-12-31");
  private static final String ORDERS = "finance.orders";
  private static final String PG_ORDERS = "(VALUES ('o1', DATE '2025-01-16')) AS orders(order_id, order_date)";

  @RegisterExtension
  static final IsolatedHome HOME = IsolatedHome.perClass();
  @RegisterExtension
  static final PostgresCluster POSTGRES = PostgresCluster.trust();
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  static final FinanceReader FINANCE = FinanceReader.over(FIXTURE);

  @Test
  void aDateOrTimestampLiteralIsTheDayPostgresqlGivesAcrossTheReformAndInFarYears() throws Exception {
    for (String day : DAYS) {
      assertLikePostgresql("SELECT DATE '" + day + "' AS d, TIMESTAMP '" + day + " 12:34:56.5' AS t, CAST('" + day
          + "' AS DATE) AS c, '" + day + "'::date AS p, CAST('" + day + " 23:59:59' AS TIMESTAMP) AS ct");
    }
  }

  @Test
  void datesAndTimestampsTheStoreComputesAreReadBackAsTheStoreHoldsThem() throws Exception {
    for (String day : DAYS) {
      String sql = "SELECT CAST(concat('" + day + "', order_id) AS VARCHAR) AS text_of_it, CAST(concat('" + day
          + "', '') AS DATE) AS d, CAST(concat('" + day + "', ' 12:34:56') AS TIMESTAMP) AS t, DATE '" + day
          + "' AS l FROM %s WHERE order_id = 'o1'";
      assertLikePostgresql(sql);
      assertOneStoreQuery(FINANCE.connection(), String.format(sql, ORDERS));
    }
  }

  @Test
  void dayCountsWeekdaysAndTruncationsAcrossTheReformAreThoseOfPostgresql() throws Exception {
    for (String day : DAYS) {
      String next = day.startsWith("9999") ? "DATE '" + day + "' - 1" : "DATE '" + day + "' + 1";
      String previous = day.startsWith("0001") ? next : "DATE '" + day + "' - 1";
      assertLikePostgresql("SELECT order_date - DATE '" + day + "' AS days, " + next + " AS next, " + previous
          + " AS previous, extract(dow FROM DATE '" + day + "') AS dow, extract(doy FROM DATE '" + day + "') AS doy,"
          + " to_char(DATE '" + day + "', 'YYYY-MM-DD Dy') AS shown, date_trunc('month', TIMESTAMP '" + day
          + " 12:00:00') AS month_start, CAST(DATE '" + day + "' < order_date AS VARCHAR) AS earlier"
          + " FROM %s WHERE order_id = 'o1'");
    }
  }

  @Test
  void aDayOnlyTheJulianCalendarHasIsRefusedAsPostgresqlRefusesIt() throws Exception {
    for (String sql : List.of("SELECT DATE '1000-02-29' AS d", "SELECT TIMESTAMP '1500-02-29 12:00:00' AS t",
        "SELECT CAST('1000-02-29' AS DATE) AS d", "SELECT DATE '1000-02-29' AS d FROM %s WHERE order_id = 'o1'",
        "SELECT CAST(concat('1000-02-29', '') AS DATE) AS d FROM %s WHERE order_id = 'o1'")) {
      SQLException ours = assertThrows(SQLException.class,
          () -> Sql.lines(FINANCE.connection(), String.format(sql, ORDERS)), sql);
      try (Connection pg = POSTGRES.connection()) {
        SQLException theirs = assertThrows(SQLException.class, () -> Sql.lines(pg, String.format(sql, PG_ORDERS)), sql);
        assertEquals(theirs.getSQLState() + " " + theirs.getMessage().lines().findFirst().orElseThrow()
            .replaceFirst("^ERROR: ", ""),
            ours.getSQLState() + " " + ours.getMessage(), sql);
      }
    }
  }

  /** Asserts that the driver answers {@code sql} (its {@code %s} the orders) with PostgreSQL's text of each value. */
  private static void assertLikePostgresql(String sql) throws Exception {
    try (Connection pg = POSTGRES.connection()) {
      assertEquals(Sql.lines(pg, String.format(sql, PG_ORDERS)), Sql.lines(FINANCE.connection(), String.format(sql, ORDERS)),
          sql);
    }
  }
}
