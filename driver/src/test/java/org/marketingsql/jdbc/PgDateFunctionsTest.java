package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * PostgreSQL's date functions through the driver, in the shapes Metabase and Superset send for their time
 * grains, over the hand-checked export folder. Its orders, in the reporting currency: o1 Thu 2025-01-16
 * 500.00, o2 Tue 2025-01-21 110.00, o3 Wed 2025-02-05 50.00, o4 Fri 2025-02-07 80.00, o5 Sat 2025-02-08 12.00.
 */
class PgDateFunctionsTest {
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
  void supersetsMonthGrainGroupsByDateTruncAndReturnsTimestamps() throws Exception {
    assertEquals(List.of("2025-01-01 00:00:00|610.000000", "2025-02-01 00:00:00|142.000000"),
        rows("SELECT DATE_TRUNC('month', order_date) AS order_date, sum(amount_rc) AS \"SUM(amount_rc)\""
            + " FROM finance.orders GROUP BY DATE_TRUNC('month', order_date) ORDER BY order_date LIMIT 10000"));
  }

  @Test
  void eachSupersetTimeGrainTruncatesAsPostgresqlDoes() throws Exception {
    String grain = "SELECT DATE_TRUNC('%s', order_date) AS __timestamp, COUNT(*) AS count FROM finance.orders"
        + " GROUP BY DATE_TRUNC('%s', order_date) ORDER BY __timestamp";
    assertEquals(List.of("2025-01-16 00:00:00|1", "2025-01-21 00:00:00|1", "2025-02-05 00:00:00|1",
        "2025-02-07 00:00:00|1", "2025-02-08 00:00:00|1"), rows(grain.formatted("day", "day")));
    // weeks start on Monday: 01-13, 01-20 and 02-03
    assertEquals(List.of("2025-01-13 00:00:00|1", "2025-01-20 00:00:00|1", "2025-02-03 00:00:00|3"),
        rows(grain.formatted("week", "week")));
    assertEquals(List.of("2025-01-01 00:00:00|2", "2025-02-01 00:00:00|3"), rows(grain.formatted("month", "month")));
    assertEquals(List.of("2025-01-01 00:00:00|5"), rows(grain.formatted("quarter", "quarter")));
    assertEquals(List.of("2025-01-01 00:00:00|5"), rows(grain.formatted("year", "year")));
  }

  @Test
  void metabasesGrainsCastTruncationsToDatesAndShiftWeeksToSunday() throws Exception {
    String base = " FROM \"finance\".\"orders\" GROUP BY 1 ORDER BY 1 ASC";
    assertEquals(List.of("2025-01-01|610.000000", "2025-02-01|142.000000"),
        rows("SELECT CAST(DATE_TRUNC('month', \"finance\".\"orders\".\"order_date\") AS date) AS \"order_date\","
            + " SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
    assertEquals(List.of("2025-01-01|752.000000"),
        rows("SELECT CAST(DATE_TRUNC('quarter', \"finance\".\"orders\".\"order_date\") AS date) AS \"order_date\","
            + " SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
    // Metabase's weeks starting on Sunday: shift a day forward, truncate to the Monday, shift a day back
    assertEquals(List.of("2025-01-12|500.000000", "2025-01-19|110.000000", "2025-02-02|142.000000"),
        rows("SELECT CAST((DATE_TRUNC('week', (\"finance\".\"orders\".\"order_date\" + INTERVAL '1 day'))"
            + " + INTERVAL '-1 day') AS date) AS \"order_date\", SUM(\"finance\".\"orders\".\"amount_rc\") AS \"sum\"" + base));
    assertEquals(List.of("2|110.000000", "3|50.000000", "4|500.000000", "5|80.000000", "6|12.000000"),
        rows("SELECT extract(dow from \"finance\".\"orders\".\"order_date\") AS \"order_date\","
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
  void theNextMonthIsTheTruncationPlusAnIntervalMonth() throws Exception {
    assertEquals(List.of("2025-01-01 00:00:00|2025-02-01 00:00:00", "2025-02-01 00:00:00|2025-03-01 00:00:00"),
        rows("SELECT DISTINCT date_trunc('month', order_date), date_trunc('month', order_date) + interval '1 month'"
            + " FROM finance.orders ORDER BY 1"));
  }

  @Test
  void intervalsWithTheUnitInsideTheLiteralShiftDates() throws Exception {
    assertEquals(List.of("2025-01-23 00:00:00|2024-12-16 00:00:00|2025-01-17 02:30:00"),
        rows("SELECT order_date + interval '7 days', order_date - interval '1 month',"
            + " CAST(order_date AS timestamp) + interval '1 day 2 hours 30 minutes'"
            + " FROM finance.orders WHERE order_id = 'o1'"));
  }

  @Test
  void datePartReturnsPostgresqlsDoublePrecisionWithSundayAsDayZero() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT date_part('year', order_date) AS y, date_part('dow', order_date) AS dow,"
            + " date_part('quarter', order_date) AS q, date_part('week', order_date) AS w"
            + " FROM finance.orders WHERE order_id = 'o5'")) {
      assertTrue(rs.next());
      assertEquals("DOUBLE", rs.getMetaData().getColumnTypeName(1));
      assertEquals(2025.0, rs.getDouble("y"));
      assertEquals(6.0, rs.getDouble("dow"), "2025-02-08 is a Saturday");
      assertEquals(1.0, rs.getDouble("q"));
      assertEquals(6.0, rs.getDouble("w"), "ISO week 6 of 2025 runs from 02-03 to 02-09");
    }
    assertEquals(List.of("0|1|7|45.5"), rows("SELECT date_part('dow', d), date_part('month', d),"
        + " date_part('isodow', d), date_part('second', t) FROM (VALUES (DATE '2025-01-19',"
        + " TIMESTAMP '2025-01-19 10:20:45.5')) AS v (d, t)"));
  }

  @Test
  void toCharWritesPostgresqlsPatterns() throws Exception {
    assertEquals(List.of("2025-01|610.000000", "2025-02|142.000000"),
        rows("SELECT to_char(order_date, 'YYYY-MM') AS month, SUM(amount_rc) FROM finance.orders GROUP BY 1 ORDER BY 1"));
    assertEquals(List.of("2025-02-08 Sat Feb|February |February|Q1|IW06|8|02"),
        rows("SELECT to_char(order_date, 'YYYY-MM-DD Dy Mon'), to_char(order_date, 'Month'),"
            + " to_char(order_date, 'FMMonth'), to_char(order_date, '\"Q\"Q'), to_char(order_date, '\"IW\"IW'),"
            + " to_char(order_date, 'FMDD'), to_char(order_date, 'MM') FROM finance.orders WHERE order_id = 'o5'"));
    assertEquals(List.of("2025-01-19 07:05:09|7:5:9"), rows("SELECT to_char(t, 'YYYY-MM-DD HH24:MI:SS'),"
        + " to_char(t, 'FMHH24:FMMI:FMSS') FROM (VALUES (TIMESTAMP '2025-01-19 07:05:09')) AS v (t)"));
  }

  @Test
  void toDateReadsATemplate() throws Exception {
    assertEquals(List.of("2025-03-07|2025-12-31"),
        rows("SELECT to_date('2025-03-07', 'YYYY-MM-DD'), to_date('31 Dec 2025', 'DD Mon YYYY')"));
  }

  @Test
  void ageWritesPostgresqlsYearsMonthsAndDays() throws Exception {
    // PostgreSQL's documented example, a borrow from December's 31 days, a negative age and none
    assertEquals(List.of("43 years 9 mons 27 days|1 mon 5 days|-1 days -02:30:00|00:00:00"),
        rows("SELECT age(TIMESTAMP '2001-04-10 00:00:00', TIMESTAMP '1957-06-13 00:00:00'),"
            + " age(DATE '2025-02-05', DATE '2024-12-31'),"
            + " age(TIMESTAMP '2025-01-01 10:00:00', TIMESTAMP '2025-01-02 12:30:00'), age(DATE '2025-01-19', DATE '2025-01-19')"));
    assertEquals(List.of("00:00:00"), rows("SELECT age(CURRENT_DATE)"), "from today's midnight");
  }

  @Test
  void unitsTakePostgresqlsOtherSpellings() throws Exception {
    assertEquals(List.of("2025-02-01 00:00:00|1|2025|2025-01-01 00:00:00"),
        rows("SELECT date_trunc('MONS', order_date), date_part('qtr', order_date), date_part('Years', order_date),"
            + " date_trunc('y', order_date) FROM finance.orders WHERE order_id = 'o5'"));
  }

  @Test
  void extractDowCountsFromSundayAsZeroInsideAndOutsideTheStore() throws Exception {
    assertEquals(List.of("0|6"), rows("SELECT EXTRACT(DOW FROM d), EXTRACT(DOW FROM d + INTERVAL '6' DAY)"
        + " FROM (VALUES (DATE '2025-01-19')) AS v (d)"));
    assertEquals(List.of("6"), rows("SELECT EXTRACT(DOW FROM order_date) FROM finance.orders WHERE order_id = 'o5'"));
  }

  @Test
  void anUnknownUnitIsRefusedBeforeTheStoreRunsInPostgresqlsWords() {
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT date_trunc('Fortnight', order_date) FROM finance.orders"));
    assertEquals("22023", e.getSQLState());
    // a date is truncated as the timestamptz of its midnight
    assertTrue(e.getMessage().contains("unit \"fortnight\" not recognized for type timestamp with time zone"),
        e.getMessage());
    e = assertThrows(SQLException.class,
        () -> rows("SELECT date_trunc('dow', CAST(order_date AS TIMESTAMP)) FROM finance.orders"),
        "a field date_part reads is no unit to truncate to");
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("unit \"dow\" not recognized for type timestamp without time zone"),
        e.getMessage());
  }

  @Test
  void aDateTruncGroupByRunsInsideTheStore() throws Exception {
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT date_trunc('month', order_date) AS m, SUM(amount_rc)"
        + " FROM finance.orders WHERE date_trunc('year', order_date) = TIMESTAMP '2025-01-01 00:00:00'"
        + " GROUP BY date_trunc('month', order_date)"));
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), plan);
    assertTrue(plan.contains("JdbcAggregate"), plan);
    assertTrue(plan.contains("DATE_TRUNC('month'"), plan);
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), "nothing left in Calcite:\n" + plan);
  }

  @Test
  void toCharWithAStrftimeFormRunsInsideTheStoreAndAPaddedMonthAboveIt() throws Exception {
    String inStore = String.join("\n", rows("EXPLAIN PLAN FOR SELECT to_char(order_date, 'YYYY-MM'), COUNT(*)"
        + " FROM finance.orders GROUP BY 1"));
    assertFalse(inStore.substring(inStore.indexOf('\n')).contains("Enumerable"), inStore);
    String above = String.join("\n", rows("EXPLAIN PLAN FOR SELECT to_char(order_date, 'Month'), COUNT(*)"
        + " FROM finance.orders GROUP BY 1"));
    assertTrue(above.contains("EnumerableAggregate") || above.contains("EnumerableCalc"), above);
  }

  @Test
  void theFinanceFunctionsStillWork() throws Exception {
    assertEquals(List.of("2025|2025-Q1|2.000000"), rows("SELECT FISCAL_YEAR(DATE '2025-02-08'),"
        + " FISCAL_QUARTER(DATE '2025-02-08'), ROI(300, 100)"));
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
