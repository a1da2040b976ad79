package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.sql.LenientParserFactory;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;

/**
 * The same exports give the same finance views, to the last digit, whether the store is DuckDB or PostgreSQL:
 * the hand-checked finance fixture with an NPS survey and touchpoints beside it, every view of schema finance
 * read whole from a store of each kind and compared as text.
 */
class StoreParityTest {
  /** What these views show is when and how the store was loaded, which differs from one store to the next by nature. */
  private static final Set<String> ABOUT_THE_LOAD = Set.of("data_freshness", "sync_status");

  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();

  @TempDir
  static Path temp;

  private static String duckDb;
  private static String postgresql;

  @BeforeAll
  static void loadBothStores() throws Exception {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    Files.copy(Fixtures.copy("nps-segments", temp.resolve("nps")).resolve("survey.csv"), folder.resolve("survey.csv"));
    Files.writeString(folder.resolve("touchpoints.csv"), """
        customer_id,touched_at,channel,campaign_id
        c1,2025-01-12 09:00:00,email,e1
        c2,2025-01-25 10:00:00,email,e2
        c4,2025-02-08 23:00:00,referral,
        """);
    // subscriptions: a monthly plan gaining seats, one cancelled, a yearly plan, a fortnightly plan after a trial
    Files.writeString(folder.resolve("subscription_items.csv"), """
        id,subscription_id,customer_id,status,currency,unit_amount,recurring_interval,interval_count,quantity,created,start_date,trial_end,ended_at
        si_1,sub_1,c1,active,USD,49.00,month,1,1,2025-01-05,2025-01-05,,
        si_2,sub_1,c1,active,USD,10.00,month,1,3,2025-03-10,2025-03-10,,
        si_3,sub_2,c2,canceled,USD,99.00,month,1,1,2025-01-20,2025-01-20,,2025-04-15
        si_4,sub_3,c3,active,USD,1200.00,year,1,1,2025-02-01,2025-02-01,,
        si_5,sub_4,c4,active,USD,30.00,week,2,1,2025-02-10,2025-02-10,2025-02-24,
        """);
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE parity");
    }
    String operand = "\"grossMargin\": {\"default\": 0.5, \"hardware\": 0.3}, \"fiscalYearStartMonth\": 2";
    duckDb = Fixtures.model(folder, temp.resolve("store.duckdb"), operand);
    postgresql = Fixtures.modelOn(folder, "{\"url\": \"" + postgres.url("parity") + "?user=" + postgres.user()
        + "\", \"user\": \"" + postgres.user() + "\"}", operand);
  }

  @Test
  void everyFinanceViewGivesTheSameRowsOnDuckDbAndOnPostgresql() throws SQLException {
    List<String> views = new ArrayList<>();
    try (Connection c = Sql.calcite(duckDb).connect(); ResultSet rs = c.getMetaData().getTables(null, "finance", "%", null)) {
      while (rs.next()) {
        if (!rs.getString("TABLE_NAME").startsWith("_") && !ABOUT_THE_LOAD.contains(rs.getString("TABLE_NAME"))) {
          views.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    assertTrue(views.containsAll(List.of("channel_roi", "campaign_roi", "budget_vs_actual", "customer_ltv",
        "marketing_cash_schedule", "nps", "unit_economics")), "the finance views: " + views);
    List<String> empty = new ArrayList<>();
    assertEquals("", differences(duckDb, postgresql, views, empty));
    // an empty view would compare equal whatever the SQL did: only the LTV models, which four customers are too
    // few to fit, may lack rows (LtvParity compares them on the CDNOW history), and conversions by action,
    // which only the ad platforms' APIs give
    assertTrue(Set.of("ltv_model", "customer_ltv", "cohort_ltv", "nps_customer_value", "conversions_daily")
        .containsAll(empty),
        "views without rows: " + empty);
  }

  /**
   * Each view whose rows differ between the two models' stores, with both sides' rows; {@code empty} gets
   * the views that have no rows or fail (the same way) on both.
   */
  static String differences(String duckDbModel, String postgresqlModel, List<String> views, List<String> empty)
      throws SQLException {
    List<String> differ = new ArrayList<>();
    // one connection per store: each new one would load the exports into the PostgreSQL store again
    try (Connection onDuck = Sql.calcite(duckDbModel).connect(); Connection onPostgres = Sql.calcite(postgresqlModel).connect()) {
      for (String view : views) {
        String query = "SELECT * FROM finance.\"" + view + "\"";
        List<String> onDuckDb = rowsOrError(onDuck, query);
        List<String> onPostgresql = rowsOrError(onPostgres, query);
        if (!onDuckDb.equals(onPostgresql)) {
          differ.add("finance." + view + "\n  DuckDB:     " + String.join("\n              ", onDuckDb)
              + "\n  PostgreSQL: " + String.join("\n              ", onPostgresql));
        }
        if (onDuckDb.isEmpty() || onDuckDb.get(0).startsWith("error: ")) {
          empty.add(view);
        }
      }
    }
    return String.join("\n", differ);
  }

  /** The view's rows as text, sorted; or the one line {@code error: <message>} when reading it fails. */
  private static List<String> rowsOrError(Connection connection, String query) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      List<String> rows = new ArrayList<>(Sql.format(rs));
      rows.sort(null);
      return rows;
    } catch (SQLException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return List.of("error: " + e.getMessage() + (root == e ? "" : " (" + root.getMessage() + ")"));
    }
  }

  @Test
  void theLtvViewsOverTheCdnowHistoryAreTheSameOnBothStores() throws Exception {
    Path folder = LtvViewsTest.cdnowOrders(temp.resolve("cdnow"));
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE cdnow");
    }
    String operand = "\"ltv\": {\"calibrationEnd\": \"1997-09-30\", \"timeUnit\": \"week\"}";
    List<String> views = List.of("ltv_model", "customer_ltv", "cohort_ltv", "customers", "unit_economics");
    List<String> empty = new ArrayList<>();
    assertEquals("", differences(Fixtures.model(folder, temp.resolve("cdnow.duckdb"), operand),
        Fixtures.modelOn(folder, "{\"url\": \"" + postgres.url("cdnow") + "?user=" + postgres.user() + "\", \"user\": \""
            + postgres.user() + "\"}", operand), views, empty));
    assertEquals(List.of(), empty);
  }

  @Test
  void analystsArithmeticOverTheViewsGivesTheSameDigitsOnBothStores() throws SQLException {
    // whole-number division truncates, a decimal cast or ROUND rounds halves away from zero, DIVIDE is exact.
    // A plain decimal "/" is not here: DuckDB divides decimals in floating point, PostgreSQL exactly to a scale of
    // its own (docs/sql.md); ratios of money are DIVIDE's.
    List<String> expressions = List.of("clicks / 7", "-clicks / 7", "MOD(clicks, 7)", "impressions / NULLIF(clicks, 0)",
        "DIVIDE(spend_rc, 7)", "DIVIDE(-spend_rc, 7)", "spend_rc * fx_rate", "CAST(spend_rc / 7 AS DECIMAL(18, 2))",
        "CAST(-spend_rc / 7 AS DECIMAL(18, 2))", "ROUND(spend_rc + 0.125, 2)", "ROUND(-spend_rc - 0.125, 2)",
        "ROUND(spend_rc * 1.0000005, 6)", "CAST(spend_rc * 1.0000005 AS DECIMAL(18, 6))", "CAST(spend_rc AS INTEGER)",
        "CAST(-spend_rc / 7 AS INTEGER)", "CAST(spend_rc / 7 AS BIGINT)", "FLOOR(spend_rc + 0.5)", "CEIL(-spend_rc - 0.5)",
        "CAST(spend_rc + 0.125 AS DECIMAL(18, 2))", "CAST(-spend_rc - 0.125 AS DECIMAL(18, 2))",
        "CAST(CAST(spend_rc + 0.0000005 AS DECIMAL(38, 7)) * fx_rate AS DECIMAL(18, 6))");
    // This plain Calcite connection sums above the store here, and a sum of bigints is a numeric, as in PostgreSQL:
    // above the store that needs the driver's cast of the sum's argument (the driver module's WideSums), which a
    // plain Calcite connection does not apply. So the whole numbers summed are the bigint clicks cast to integer.
    String clicks = "CAST(clicks AS INTEGER)";
    List<String> aggregates = List.of("AVG(" + clicks + ")", "AVG(spend_rc)", "DIVIDE(SUM(spend_rc), COUNT(*))",
        "SUM(" + clicks + ") / SUM(CAST(impressions AS INTEGER))", "AVG(CAST(clicks AS DECIMAL(18, 2)))", "AVG(-spend_rc)",
        "STDDEV(" + clicks + ")", "STDDEV_POP(spend_rc)", "VARIANCE(spend_rc)", "VAR_POP(" + clicks + ")",
        "VAR_SAMP(CAST(clicks AS DOUBLE))",
        "AVG(CAST(spend_rc AS DOUBLE))", "SUM(CAST(spend_rc AS numeric))");
    StringBuilder query = new StringBuilder("SELECT date_day, platform");
    for (int i = 0; i < expressions.size(); i++) {
      query.append(", ").append(expressions.get(i)).append(" AS e").append(i);
    }
    String rows = query.append(" FROM finance.ad_spend_daily").toString();
    StringBuilder grouped = new StringBuilder("SELECT platform");
    for (int i = 0; i < aggregates.size(); i++) {
      grouped.append(", ").append(aggregates.get(i)).append(" AS a").append(i);
    }
    String groups = grouped.append(" FROM finance.ad_spend_daily GROUP BY platform").toString();
    String dates = "SELECT date_day, date_trunc('month', date_day) AS m, date_trunc('week', date_day) AS w,"
        + " date_part('dow', date_day) AS dow, date_part('doy', date_day) AS doy, EXTRACT(QUARTER FROM date_day) AS q,"
        + " to_char(date_day, 'YYYY-MM') AS ym, to_char(date_day, 'Mon DD') AS md, FLOOR(date_day TO MONTH) AS fm,"
        + " make_date(2025, 2, 1) AS made, concat(platform, '/', campaign_id) AS c, md5(platform) AS h,"
        + " date_day - INTERVAL '1' MONTH AS back FROM finance.ad_spend_daily";
    String byMonth = "SELECT date_trunc('month', date_day) AS m, SUM(spend_rc) AS s FROM finance.ad_spend_daily"
        + " GROUP BY date_trunc('month', date_day)";
    try (Connection onDuck = driverLike(duckDb); Connection onPostgres = driverLike(postgresql)) {
      String distinct = "SELECT platform, COUNT(DISTINCT campaign_id) AS c, COUNT(DISTINCT platform) AS p"
          + " FROM finance.ad_spend_daily GROUP BY platform";
      for (String sql : List.of(rows, groups, distinct, dates, byMonth)) {
        List<String> onDuckDb = rowsOrError(onDuck, sql);
        assertFalse(onDuckDb.isEmpty() || onDuckDb.get(0).startsWith("error: "), onDuckDb.toString());
        assertEquals(String.join("\n", onDuckDb), String.join("\n", rowsOrError(onPostgres, sql)), sql);
      }
    }
  }

  /** A Calcite connection with the driver's settings, PostgreSQL's date functions among them. */
  private static Connection driverLike(String model) throws SQLException {
    Properties p = new Properties();
    p.setProperty("model", "inline:" + model);
    p.setProperty("caseSensitive", "false");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("conformance", "LENIENT");
    p.setProperty("parserFactory", LenientParserFactory.class.getName());
    p.setProperty("typeSystem", org.marketingsql.sql.PgTypeSystem.class.getName());
    return DriverManager.getConnection("jdbc:calcite:", p);
  }

  /**
   * channel_roi, budget_vs_actual and unit_economics read the monthly totals the refresh computes; the same
   * views written over the daily facts (test resources {@code daily-sums/}, the views' former SQL) give the
   * same rows to the last digit, with the same column types, on both stores.
   */
  @Test
  void theMonthlyTotalsGiveTheSameRowsAndTypesAsSummingTheDailyFactsInEveryQuery() throws Exception {
    for (String model : List.of(duckDb, postgresql)) {
      try (Connection c = Sql.calcite(model).connect()) {
        for (String view : List.of("channel_roi", "budget_vs_actual", "unit_economics")) {
          String daily;
          try (var in = StoreParityTest.class.getResourceAsStream("daily-sums/" + view + ".sql")) {
            daily = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          }
          List<String> fromTotals = rowsAndTypes(c, "SELECT * FROM finance.\"" + view + "\"");
          List<String> fromDays = rowsAndTypes(c, "SELECT * FROM (" + daily + ") AS \"daily\"");
          assertTrue(fromTotals.size() > 2, view + ": " + fromTotals);
          assertEquals(String.join("\n", fromDays), String.join("\n", fromTotals), view + " on " + model);
        }
      }
    }
  }

  /** The column types, then the rows as text, sorted. */
  private static List<String> rowsAndTypes(Connection connection, String query) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      StringBuilder types = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        types.append(md.getColumnLabel(i)).append(' ').append(md.getColumnTypeName(i)).append('(')
            .append(md.getPrecision(i)).append(',').append(md.getScale(i)).append(") ");
      }
      List<String> rows = new ArrayList<>(Sql.format(rs));
      rows.sort(null);
      rows.add(0, types.toString());
      return rows;
    }
  }

  @Test
  void thePostgresqlStoreHoldsTheFactsItself() throws SQLException {
    Sql.calcite(postgresql).query("SELECT COUNT(*) AS n FROM finance.orders").returns("n=5");
    try (Connection c = DriverManager.getConnection(postgres.url("parity") + "?user=" + postgres.user());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(\"amount_rc\") FROM \"_marketing\".\"orders\"")) {
      rs.next();
      assertEquals("5 752.000000", rs.getLong(1) + " " + rs.getBigDecimal(2).toPlainString());
    }
  }

}
