package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * Window functions as analysts write them in PostgreSQL, by a connection that reads only {@code finance}: over the
 * finance views they run in the store (DuckDB or PostgreSQL, whichever the fixtures' stores are on), with the
 * results PostgreSQL gives; each result is checked against the same numbers computed here from the plain rows.
 */
@ExtendWith(IsolatedHome.class)
class WindowFunctionsTest {
  private static final String MONTHS = "SELECT channel, month_start, spend_rc FROM finance.channel_roi"
      + " ORDER BY channel, month_start";
  /** One store for the class, which its tests' connections only read. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(fixture);

  @Test
  void rankingAndOffsetFunctionsOverAFinanceViewRunInTheStore() throws Exception {
    String sql = "SELECT channel, month_start, spend_rc,"
        + " row_number() OVER (PARTITION BY channel ORDER BY month_start) AS rn,"
        + " rank() OVER (PARTITION BY channel ORDER BY spend_rc DESC) AS rk,"
        + " dense_rank() OVER (ORDER BY channel) AS dr,"
        + " lag(spend_rc) OVER (PARTITION BY channel ORDER BY month_start) AS prev,"
        + " lead(spend_rc, 1, 0) OVER (PARTITION BY channel ORDER BY month_start) AS next,"
        + " first_value(spend_rc) OVER (PARTITION BY channel ORDER BY month_start) AS first"
        + " FROM finance.channel_roi ORDER BY channel, month_start";
    assertInStore(sql);
    List<List<Object>> plain = rows(MONTHS);
    List<List<Object>> windowed = rows(sql);
    assertEquals(plain.size(), windowed.size());
    assertTrue(plain.size() >= 4, "the fixture has several months of several channels: " + plain);
    int denseRank = 0;
    for (int i = 0; i < plain.size(); i++) {
      List<Object> row = windowed.get(i);
      String channel = (String) plain.get(i).get(0);
      boolean firstOfChannel = i == 0 || !channel.equals(plain.get(i - 1).get(0));
      boolean lastOfChannel = i == plain.size() - 1 || !channel.equals(plain.get(i + 1).get(0));
      int start = i;
      while (start > 0 && channel.equals(plain.get(start - 1).get(0))) {
        start--;
      }
      denseRank += firstOfChannel ? 1 : 0;
      BigDecimal spend = (BigDecimal) plain.get(i).get(2);
      assertEquals(i - start + 1, ((Number) row.get(3)).intValue(), "row_number of " + row);
      long higher = plain.stream().filter(r -> r.get(0).equals(channel) && ((BigDecimal) r.get(2)).compareTo(spend) > 0).count();
      assertEquals(higher + 1, ((Number) row.get(4)).longValue(), "rank of " + row);
      assertEquals(denseRank, ((Number) row.get(5)).intValue(), "dense_rank of " + row);
      assertEquals(firstOfChannel ? null : plain.get(i - 1).get(2), row.get(6), "lag of " + row);
      assertEquals(0, (lastOfChannel ? BigDecimal.ZERO : (BigDecimal) plain.get(i + 1).get(2)).compareTo((BigDecimal) row.get(7)),
          "lead with a default of " + row);
      assertEquals(plain.get(start).get(2), row.get(8), "first_value of " + row);
    }
  }

  @Test
  void aRunningTotalOfMoneyIsAnExactDecimal() throws Exception {
    String sql = "SELECT channel, month_start, sum(spend_rc) OVER (PARTITION BY channel ORDER BY month_start"
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running FROM finance.channel_roi ORDER BY channel, month_start";
    assertInStore(sql);
    List<List<Object>> plain = rows(MONTHS);
    List<List<Object>> windowed = rows(sql);
    BigDecimal running = BigDecimal.ZERO;
    for (int i = 0; i < plain.size(); i++) {
      if (i > 0 && !plain.get(i).get(0).equals(plain.get(i - 1).get(0))) {
        running = BigDecimal.ZERO;
      }
      running = running.add((BigDecimal) plain.get(i).get(2));
      assertEquals(0, running.compareTo((BigDecimal) windowed.get(i).get(2)), "running total of " + windowed.get(i));
    }
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(3), "a sum of money is DECIMAL");
    }
  }

  @Test
  void aShareOfTheWholeWithAnEmptyOverClauseAddsUpToOne() throws Exception {
    String sql = "WITH t AS (SELECT channel, sum(spend_rc) s FROM finance.channel_roi GROUP BY channel)"
        + " SELECT channel, s, s / sum(s) OVER () AS share FROM t ORDER BY channel";
    assertInStore(sql);
    BigDecimal total = BigDecimal.ZERO;
    for (List<Object> row : rows(sql)) {
      total = total.add((BigDecimal) row.get(2));
    }
    assertEquals(1.0, total.doubleValue(), 1e-5, "the shares of every channel, each to six decimals");
  }

  @Test
  void framesNamedWindowsAndTheOtherWindowFunctionsGivePostgresqlsAnswers() throws Exception {
    String sql = "SELECT channel, month_start,"
        + " sum(spend_rc) OVER (PARTITION BY channel ORDER BY month_start ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS two,"
        + " count(*) OVER w AS n, ntile(2) OVER w AS half, percent_rank() OVER w AS pr, cume_dist() OVER w AS cd,"
        + " last_value(spend_rc) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last,"
        + " nth_value(spend_rc, 2) OVER (PARTITION BY channel ORDER BY month_start"
        + " RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second"
        + " FROM finance.channel_roi WINDOW w AS (PARTITION BY channel ORDER BY month_start) ORDER BY channel, month_start";
    List<List<Object>> plain = rows(MONTHS);
    List<List<Object>> windowed = rows(sql);
    for (int i = 0; i < plain.size(); i++) {
      String channel = (String) plain.get(i).get(0);
      List<List<Object>> partition = plain.stream().filter(r -> r.get(0).equals(channel)).toList();
      int position = partition.indexOf(plain.get(i));
      int size = partition.size();
      List<Object> row = windowed.get(i);
      BigDecimal previous = position == 0 ? BigDecimal.ZERO : (BigDecimal) plain.get(i - 1).get(2);
      BigDecimal two = ((BigDecimal) plain.get(i).get(2)).add(previous);
      assertEquals(0, two.compareTo((BigDecimal) row.get(2)), "ROWS 1 PRECEDING of " + row);
      assertEquals(position + 1, ((Number) row.get(3)).intValue(), "a running count of " + row);
      // an integer, as in PostgreSQL (Calcite's ntile is a bigint)
      assertEquals(position < (size + 1) / 2 ? 1 : 2, row.get(4), "ntile of " + row);
      assertEquals(size == 1 ? 0.0 : (double) position / (size - 1), ((Number) row.get(5)).doubleValue(), 1e-9,
          "percent_rank of " + row);
      assertEquals((double) (position + 1) / size, ((Number) row.get(6)).doubleValue(), 1e-9, "cume_dist of " + row);
      assertEquals(partition.get(size - 1).get(2), row.get(7), "last_value of " + row);
      assertEquals(size < 2 ? null : partition.get(1).get(2), row.get(8), "nth_value of " + row);
    }
  }

  @Test
  void aWindowOverRowsTheDriverComputesRunsAboveTheStore() throws Exception {
    List<List<Object>> rows = rows("SELECT x, sum(x) OVER (ORDER BY x), rank() OVER (ORDER BY x DESC)"
        + " FROM (VALUES (2), (3), (1)) AS t(x) ORDER BY x");
    assertEquals(List.of(List.of(1, 1, 3), List.of(2, 3, 2), List.of(3, 6, 1)), rows.stream()
        .map(r -> r.stream().map(v -> ((Number) v).intValue()).toList()).toList());
  }

  @Test
  void percentRankAndCumeDistOverRowsTheDriverComputesGivePostgresqlsAnswers() throws Exception {
    // PostgreSQL 15: 1 | 0 | 0.25, 2 | 0.333… | 0.75 (twice, peers), 4 | 1 | 1
    assertEquals(List.of(List.of(1, 0.0, 0.25), List.of(2, 1 / 3.0, 0.75), List.of(2, 1 / 3.0, 0.75), List.of(4, 1.0, 1.0)),
        rows("SELECT x, percent_rank() OVER (ORDER BY x), cume_dist() OVER (ORDER BY x)"
            + " FROM (VALUES (1), (2), (2), (4)) v(x) ORDER BY x"));
    // PostgreSQL 15, by partition g % 2: 1 | 0 | 0.333…, 2 | 0 | 0.5, 3 | 0.5 | 0.666…, 4 | 1 | 1, 5 | 1 | 1
    assertEquals(List.of(List.of(1, 0.0, 1 / 3.0), List.of(2, 0.0, 0.5), List.of(3, 0.5, 2 / 3.0), List.of(4, 1.0, 1.0),
        List.of(5, 1.0, 1.0)), rows("SELECT g, percent_rank() OVER w, cume_dist() OVER w FROM generate_series(1, 5) g"
            + " WINDOW w AS (PARTITION BY g % 2 ORDER BY g) ORDER BY g"));
    // a partition of one row
    assertEquals(List.of(List.of(7, 0.0, 1.0)), rows("SELECT x, percent_rank() OVER (PARTITION BY x ORDER BY x),"
        + " cume_dist() OVER (PARTITION BY x ORDER BY x) FROM (VALUES (7)) v(x)"));
  }

  @Test
  void percentRankAndCumeDistOverAFinanceViewStayInTheStore() throws Exception {
    assertInStore("SELECT channel, percent_rank() OVER (PARTITION BY channel ORDER BY spend_rc),"
        + " cume_dist() OVER (ORDER BY spend_rc) FROM finance.channel_roi");
  }

  private void assertInStore(String sql) throws SQLException {
    String plan = plan(sql);
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), "the whole query in the store:\n" + plan);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "nothing above the store:\n" + plan);
  }

  private String plan(String sql) throws SQLException {
    try (Statement s = finance.connection().createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  @Test
  void groupingOfARollupOverAFinanceViewIsAnIntegerAsInPostgresql() throws Exception {
    List<List<Object>> rows = rows("SELECT channel, grouping(channel), count(*) FROM finance.channel_roi"
        + " GROUP BY ROLLUP (channel) HAVING grouping(channel) = 1 OR count(*) > 0 ORDER BY grouping(channel), channel");
    List<List<Object>> channels = rows("SELECT DISTINCT channel FROM finance.channel_roi ORDER BY channel");
    assertEquals(channels.size() + 1, rows.size(), "a row per channel and the total: " + rows);
    for (int i = 0; i < rows.size(); i++) {
      boolean total = i == channels.size();
      assertEquals(total ? null : channels.get(i).get(0), rows.get(i).get(0));
      assertEquals(total ? 1 : 0, rows.get(i).get(1), "grouping of " + rows.get(i));
    }
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance.connection(), sql);
  }
}
