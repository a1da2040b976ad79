package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/** The driver as a JDBC client sees it, over the hand-checked export folder. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class MarketingDriverTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  String url;

  @BeforeEach
  void setUp() {
    url = fixture.csvUrl();
  }

  @Test
  void quickStartFolderAnswersFinanceViewsWithoutAConfiguration() throws Exception {
    Sql.on(url).query("select channel, sum(spend_rc) as spend from finance.channel_roi group by channel order by channel")
        .returns("channel=google_ads; spend=150.000000", "channel=meta_ads; spend=340.000000",
            "channel=organic; spend=0.000000", "channel=unattributed; spend=0.000000");
  }

  @Test
  void theStoreOfAQuickStartFolderLivesInTheCacheNotInTheFolder() throws Exception {
    Sql.on(url).query("select count(*) from finance.orders").scalar();
    try (var files = Files.list(fixture.exports())) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".duckdb")));
    }
    try (var files = Files.walk(org.marketingsql.testing.IsolatedHome.home())) {
      assertTrue(files.anyMatch(f -> f.toString().endsWith(".duckdb") && f.toString().contains("snapshots")));
    }
  }

  @Test
  void getSchemasListsFinanceSyncAndEverySourceAtTopLevel() throws Exception {
    try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.getMetaData().getSchemas()) {
      List<String> schemas = new ArrayList<>();
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
      assertTrue(schemas.containsAll(List.of("finance", "exports", "sync")), schemas.toString());
      assertFalse(schemas.contains("_store"), schemas.toString());
    }
  }

  @Test
  void getColumnsCarriesEachComputedColumnsFormulaInRemarks() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "finance", "channel_roi", "roi")) {
      assertTrue(rs.next());
      assertEquals("DECIMAL", rs.getString("TYPE_NAME"));
      assertEquals(6, rs.getInt("DECIMAL_DIGITS"));
      assertTrue(rs.getString("REMARKS").contains("(attributed_revenue_rc * gross margin - spend_rc) / spend_rc"),
          rs.getString("REMARKS"));
      assertFalse(rs.next());
    }
  }

  @Test
  void getColumnsOfTheCashScheduleCarryTheFormulasOfItsComputedColumns() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "finance", "marketing_cash_schedule", "%_rc")) {
      List<String> remarks = new ArrayList<>();
      while (rs.next()) {
        remarks.add(rs.getString("COLUMN_NAME") + ": " + rs.getString("REMARKS"));
      }
      assertEquals(2, remarks.size(), remarks.toString());
      assertTrue(remarks.get(0).startsWith("accrued_spend_rc: sum of finance.ad_spend_daily.spend_rc"), remarks.get(0));
      assertTrue(remarks.get(1).contains("invoice day D, net N: a calendar month's spend on day D of the next month"
          + " + N days"), remarks.get(1));
    }
  }

  @Test
  void channelNamesAreNotCutToTheLengthOfALiteral() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "finance", "channel_roi", "channel")) {
      assertTrue(rs.next());
      assertEquals("VARCHAR", rs.getString("TYPE_NAME"));
      assertTrue(rs.getInt("COLUMN_SIZE") <= 0 || rs.getInt("COLUMN_SIZE") > 100, "size " + rs.getInt("COLUMN_SIZE"));
    }
  }

  @Test
  void getColumnsWithNullPatternsListsEveryColumnOfEveryTable() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, null, null, null)) {
      int columns = 0;
      boolean sawOrdersColumn = false;
      while (rs.next()) {
        columns++;
        sawOrdersColumn |= rs.getString("TABLE_SCHEM").equals("exports") && rs.getString("TABLE_NAME").equals("orders");
      }
      assertTrue(sawOrdersColumn);
      assertTrue(columns > 80, "columns: " + columns);
    }
  }

  @Test
  void getTablesHonoursPatternsAndDescribesViews() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "fin%", "channel\\_%", null)) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME") + ":" + (rs.getString("REMARKS") != null));
        }
      }
      assertEquals(List.of("channel_performance:true", "channel_roi:true"), names.stream().sorted().toList());
      try (ResultSet rs = md.getPrimaryKeys(null, "finance", "channel_roi")) {
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void preparedStatementsBindParameters() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(
            "select sum(amount_rc) from finance.orders where amount > ? and acquisition_channel = ?")) {
      ps.setBigDecimal(1, new BigDecimal("10"));
      ps.setString(2, "google_ads");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(new BigDecimal("550.000000"), rs.getBigDecimal(1));
      }
    }
  }

  @Test
  void dateParametersBindInQueriesPushedIntoTheStore() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(
            "select sum(amount_rc) from finance.orders where order_date >= ? and order_date < ?")) {
      ps.setDate(1, Date.valueOf("2025-01-01"));
      ps.setDate(2, Date.valueOf("2025-02-01"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(new BigDecimal("610.000000"), rs.getBigDecimal(1));
      }
      ps.setDate(1, Date.valueOf("2025-02-01"));
      ps.setDate(2, Date.valueOf("2025-03-01"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(new BigDecimal("142.000000"), rs.getBigDecimal(1));
      }
    }
  }

  @Test
  void timestampParametersBindInQueriesPushedIntoTheStore() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(
            "select count(*) from finance.orders where cast(order_date as timestamp) >= ?")) {
      ps.setTimestamp(1, Timestamp.valueOf("2025-02-05 00:00:00"));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(3, rs.getInt(1));
      }
    }
  }

  @Test
  void maxRowsLimitsTheResult() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.setMaxRows(2);
      s.setQueryTimeout(30);
      try (ResultSet rs = s.executeQuery("select * from finance.orders")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertEquals(2, n);
      }
    }
  }

  @Test
  void sqlErrorsCarrySqlState42() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select nope from finance.orders"));
      assertTrue(e.getSQLState().startsWith("42"), e.getSQLState());
    }
  }

  @Test
  void sqlErrorsCarryTheSqlStatePostgresqlGivesThem() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("select nope from finance.orders", "42703");
    expected.put("select * from finance.nosuch", "42P01");
    expected.put("select order_id from finance.orders o, finance.orders p", "42702");
    expected.put("select nosuch_function(order_id) from finance.orders", "42883");
    expected.put("select order_id from finance.orders where", "42601");
    expected.put("select order_id from finance.orders where amount", "42804");
    expected.put("select cast(order_id as integer) from finance.orders", "22P02");
    Map<String, String> got = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : expected.keySet()) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rs.getObject(1);
          }
          got.put(sql, "ok");
        } catch (SQLException e) {
          got.put(sql, e.getSQLState() + " " + e.getMessage());
        }
      }
    }
    for (var e : expected.entrySet()) {
      assertTrue(got.get(e.getKey()).startsWith(e.getValue()), e.getKey() + " -> " + got.get(e.getKey()));
    }
  }

  @Test
  void aSyntaxErrorIsOneLineNamingTheTokenLineAndColumnWithoutTheExpectedTokens() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      SQLException on = assertThrows(SQLException.class, () -> s.executeQuery("select *\nfrom on finance.orders"));
      assertEquals("42601", on.getSQLState());
      assertEquals("syntax error at or near \"on\" at line 2, column 6", on.getMessage());
      SQLException end = assertThrows(SQLException.class, () -> s.executeQuery("select order_id from finance.orders where"));
      assertEquals("42601", end.getSQLState());
      assertTrue(end.getMessage().startsWith("syntax error at end of input at line 1, column "), end.getMessage());
      assertTrue(end.getCause() != null, "the parser's error stays the cause");
    }
  }

  @Test
  void anErrorWhileReadingRowsIsAnSqlExceptionWithASqlStateNeverAnUncheckedOne() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      // to_date runs above the store, row by row: 'o1' fails once next() reaches it
      try (ResultSet rs = s.executeQuery("select to_date(order_id, 'YYYY-MM-DD') from finance.orders")) {
        SQLException e = assertThrows(SQLException.class, () -> {
          while (rs.next()) {
            rs.getObject(1);
          }
        });
        assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("22"), e.getSQLState() + " " + e.getMessage());
        assertSame(s, rs.getStatement(), "the rows belong to the statement the client holds");
      }
      try (ResultSet rs = s.executeQuery("select order_id from finance.orders")) {
        assertTrue(rs.next());
        SQLException e = assertThrows(SQLException.class, () -> rs.getInt(1), "'o1' read as a number");
        assertTrue(e.getSQLState() != null && !e.getSQLState().isEmpty(), String.valueOf(e.getSQLState()));
      }
    }
  }

  @Test
  void anUnusableConfigurationFailsWithSqlState08001NamingTheKey(@TempDir Path temp) throws Exception {
    Path model = temp.resolve("bad.yaml");
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              reportingCurency: USD
              sources:
                - { name: exports, type: csv-folder, path: ./missing }
        """);
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:marketing:model=" + model));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("reportingCurency: unknown key"), e.getMessage());
    assertTrue(e.getMessage().contains("sources[0].path"), e.getMessage());
  }

  @Test
  void groupByOverAdSpendDailyIsPushedIntoTheStore() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("explain plan for select platform, sum(spend_rc) from finance.ad_spend_daily"
            + " where date_day >= date '2025-01-01' group by platform")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      assertTrue(plan.toString().contains("JdbcAggregate"), plan.toString());
      assertFalse(plan.toString().contains("EnumerableAggregate"), plan.toString());
    }
  }
  @Test
  void aSumReachesTheStoreAsOneSumNotAsACountAndACoalescedSum() throws Exception {
    List<String> sent = new ArrayList<>();
    String sql = "select campaign_id, sum(conversions_value_rc) / sum(spend_rc) as roas from finance.ad_spend_daily"
        + " group by campaign_id having sum(spend_rc) > 10 order by 2 desc fetch first 2 rows only";
    try (org.apache.calcite.runtime.Hook.Closeable capture = org.apache.calcite.runtime.Hook.QUERY_PLAN.addThread(
            (Consumer<Object>) plan -> sent.add(String.valueOf(plan)));
        Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      assertTrue(rows > 0, "the fixture has campaigns with more than 10 of spend");
    }
    String store = String.join("\n", sent);
    assertTrue(store.contains("SUM(\"spend_rc\")"), store);
    assertFalse(store.contains("COALESCE"), store);
    assertFalse(store.contains("COUNT("), store);
  }
}
