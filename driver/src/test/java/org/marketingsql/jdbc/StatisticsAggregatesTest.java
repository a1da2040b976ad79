package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * PostgreSQL's statistics aggregates of two arguments ({@code corr}, {@code covar_pop}, {@code regr_slope} …), by a
 * connection that reads only {@code finance}: over a finance view the store computes them, grouped and over a window;
 * over rows the driver holds the driver does. Each is checked against a real PostgreSQL 15 given the same rows, and
 * against the textbook formula over the view's rows.
 */
@ExtendWith(IsolatedHome.class)
class StatisticsAggregatesTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  /** One store for the class, which its tests' connections only read. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");

  private static final List<String> NAMES = List.of("corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept",
      "regr_r2", "regr_count", "regr_avgx", "regr_avgy", "regr_sxx", "regr_syy", "regr_sxy");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(fixture);

  @Test
  void everyAggregateOfAFinanceViewIsComputedInTheStoreInDoublePrecisionAndNamedAsPostgresqlNamesIt() throws Exception {
    String sql = "SELECT " + calls("attributed_revenue_rc", "spend_rc") + " FROM finance.channel_roi";
    List<double[]> pairs = new ArrayList<>();
    for (List<Object> r : rows("SELECT attributed_revenue_rc, spend_rc FROM finance.channel_roi")) {
      if (r.get(0) != null && r.get(1) != null) {
        pairs.add(new double[] {((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()});
      }
    }
    assertTrue(pairs.size() > 2, "pairs: " + pairs.size());
    Map<String, Double> expected = textbook(pairs);
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertTrue(rs.next());
      List<Executable> checks = new ArrayList<>();
      for (int i = 0; i < NAMES.size(); i++) {
        String name = NAMES.get(i);
        int column = i + 1;
        checks.add(() -> assertEquals(name, meta.getColumnLabel(column)));
        checks.add(() -> assertEquals(name.equals("regr_count") ? Types.BIGINT : Types.DOUBLE, meta.getColumnType(column),
            name));
        double actual = rs.getDouble(column);
        checks.add(() -> assertEquals(expected.get(name), actual, 1e-9 * Math.max(1, Math.abs(expected.get(name))), name));
      }
      assertAll(checks);
    }
    assertStoreComputes(sql);
  }

  @Test
  void groupedOrOverAWindowEachChannelGetsItsOwnValuesAndAChannelOfOneMonthGetsPostgresqlsNulls() throws Exception {
    String grouped = "SELECT channel, corr(attributed_revenue_rc, spend_rc) AS c,"
        + " covar_samp(attributed_revenue_rc, spend_rc) AS s,"
        + " regr_slope(attributed_revenue_rc, spend_rc) AS b, regr_count(attributed_revenue_rc, spend_rc) AS n"
        + " FROM finance.channel_roi GROUP BY channel";
    String windowed = "SELECT DISTINCT channel, corr(attributed_revenue_rc, spend_rc) OVER w AS c,"
        + " covar_samp(attributed_revenue_rc, spend_rc) OVER w AS s, regr_slope(attributed_revenue_rc, spend_rc) OVER w AS b,"
        + " regr_count(attributed_revenue_rc, spend_rc) OVER w AS n FROM finance.channel_roi WINDOW w AS (PARTITION BY channel)";
    Map<Object, List<Object>> byChannel = new HashMap<>();
    for (List<Object> r : rows(grouped)) {
      byChannel.put(r.get(0), r);
    }
    assertEquals(byChannel.size(), rows(windowed).size());
    for (List<Object> r : rows(windowed)) {
      List<Object> g = byChannel.get(r.get(0));
      for (int i = 1; i < 4; i++) {
        if (g.get(i) == null) {
          assertNull(r.get(i), r + " " + g);
        } else {
          assertEquals(((Number) g.get(i)).doubleValue(), ((Number) r.get(i)).doubleValue(), 1e-9, r + " " + g);
        }
      }
      assertEquals(g.get(4), r.get(4));
    }
    List<Object> single = byChannel.values().stream().filter(r -> ((Number) r.get(4)).longValue() == 1).findFirst()
        .orElseThrow(() -> new AssertionError("a channel of one month: " + byChannel));
    assertNull(single.get(1), "corr of one pair: " + single);
    assertNull(single.get(2), "covar_samp of one pair: " + single);
    assertNull(single.get(3), "a vertical line has no slope: " + single);
    assertStoreComputes(grouped);
    assertStoreComputes(windowed.replace("SELECT DISTINCT", "SELECT"));
  }

  @Test
  void overRowsTheDriverHoldsEveryAggregateIsPostgresqls() throws Exception {
    List<String> queries = List.of(
        // nulls on either side leave the pair out
        "SELECT " + calls("y", "x") + " FROM (VALUES (1.0, 2.5), (2.0, 4.5), (3.5, NULL), (NULL, 7.0), (4.0, 9.25),"
            + " (5.5, 10.0)) AS t(x, y)",
        // a constant x: a vertical line; a constant y: a horizontal one
        "SELECT " + calls("y", "x") + " FROM (VALUES (0.1, 1.0), (0.1, 2.0), (0.1, 3.5)) AS t(x, y)",
        "SELECT " + calls("y", "x") + " FROM (VALUES (1.0, 0.3), (2.0, 0.3), (3.5, 0.3)) AS t(x, y)",
        // one pair, and none
        "SELECT " + calls("y", "x") + " FROM (VALUES (1.0, 2.0)) AS t(x, y)",
        "SELECT " + calls("y", "x") + " FROM (VALUES (1.0, 2.0)) AS t(x, y) WHERE x > 5",
        "SELECT " + calls("g * g % 7", "g") + " FROM generate_series(1, 50) AS g",
        "SELECT k, regr_slope(y, x) FILTER (WHERE x > 1) AS f, corr(y, x) AS c FROM (VALUES (1, 1, 2), (1, 2, 3),"
            + " (1, 3, 7), (2, 1, 1), (2, 5, 0), (2, 6, 4)) AS t(k, x, y) GROUP BY k ORDER BY k");
    List<Executable> checks = new ArrayList<>();
    try (Connection pg = postgres.connection()) {
      for (String sql : queries) {
        List<List<Object>> expected = org.marketingsql.testing.Sql.objects(pg, sql);
        List<List<Object>> actual = rows(sql);
        checks.add(() -> assertEquals(expected.size(), actual.size(), sql));
        for (int r = 0; r < Math.min(expected.size(), actual.size()); r++) {
          for (int c = 0; c < expected.get(r).size(); c++) {
            Object want = expected.get(r).get(c);
            Object got = actual.get(r).get(c);
            String where = sql + " row " + r + " column " + (c + 1) + ": " + want + " / " + got;
            if (want == null || got == null) {
              checks.add(() -> assertEquals(want, got, where));
            } else {
              double w = ((Number) want).doubleValue();
              checks.add(() -> assertEquals(w, ((Number) got).doubleValue(), 1e-12 * Math.max(1, Math.abs(w)), where));
            }
          }
        }
      }
    }
    assertAll(checks);
  }

  /** Every aggregate of {@code y} and {@code x}, in {@link #NAMES}' order. */
  private static String calls(String y, String x) {
    return String.join(", ", NAMES.stream().map(n -> n + "(" + y + ", " + x + ")").toList());
  }

  /** The aggregates of the {y, x} pairs, computed with the means first, as a statistics book writes them. */
  private static Map<String, Double> textbook(List<double[]> pairs) {
    double n = pairs.size();
    double avgY = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
    double avgX = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
    double sxx = pairs.stream().mapToDouble(p -> (p[1] - avgX) * (p[1] - avgX)).sum();
    double syy = pairs.stream().mapToDouble(p -> (p[0] - avgY) * (p[0] - avgY)).sum();
    double sxy = pairs.stream().mapToDouble(p -> (p[1] - avgX) * (p[0] - avgY)).sum();
    Map<String, Double> values = new HashMap<>();
    values.put("corr", sxy / Math.sqrt(sxx * syy));
    values.put("covar_pop", sxy / n);
    values.put("covar_samp", sxy / (n - 1));
    values.put("regr_slope", sxy / sxx);
    values.put("regr_intercept", avgY - sxy / sxx * avgX);
    values.put("regr_r2", sxy * sxy / (sxx * syy));
    values.put("regr_count", n);
    values.put("regr_avgx", avgX);
    values.put("regr_avgy", avgY);
    values.put("regr_sxx", sxx);
    values.put("regr_syy", syy);
    values.put("regr_sxy", sxy);
    return values;
  }

  private void assertStoreComputes(String sql) throws SQLException {
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      String text = plan.toString();
      assertTrue(text.startsWith("JdbcToEnumerableConverter"), "the store computes it:\n" + text);
      assertFalse(text.substring(text.indexOf('\n') + 1).contains("Enumerable"), "the store computes it:\n" + text);
    }
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance.connection(), sql);
  }
}
