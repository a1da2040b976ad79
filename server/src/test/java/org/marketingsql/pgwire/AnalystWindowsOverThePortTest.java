package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window functions (ranks over a window without ORDER BY too), DISTINCT ON, mode() and SELECT generate_series(…) as psql
 * and pgJDBC send them to the port, by a user who reads only {@code finance}; TABLESAMPLE is refused with 0A000.
 */
class AnalystWindowsOverThePortTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.FIN);
  private Connection fin;

  @BeforeEach
  void connect() throws SQLException {
    fin = server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  @AfterEach
  void disconnect() throws SQLException {
    fin.close();
  }

  @Test
  void rankLagAndAShareOfTheWholeComeBackAsFromPostgresql() throws Exception {
    List<List<Object>> ranked = rows("SELECT channel, spend_rc, rank() OVER (PARTITION BY channel ORDER BY spend_rc DESC),"
        + " lag(spend_rc) OVER (PARTITION BY channel ORDER BY month_start) FROM finance.channel_roi"
        + " ORDER BY channel, month_start");
    List<List<Object>> plain = rows("SELECT channel, spend_rc FROM finance.channel_roi ORDER BY channel, month_start");
    for (int i = 0; i < plain.size(); i++) {
      boolean first = i == 0 || !plain.get(i).get(0).equals(plain.get(i - 1).get(0));
      assertEquals(first ? null : plain.get(i - 1).get(1), ranked.get(i).get(3), "lag of " + ranked.get(i));
    }
    String share = "WITH t AS (SELECT channel, sum(spend_rc) s FROM finance.channel_roi GROUP BY channel)"
        + " SELECT channel, s, s / sum(s) OVER () AS share, sum(s) OVER (ORDER BY channel) AS running FROM t ORDER BY channel";
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal running = BigDecimal.ZERO;
    for (List<Object> row : rows(share)) {
      total = total.add((BigDecimal) row.get(2));
      running = running.add((BigDecimal) row.get(1));
      assertEquals(0, running.compareTo((BigDecimal) row.get(3)), "the running total of " + row);
    }
    assertEquals(1.0, total.doubleValue(), 1e-5);
    try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery(share)) {
      assertEquals(Types.NUMERIC, rs.getMetaData().getColumnType(4), "a running sum of money is numeric");
    }
  }

  @Test
  void distinctOnModeAndASeriesInTheSelectListRunAndTableSampleIsRefused() throws Exception {
    List<List<Object>> latest = rows("SELECT DISTINCT ON (channel) channel, month_start FROM finance.channel_roi"
        + " ORDER BY channel, month_start DESC");
    assertEquals(rows("SELECT channel, max(month_start) FROM finance.channel_roi GROUP BY channel ORDER BY channel"), latest);
    assertEquals(List.of(List.of("google_ads")), rows("SELECT mode() WITHIN GROUP (ORDER BY acquisition_channel)"
        + " FROM finance.orders"));
    assertEquals(List.of(List.of(1), List.of(2), List.of(3)), rows("SELECT generate_series(1, 3)"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT * FROM finance.orders TABLESAMPLE SYSTEM (50)"));
    assertEquals("0A000", e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains("TABLESAMPLE is not supported"), e.getMessage());
  }

  @Test
  void percentilesComeBackAsPostgresqlGivesThemWithAFractionOutsideZeroToOneRefused() throws Exception {
    List<Double> amounts = new ArrayList<>();
    for (List<Object> r : rows("SELECT amount_rc FROM finance.orders WHERE amount_rc IS NOT NULL ORDER BY 1")) {
      amounts.add(((Number) r.get(0)).doubleValue());
    }
    int n = amounts.size();
    // linear interpolation at 0.5 * (n - 1); the first value whose cumulative distribution reaches 0.5
    double position = 0.5 * (n - 1);
    int below = (int) Math.floor(position);
    double median = amounts.get(below) + (position - below) * (amounts.get((int) Math.ceil(position)) - amounts.get(below));
    double disc = amounts.get((int) Math.ceil(0.5 * n) - 1);
    try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery("SELECT percentile_cont(0.5) WITHIN GROUP"
        + " (ORDER BY amount_rc) AS cont, percentile_disc(0.5) WITHIN GROUP (ORDER BY amount_rc) AS disc FROM finance.orders")) {
      assertEquals("float8", rs.getMetaData().getColumnTypeName(1));
      assertEquals("numeric", rs.getMetaData().getColumnTypeName(2));
      assertTrue(rs.next());
      assertEquals(median, rs.getDouble(1), 1e-9, "of " + amounts);
      assertEquals(disc, rs.getDouble(2), 1e-9, "of " + amounts);
    }
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT percentile_disc(2) WITHIN GROUP (ORDER BY amount_rc) FROM finance.orders"));
    assertEquals("22003", e.getSQLState(), e.toString());
  }

  @Test
  void distributionsAndPercentilesOfRowsTheDriverComputesComeBackAsFromPostgresql() throws Exception {
    // PostgreSQL 15: 1 | 0 | 0.25, 2 | 0.333… | 0.75 (twice), 4 | 1 | 1; then 2.6000000000000005 | 2 | a
    assertEquals(List.of(List.of(1, 0.0, 0.25), List.of(2, 1 / 3.0, 0.75), List.of(2, 1 / 3.0, 0.75), List.of(4, 1.0, 1.0)),
        rows("SELECT x, percent_rank() OVER (ORDER BY x), cume_dist() OVER (ORDER BY x)"
            + " FROM (VALUES (1), (2), (2), (4)) v(x) ORDER BY x"));
    List<Object> percentiles = rows("SELECT percentile_cont(0.4) WITHIN GROUP (ORDER BY g),"
        + " percentile_disc(0.4) WITHIN GROUP (ORDER BY g), percentile_disc(0.5) WITHIN GROUP (ORDER BY order_id)"
        + " FROM generate_series(1, 5) g, (VALUES ('b'), ('a'), ('c'), ('a')) o(order_id)").get(0);
    assertEquals(2.6, ((Number) percentiles.get(0)).doubleValue(), 1e-12);
    assertEquals(2, ((Number) percentiles.get(1)).intValue());
    assertEquals("a", percentiles.get(2));
    // PostgreSQL 15: without ORDER BY every row is a peer, ranked 1, 1, 0 and 1 (bigint, bigint, float8, float8)
    assertEquals(List.of(List.of(1, 1L, 1L, 0.0, 1.0), List.of(2, 1L, 1L, 0.0, 1.0)), rows("SELECT x, rank() OVER (),"
        + " dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER () FROM (VALUES (1), (2)) v(x) ORDER BY x"));
    List<List<Object>> ranks = rows("SELECT rank() OVER (PARTITION BY channel), cume_dist() OVER (PARTITION BY channel)"
        + " FROM finance.channel_roi");
    assertEquals(rows("SELECT 1::bigint, 1.0::float8 FROM finance.channel_roi"), ranks);
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(fin, sql);
  }
}
