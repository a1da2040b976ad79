package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * {@code sum} of whole numbers as PostgreSQL types it (a bigint of smallints and integers, a numeric of bigints, so
 * that it does not overflow), and {@code avg}, {@code stddev}, {@code stddev_samp}, {@code stddev_pop},
 * {@code variance}, {@code var_samp} and {@code var_pop} as PostgreSQL types them, by a connection that reads only
 * {@code finance}: the averages and spreads of whole numbers and of money a numeric with sixteen decimals; computed
 * in the store with the rest of the query, and over rows the driver holds by the driver, to the digits of a real
 * PostgreSQL 15 given the same values.
 */
@ExtendWith(IsolatedHome.class)
class AverageAggregatesTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  /** One store for the class, which its tests' connections only read. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");

  private static final List<String> NAMES = List.of("avg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
      "var_pop");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(fixture);

  @Test
  void theAverageAndSpreadOfAnIntegerColumnAreNumericsWithPostgresqlsDigitsComputedInTheStore() throws Exception {
    assertLikePostgresql("orders", "integer");
  }

  @Test
  void theAverageAndSpreadOfMoneyAreNumericsWithPostgresqlsDigitsComputedInTheStore() throws Exception {
    assertLikePostgresql("revenue_rc", "numeric(19, 6)");
  }

  @Test
  void theAverageAndSpreadOfTheDistinctValuesOfIntegersAndMoneyAreNumericsWithPostgresqlsDigitsComputedInTheStore()
      throws Exception {
    assertLikePostgresql("DISTINCT orders", "integer");
    assertLikePostgresql("DISTINCT revenue_rc", "numeric(19, 6)");
  }

  @Test
  void groupedFilteredAndOverAWindowEachChannelGetsItsOwnAverageInTheStore() throws Exception {
    String grouped = "SELECT acquisition_channel, avg(orders) AS a, var_samp(revenue_rc) AS v,"
        + " avg(orders) FILTER (WHERE orders > 1) AS f FROM finance.customers GROUP BY acquisition_channel"
        + " ORDER BY acquisition_channel";
    String windowed = "SELECT acquisition_channel, avg(orders) OVER w AS a, var_samp(revenue_rc) OVER w AS v"
        + " FROM finance.customers WINDOW w AS (PARTITION BY acquisition_channel)";
    List<List<Object>> byGroup = rows(grouped);
    assertTrue(byGroup.size() > 1, byGroup.toString());
    assertEquals(byGroup.stream().map(r -> r.subList(0, 3)).toList(),
        rows(windowed).stream().distinct().sorted(java.util.Comparator.comparing(r -> r.get(0).toString())).toList());
    for (List<Object> row : byGroup) {
      List<Object> many = rows("SELECT SUM(orders), COUNT(orders) FROM finance.customers WHERE orders > 1"
          + " AND acquisition_channel = '" + row.get(0) + "'").get(0);
      assertEquals(many.get(0) == null ? null : new BigDecimal(many.get(0).toString())
          .divide(new BigDecimal(many.get(1).toString()), 16, RoundingMode.HALF_UP), row.get(3), row.toString());
      List<Object> expected = rows("SELECT SUM(orders), COUNT(orders) FROM finance.customers WHERE acquisition_channel = '"
          + row.get(0) + "'").get(0);
      BigDecimal sum = new BigDecimal(expected.get(0).toString());
      assertEquals(sum.divide(new BigDecimal(expected.get(1).toString()), 16, RoundingMode.HALF_UP), row.get(1), row.toString());
    }
    assertStoreComputes(grouped);
    assertStoreComputes(windowed);
  }

  @Test
  void overRowsTheDriverHoldsEachAggregateHasPostgresqlsTypeAndDigits() throws Exception {
    List<String> queries = List.of(
        "SELECT avg(x), avg(x::numeric), avg(CAST(x AS bigint)), var_pop(x), var_samp(x) FROM (VALUES (1), (2)) AS t(x)",
        "SELECT avg(x), var_samp(x), var_pop(x) FROM (VALUES (1.25), (2.5), (-7.125), (NULL)) AS t(x)",
        "SELECT avg(x), variance(x), stddev(x) FROM (VALUES (CAST(1.5 AS double precision)), (2.25)) AS t(x)",
        "SELECT avg(x), stddev_samp(x), var_samp(x) FROM (VALUES (7)) AS t(x)",
        "SELECT avg(x), stddev_pop(x), var_pop(x) FROM (VALUES (7)) AS t(x) WHERE x > 7",
        "SELECT avg(DISTINCT x), avg(x) FROM (VALUES (1), (1), (2), (4)) AS t(x)",
        "SELECT stddev(DISTINCT x), variance(DISTINCT x), var_pop(DISTINCT x), stddev_pop(DISTINCT x),"
            + " var_samp(DISTINCT x) FILTER (WHERE x <> 4) FROM (VALUES (1), (2), (2), (4), (-2), (NULL)) AS t(x)",
        "SELECT var_samp(DISTINCT x), stddev_samp(DISTINCT x) FROM (VALUES (1.25), (-1.25), (1.25), (3.5)) AS t(x)",
        "SELECT k, avg(x) FROM (VALUES (1, 10), (1, 11), (2, 12), (2, -13), (2, 15)) AS t(k, x) GROUP BY k ORDER BY k");
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
            checks.add(() -> assertSameNumber(want, got, where));
          }
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void sumsOfWholeNumbersArePostgresqlsWiderTypesWithoutOverflowComputedInTheStore() throws Exception {
    String sql = "SELECT sum(CAST(orders + 2000000000 AS integer)) AS i, sum(CAST(orders AS smallint)) AS s,"
        + " sum(CAST(orders AS bigint) + 9000000000000000000) AS b,"
        + " sum(DISTINCT CAST(orders + 2000000000 AS integer)) AS d"
        + " FROM finance.customers";
    String windowed = "SELECT acquisition_channel AS c, sum(CAST(orders + 2000000000 AS integer)) OVER w AS i,"
        + " sum(CAST(orders AS bigint) + 9000000000000000000) OVER w AS b FROM finance.customers"
        + " WINDOW w AS (PARTITION BY acquisition_channel)";
    List<List<Object>> expected;
    List<List<Object>> expectedWindowed;
    try (Connection pg = postgres.connection(); Statement s = pg.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE v (acquisition_channel text, orders integer)");
      try (PreparedStatement insert = pg.prepareStatement("INSERT INTO v VALUES (?, ?)")) {
        for (List<Object> row : rows("SELECT acquisition_channel, orders FROM finance.customers")) {
          insert.setObject(1, row.get(0));
          insert.setObject(2, row.get(1));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      expected = org.marketingsql.testing.Sql.objects(pg, sql.replace("finance.customers", "v"));
      expectedWindowed = sorted(org.marketingsql.testing.Sql.objects(pg, windowed.replace("finance.customers", "v")));
    }
    assertTrue(((Number) expected.get(0).get(0)).longValue() > Integer.MAX_VALUE, expected.toString());
    assertTrue(((BigDecimal) expected.get(0).get(2)).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0, expected.toString());
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(List.of(Types.BIGINT, Types.BIGINT, Types.DECIMAL, Types.BIGINT),
          List.of(meta.getColumnType(1), meta.getColumnType(2), meta.getColumnType(3), meta.getColumnType(4)));
    }
    assertSameSums(expected, rows(sql), sql);
    assertSameSums(expectedWindowed, sorted(rows(windowed)), windowed);
    assertStoreComputes(sql);
    assertStoreComputes(windowed);
  }

  @Test
  void overRowsTheDriverHoldsSumsOfWholeNumbersArePostgresqlsWiderTypes() throws Exception {
    String sql = "SELECT sum(x), sum(DISTINCT x), sum(CAST(x AS bigint) * 4000000000), sum(CAST(x / 1000000 AS smallint))"
        + " FROM (VALUES (2000000000), (2000000000), (1)) AS t(x)";
    try (Connection pg = postgres.connection()) {
      assertSameSums(org.marketingsql.testing.Sql.objects(pg, sql), rows(sql), sql);
    }
  }

  /**
   * The same rows, each value (a sum, a channel) of the same Java type (a bigint's Long, a numeric's BigDecimal) and
   * value as PostgreSQL's.
   */
  private static void assertSameSums(List<List<Object>> expected, List<List<Object>> actual, String sql) {
    assertEquals(expected.size(), actual.size(), sql);
    List<Executable> checks = new ArrayList<>();
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).size(); c++) {
        Object want = expected.get(r).get(c);
        Object got = actual.get(r).get(c);
        String where = sql + " row " + r + " column " + (c + 1) + ": " + want + " / " + got;
        checks.add(() -> assertEquals(want == null ? null : want.getClass(), got == null ? null : got.getClass(), where));
        checks.add(() -> assertEquals(want instanceof Number ? new BigDecimal(want.toString()) : want,
            got instanceof Number ? new BigDecimal(got.toString()) : got, where));
      }
    }
    assertAll(checks);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
  }

  /**
   * Every aggregate of {@code column} of {@code finance.customers}: named and typed as PostgreSQL names and types them,
   * the store computes them, and their digits are those of PostgreSQL 15 given the same values in a column of
   * {@code type}.
   */
  private void assertLikePostgresql(String column, String type) throws Exception {
    String sql = "SELECT " + String.join(", ", NAMES.stream().map(n -> n + "(" + column + ")").toList())
        + " FROM finance.customers";
    String distinct = "DISTINCT ";
    String plain = column.startsWith(distinct) ? column.substring(distinct.length()) : column;
    List<Object> values = new ArrayList<>();
    for (List<Object> r : rows("SELECT " + plain + " FROM finance.customers")) {
      values.add(r.get(0));
    }
    assertTrue(values.size() > 2, "values: " + values.size());
    List<Object> expected = new ArrayList<>();
    try (Connection pg = postgres.connection(); Statement s = pg.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE v (x " + type + ")");
      try (PreparedStatement insert = pg.prepareStatement("INSERT INTO v VALUES (?)")) {
        for (Object value : values) {
          insert.setObject(1, value);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      expected.addAll(org.marketingsql.testing.Sql.objects(pg, sql.replace(plain, "x").replace("finance.customers", "v"))
          .get(0));
    }
    List<Executable> checks = new ArrayList<>();
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertTrue(rs.next());
      for (int i = 0; i < NAMES.size(); i++) {
        String name = NAMES.get(i);
        int c = i + 1;
        Object got = rs.getObject(c);
        checks.add(() -> assertEquals(name, meta.getColumnLabel(c)));
        checks.add(() -> assertEquals(Types.DECIMAL, meta.getColumnType(c), name));
        checks.add(() -> assertEquals(16, meta.getScale(c), name));
        checks.add(() -> assertSameNumber(expected.get(c - 1), got, name + " of " + column));
      }
    }
    assertAll(checks);
    assertStoreComputes(sql);
  }

  /**
   * {@code got} is PostgreSQL's {@code want}: a double the same double; a numeric average or variance PostgreSQL's
   * digits, at sixteen decimals where PostgreSQL shows more or fewer; a numeric standard deviation (a square root in
   * double precision here) the same to fifteen significant digits, or to PostgreSQL's last decimal.
   */
  private static void assertSameNumber(Object want, Object got, String where) {
    if (want == null || got == null) {
      assertEquals(want, got, where);
      return;
    }
    if (!(want instanceof BigDecimal) && !(want instanceof Double)) {
      assertEquals(want, got, where);
      return;
    }
    if (want instanceof Double w) {
      assertEquals(w, ((Number) got).doubleValue(), Math.ulp(w) * 2, where);
      return;
    }
    assertTrue(got instanceof BigDecimal, where + ": a numeric, not " + got.getClass());
    BigDecimal pg = (BigDecimal) want;
    BigDecimal ours = (BigDecimal) got;
    assertEquals(16, ours.scale(), where);
    if (where.contains("stddev")) {
      // PostgreSQL's own rounding at its scale, and the double's sixteen significant digits
      BigDecimal tolerance = pg.abs().max(BigDecimal.ONE).multiply(new BigDecimal("1e-15"))
          .add(BigDecimal.ONE.movePointLeft(pg.scale()).divide(BigDecimal.valueOf(2)));
      assertTrue(pg.subtract(ours).abs().compareTo(tolerance) <= 0, where + ": " + pg + " / " + ours);
    } else if (pg.scale() >= 16) {
      assertEquals(pg.setScale(16, RoundingMode.HALF_UP), ours, where);
    } else {
      assertEquals(pg, ours.setScale(pg.scale(), RoundingMode.HALF_UP), where);
    }
  }

  private void assertStoreComputes(String sql) throws SQLException {
    StorePlans.assertOneStoreQuery(finance.connection(), sql);
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance.connection(), sql);
  }
}
