package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * The predictive LTV views (ltv_model, customer_ltv) and functions, on the CDNOW sample of FHL (2005). The tests
 * that only read the CDNOW store share one, built by the first of them to connect.
 */
class LtvViewsTest {
  @TempDir
  static Path shared;
  private static String cdnowModel;
  @TempDir
  Path temp;

  /** The CDNOW sample as a shop would export it into {@code folder}: one order per line, in USD. */
  static Path cdnowOrders(Path exports) throws IOException {
    Path folder = Files.createDirectories(exports);
    StringBuilder csv = new StringBuilder("order_id,customer_id,order_date,amount,currency\n");
    try (InputStream in = LtvViewsTest.class.getResourceAsStream("/fixtures/cdnow/CDNOW_sample.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      String line;
      int n = 0;
      while ((line = reader.readLine()) != null) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length == 5) {
          String d = cols[2];
          csv.append("o").append(++n).append(',').append(cols[0]).append(',').append(d, 0, 4).append('-')
              .append(d, 4, 6).append('-').append(d, 6, 8).append(',').append(cols[4]).append(",USD\n");
        }
      }
    }
    Files.writeString(folder.resolve("cdnow_orders.csv"), csv.toString());
    return folder;
  }

  /** The model of the class's CDNOW store, which its tests only read: its first connection builds it. */
  private static synchronized String cdnowModel() throws IOException {
    if (cdnowModel == null) {
      cdnowModel = Fixtures.model(cdnowOrders(shared.resolve("exports")), shared.resolve("store.duckdb"),
          "\"ltv\": {\"calibrationEnd\": \"1997-09-30\", \"timeUnit\": \"week\"}");
    }
    return cdnowModel;
  }

  @AfterAll
  static void forgetTheCdnowStore() {
    cdnowModel = null;
  }

  @Test
  void ltvModelReproducesThePublishedCdnowEstimates() throws Exception {
    Map<String, Double> p = new HashMap<>();
    try (Connection c = Sql.calcite(cdnowModel()).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT model_name, param_name, param_value FROM finance.ltv_model")) {
      while (rs.next()) {
        p.put(rs.getString(1) + "." + rs.getString(2), rs.getDouble(3));
      }
    }
    // FHL (2005) "Counting your customers the easy way", table 1; Gamma-Gamma: the lifetimes documentation.
    assertEquals(0.243, p.get("bg_nbd.r"), 0.01);
    assertEquals(4.414, p.get("bg_nbd.alpha"), 0.01);
    assertEquals(0.793, p.get("bg_nbd.a"), 0.01);
    assertEquals(2.426, p.get("bg_nbd.b"), 0.01);
    assertEquals(-9582.4, p.get("bg_nbd.log_likelihood"), 0.1);
    assertEquals(2357, p.get("bg_nbd.customers"));
    assertEquals(6.25, p.get("gamma_gamma.p"), 0.01);
    assertEquals(3.74, p.get("gamma_gamma.q"), 0.01);
    assertEquals(15.44, p.get("gamma_gamma.gamma"), 0.01);
    assertEquals(946, p.get("gamma_gamma.customers"));
    assertEquals(11, p.size());
  }

  @Test
  void customerLtvAgreesWithTheLtvFunctionsAndHasNoNaN() throws Exception {
    String model = cdnowModel();
    // 12 months in weeks = 365.25 / 7; with no discount rate the prediction is purchases × order value.
    Sql.calcite(model).query("SELECT COUNT(*) AS customers,"
        + " SUM(CASE WHEN ABS(expected_purchases_12m - LTV_EXPECTED_PURCHASES(frequency, recency, age, 365.25 / 7))"
        + " < 1e-9 THEN 1 ELSE 0 END) AS same_purchases,"
        + " SUM(CASE WHEN ABS(p_alive - LTV_P_ALIVE(frequency, recency, age)) < 1e-12 THEN 1 ELSE 0 END) AS same_alive,"
        + " SUM(CASE WHEN ABS(predicted_ltv_12m_rc - expected_purchases_12m * expected_order_value_rc) < 0.001"
        + " THEN 1 ELSE 0 END) AS same_ltv,"
        + " SUM(CASE WHEN p_alive BETWEEN 0 AND 1 AND expected_purchases_12m >= 0 THEN 1 ELSE 0 END) AS in_range"
        + " FROM finance.customer_ltv").returns(
        "customers=2357; same_purchases=2357; same_alive=2357; same_ltv=2357; in_range=2357");
  }

  @Test
  void customerLtvSumsOneCustomersOrdersOfADayIntoOnePurchase() throws Exception {
    // Customer 00004 bought on 1997-01-01, 01-18, 08-02 and 12-12 (29.33 + 29.73 + 14.96 + 26.48 = 100.50);
    // the last order in the sample is 1998-06-30: age = 545 days = 77.857 weeks, recency = 345 days.
    Sql.calcite(cdnowModel()).query("SELECT historical_revenue_rc, historical_margin_rc, frequency,"
        + " CAST(recency * 7 AS DECIMAL(10, 3)) AS recency_days, CAST(age * 7 AS DECIMAL(10, 3)) AS age_days"
        + " FROM finance.customer_ltv WHERE customer_id = '00004'").returns(
        "historical_revenue_rc=100.500000; historical_margin_rc=100.500000; frequency=3; recency_days=345.000;"
            + " age_days=545.000");
  }

  @Test
  void ltvViewsExplainWhyWhenNobodyBoughtTwice() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("single"));
    Files.writeString(folder.resolve("orders.csv"), "order_id,customer_id,order_date,amount,currency\n"
        + "o1,c1,2025-01-02,10.00,USD\no2,c2,2025-01-05,20.00,USD\no3,c3,2025-02-01,30.00,USD\n");
    String model = Fixtures.model(folder, temp.resolve("single.duckdb"), "");
    for (String query : new String[] {"SELECT * FROM finance.customer_ltv", "SELECT * FROM finance.ltv_model",
        "SELECT LTV_P_ALIVE(orders, 1, 2) FROM finance.customers"}) {
      Exception e = assertThrows(Exception.class, () -> Sql.calcite(model).query(query).rows());
      assertTrue(messages(e).contains("repeat"), query + ": " + messages(e));
    }
    // the views that need no model still work
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM finance.customers").returns("n=3");
  }

  @Test
  void ltvViewsPassOnWhyTheOrdersThemselvesFailed() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("nofx"));
    Files.writeString(folder.resolve("orders.csv"), "order_id,customer_id,order_date,amount,currency\n"
        + "o1,c1,2025-01-02,10.00,EUR\no2,c1,2025-01-09,20.00,EUR\n");
    String model = Fixtures.model(folder, temp.resolve("nofx.duckdb"), "");
    Exception e = assertThrows(Exception.class, () -> Sql.calcite(model).query("SELECT * FROM finance.ltv_model").rows());
    assertTrue(messages(e).contains("the LTV models need the orders, which failed to build")
        && messages(e).contains("no FX rate for EUR"), messages(e));
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
