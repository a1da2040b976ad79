package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * PostgreSQL's ordered-set aggregates {@code mode()}, {@code percentile_cont} and {@code percentile_disc}
 * {@code WITHIN GROUP (ORDER BY …)}, by a connection that reads only {@code finance}: over a finance view the store
 * (DuckDB or PostgreSQL, whichever the fixture's store is) computes them; over rows of the driver's own, the driver
 * computes {@code mode()}. Each percentile is checked against the same number computed here from the plain rows.
 */
@ExtendWith(IsolatedHome.class)
class OrderedSetAggregatesTest {
  /** One store for the class, which its tests' connections only read. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(fixture);

  @Test
  void theModeOfAFinanceColumnIsItsMostFrequentValueComputedInTheStore() throws Exception {
    String sql = "SELECT mode() WITHIN GROUP (ORDER BY acquisition_channel) AS m FROM finance.orders";
    java.util.Map<Object, Long> counts = new java.util.HashMap<>();
    rows("SELECT acquisition_channel FROM finance.orders WHERE acquisition_channel IS NOT NULL")
        .forEach(r -> counts.merge(r.get(0), 1L, Long::sum));
    long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    List<Object> modes = counts.entrySet().stream().filter(e -> e.getValue() == most).map(java.util.Map.Entry::getKey).toList();
    assertEquals(1, modes.size(), "one most frequent channel in the fixture: " + counts);
    assertEquals(List.of(modes), rows(sql));
    String plan = plan(sql);
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), "the store computes it:\n" + plan);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "the store computes it:\n" + plan);
  }

  @Test
  void theModeOfRowsTheDriverHoldsIsComputedAboveTheStore() throws Exception {
    assertEquals(List.of(List.of("b")), rows("SELECT mode() WITHIN GROUP (ORDER BY x DESC)"
        + " FROM (VALUES ('a'), ('b'), ('c'), ('b')) AS t(x)"));
    assertEquals(List.of(List.of(1, 7), List.of(2, 5)), rows("SELECT k, mode() WITHIN GROUP (ORDER BY v)"
        + " FROM (VALUES (1, 7), (1, 7), (1, 3), (2, 5)) AS t(k, v) GROUP BY k ORDER BY k"));
  }

  @Test
  void percentilesOfRowsTheDriverHoldsAreComputedAboveTheStoreAsPostgresqlComputesThem() throws Exception {
    // PostgreSQL 15: 2 | 2, and over generate_series(1, 5) at 0.4: 2.6 | 2
    assertEquals(List.of(List.of(2.0, 2)), rows("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x),"
        + " percentile_disc(0.5) WITHIN GROUP (ORDER BY x) FROM (VALUES (1), (2), (2), (4)) v(x)"));
    List<Object> series = rows("SELECT percentile_cont(0.4) WITHIN GROUP (ORDER BY g),"
        + " percentile_disc(0.4) WITHIN GROUP (ORDER BY g) FROM generate_series(1, 5) g").get(0);
    assertEquals(2.6, (Double) series.get(0), 1e-12);
    assertEquals(2, ((Number) series.get(1)).intValue());
    // PostgreSQL 15: a | 3.25 | 4, b | 9 | 9 (nulls left out, descending, grouped); the array form {1,3,5}
    assertEquals(List.of(List.of("a", 3.25, 4), List.of("b", 9.0, 9)), rows("SELECT k,"
        + " percentile_cont(0.25) WITHIN GROUP (ORDER BY v DESC), percentile_disc(0) WITHIN GROUP (ORDER BY v DESC)"
        + " FROM (VALUES ('a', 1), ('a', 4), ('a', NULL), ('b', 9)) t(k, v) GROUP BY k ORDER BY k"));
    java.sql.Array percentiles = (java.sql.Array) rows("SELECT percentile_disc(ARRAY[0, 0.5, 1]) WITHIN GROUP"
        + " (ORDER BY g) FROM generate_series(1, 5) g").get(0).get(0);
    assertEquals(List.of(1.0, 3.0, 5.0), numbers(percentiles.getArray()));
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY g) FROM generate_series(1, 5) g"));
    assertEquals("22003", e.getSQLState(), e.getMessage());
  }

  @Test
  void percentileDiscOfTextsAndDatesIsOneOfTheValuesInItsType() throws Exception {
    // PostgreSQL 15: a (percentile_disc and mode of b, a, c, a)
    assertEquals(List.of(List.of("a", "a")), rows("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x),"
        + " mode() WITHIN GROUP (ORDER BY x) FROM (VALUES ('b'), ('a'), ('c'), ('a')) v(x)"));
    assertEquals(List.of(List.of(java.sql.Date.valueOf("2025-01-02"))), rows("SELECT percentile_disc(0.5) WITHIN GROUP"
        + " (ORDER BY d) FROM (VALUES (DATE '2025-01-03'), (DATE '2025-01-01'), (DATE '2025-01-02')) v(d)"));
    // over a finance view, in the store
    List<String> ids = rows("SELECT order_id FROM finance.orders ORDER BY 1").stream().map(r -> (String) r.get(0)).toList();
    String sql = "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY order_id),"
        + " percentile_disc(1) WITHIN GROUP (ORDER BY order_date DESC) FROM finance.orders";
    List<Object> row = rows(sql).get(0);
    assertEquals(ids.get((int) Math.ceil(0.5 * ids.size()) - 1), row.get(0), "of " + ids);
    assertEquals(rows("SELECT min(order_date) FROM finance.orders").get(0).get(0), row.get(1));
    assertStoreComputes(sql);
  }

  @Test
  void theMedianOfEachChannelsSpendIsInterpolatedBetweenItsMiddleValuesInTheStore() throws Exception {
    String sql = "SELECT channel, percentile_cont(0.5) WITHIN GROUP (ORDER BY spend_rc) AS median"
        + " FROM finance.channel_roi GROUP BY 1 ORDER BY 1";
    Map<Object, List<Double>> spends = valuesBy("SELECT channel, spend_rc FROM finance.channel_roi");
    assertTrue(spends.values().stream().anyMatch(v -> v.size() > 1), "a channel with several rows: " + spends);
    List<List<Object>> rows = rows(sql);
    assertEquals(spends.keySet(), rows.stream().map(r -> r.get(0)).collect(Collectors.toSet()));
    for (List<Object> row : rows) {
      assertEquals(cont(spends.get(row.get(0)), 0.5), (Double) row.get(1), 1e-9, "median of " + row.get(0) + ": " + spends);
    }
    assertStoreComputes(sql);
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(2), "double precision, as PostgreSQL's");
    }
  }

  @Test
  void percentilesOfAViewColumnThatIsAnExpressionOrderByItsValuesNotByAPosition() throws Exception {
    // the view's amounts are converted to the reporting currency: an expression, which Calcite wrote as ORDER BY 2
    List<Double> amounts = new ArrayList<>(valuesBy("SELECT 'all', amount_rc FROM finance.orders").get("all"));
    for (double f : new double[] {0, 0.25, 0.5, 0.9, 1}) {
      String sql = "SELECT percentile_cont(" + f + ") WITHIN GROUP (ORDER BY amount_rc),"
          + " percentile_disc(" + f + ") WITHIN GROUP (ORDER BY amount_rc) FROM finance.orders";
      List<Object> row = rows(sql).get(0);
      assertEquals(cont(amounts, f), ((Number) row.get(0)).doubleValue(), 1e-9, f + " of " + amounts);
      assertEquals(disc(amounts, f), ((Number) row.get(1)).doubleValue(), 1e-9, f + " of " + amounts);
      assertStoreComputes(sql);
    }
  }

  @Test
  void percentileDiscGivesAValueOfTheColumnInTheColumnsTypeIgnoringNullsAndPercentileContADouble() throws Exception {
    // the largest order has no amount here: left out, as PostgreSQL leaves NULLs out
    String amount = "CASE WHEN amount_rc < 400 THEN amount_rc END";
    List<Double> amounts = valuesBy("SELECT 'all', " + amount + " FROM finance.orders").get("all");
    assertTrue(amounts.size() < rows("SELECT * FROM finance.orders").size(), "a NULL amount: " + amounts);
    String sql = "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY " + amount + " DESC),"
        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY " + amount + " DESC) FROM finance.orders";
    List<Double> descending = amounts.stream().map(v -> -v).toList();
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(1), "the column's type");
      assertEquals(Types.DOUBLE, rs.getMetaData().getColumnType(2), "double precision");
      assertTrue(rs.next());
      assertEquals(-disc(descending, 0.5), rs.getBigDecimal(1).doubleValue(), 1e-9, "of " + amounts);
      assertEquals(-cont(descending, 0.5), rs.getDouble(2), 1e-9, "of " + amounts);
    }
  }

  @Test
  void percentilesOfAnExportsTableAreComputedInTheStore() throws Exception {
    try (Connection all = DriverManager.getConnection("jdbc:marketing:model=" + finance.model())) {
      List<Double> spend = new ArrayList<>();
      try (Statement s = all.createStatement(); ResultSet rs = s.executeQuery("SELECT spend FROM exports.ad_spend")) {
        while (rs.next()) {
          spend.add(rs.getDouble(1));
        }
      }
      String sql = "SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY spend),"
          + " percentile_disc(0.75) WITHIN GROUP (ORDER BY spend) FROM exports.ad_spend";
      try (Statement s = all.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertTrue(rs.next());
        assertEquals(cont(spend, 0.75), rs.getDouble(1), 1e-9, "of " + spend);
        assertEquals(disc(spend, 0.75), rs.getDouble(2), 1e-9, "of " + spend);
      }
      assertStoreComputes(all, sql);
    }
  }

  @Test
  void theArrayFormGivesOnePercentilePerFractionAsAnArrayComputedInTheStore() throws Exception {
    List<Double> spends = new ArrayList<>(valuesBy("SELECT 'all', spend_rc FROM finance.channel_roi").get("all"));
    String sql = "SELECT percentile_cont(ARRAY[0.25, 0.5, 1]) WITHIN GROUP (ORDER BY spend_rc),"
        + " percentile_disc(array[0.5, 0.9]) WITHIN GROUP (ORDER BY spend_rc) FROM finance.channel_roi";
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals("percentile_cont", rs.getMetaData().getColumnLabel(1));
      assertEquals("percentile_disc", rs.getMetaData().getColumnLabel(2));
      assertEquals(Types.ARRAY, rs.getMetaData().getColumnType(1));
      assertTrue(rs.next());
      List<Double> cont = numbers(rs.getArray(1).getArray());
      List<Double> disc = numbers(rs.getArray(2).getArray());
      assertEquals(3, cont.size());
      assertEquals(2, disc.size());
      double[] fractions = {0.25, 0.5, 1};
      for (int i = 0; i < cont.size(); i++) {
        assertEquals(cont(spends, fractions[i]), cont.get(i), 1e-9, fractions[i] + " of " + spends);
      }
      assertEquals(disc(spends, 0.5), disc.get(0), 1e-9, "of " + spends);
      assertEquals(disc(spends, 0.9), disc.get(1), 1e-9, "of " + spends);
    }
    assertStoreComputes(sql);
  }

  @Test
  void aFractionOutsideZeroToOneIsRefusedAsPostgresqlRefusesIt() {
    for (String f : new String[] {"1.5", "-0.1"}) {
      SQLException e = assertThrows(SQLException.class,
          () -> rows("SELECT percentile_cont(" + f + ") WITHIN GROUP (ORDER BY spend_rc) FROM finance.channel_roi"));
      assertEquals("22003", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void aStatementOrderedByAnExpressionOrAConstantIsStillOrderedByItsValues() throws Exception {
    List<List<Object>> rows = rows("SELECT 3 AS k, channel, spend_rc * 2 AS twice FROM finance.channel_roi"
        + " ORDER BY k, twice DESC, channel");
    List<List<Object>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((List<Object> r) -> ((Number) r.get(2)).doubleValue()).reversed()
        .thenComparing(r -> (String) r.get(1)));
    assertEquals(sorted, rows);
    assertTrue(rows.size() > 1);
  }

  /** The elements of a JDBC array (of objects or of doubles) as doubles. */
  private static List<Double> numbers(Object array) {
    List<Double> numbers = new ArrayList<>();
    for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
      numbers.add(((Number) java.lang.reflect.Array.get(array, i)).doubleValue());
    }
    return numbers;
  }

  private void assertStoreComputes(String sql) throws SQLException {
    assertStoreComputes(finance.connection(), sql);
  }

  private static void assertStoreComputes(Connection connection, String sql) throws SQLException {
    String plan = plan(connection, sql);
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), "the store computes it:\n" + plan);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "the store computes it:\n" + plan);
  }

  /** The non-null values of the second column of {@code sql}'s rows, by the first, each list sorted. */
  private Map<Object, List<Double>> valuesBy(String sql) throws SQLException {
    Map<Object, List<Double>> values = new HashMap<>();
    for (List<Object> r : rows(sql)) {
      List<Double> list = values.computeIfAbsent(r.get(0), k -> new ArrayList<>());
      if (r.get(1) != null) {
        list.add(((Number) r.get(1)).doubleValue());
      }
    }
    values.values().forEach(Collections::sort);
    return values;
  }

  /** PostgreSQL's percentile_cont: linear interpolation between the sorted values around {@code f * (n - 1)}. */
  private static double cont(List<Double> values, double f) {
    List<Double> sorted = values.stream().sorted().toList();
    double position = f * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    return sorted.get(below) + (position - below) * (sorted.get(above) - sorted.get(below));
  }

  /** PostgreSQL's percentile_disc: the first sorted value whose cumulative distribution is at least {@code f}. */
  private static double disc(List<Double> values, double f) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(discIndex(sorted.size(), f));
  }

  private static int discIndex(int n, double f) {
    for (int i = 0; i < n; i++) {
      if ((i + 1) / (double) n >= f) {
        return i;
      }
    }
    return n - 1;
  }

  private String plan(String sql) throws SQLException {
    return plan(finance.connection(), sql);
  }

  private static String plan(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance.connection(), sql);
  }
}
