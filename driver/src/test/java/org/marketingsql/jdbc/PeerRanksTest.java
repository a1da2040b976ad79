package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.jdbc.StorePlans.assertOneStoreQuery;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * {@code rank()}, {@code dense_rank()}, {@code percent_rank()} and {@code cume_dist()} over a window without ORDER BY,
 * where every row of a partition is a peer of every other, by a connection that reads only {@code finance}: the same
 * rows, column names and types as a real PostgreSQL 15 gives for the same query, over rows the driver holds
 * ({@code VALUES}) and over a finance view, which the store computes in one query. And the statement's ORDER BY over
 * windows, whichever windows, partitions, orders, sources and LIMIT: the rows in PostgreSQL's order.
 */
@ExtendWith(IsolatedHome.class)
class PeerRanksTest {
  @RegisterExtension
  static final PostgresCluster POSTGRES = PostgresCluster.trust();
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  static final FinanceReader FINANCE = FinanceReader.over(FIXTURE);

  @Test
  void overAnEmptyWindowEveryRowRanksFirstAsInPostgresql() throws Exception {
    String sql = "SELECT x, rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER ()"
        + " FROM (VALUES (1), (2), (2)) AS t(x) ORDER BY x";
    assertEquals(List.of("1|1|1|0|1", "2|1|1|0|1", "2|1|1|0|1"), Sql.lines(FINANCE.connection(), sql));
    assertLikePostgresql(sql);
  }

  @Test
  void overPartitionsNamedWindowsAndFramesEveryRowRanksFirstInItsPartitionAsInPostgresql() throws Exception {
    assertLikePostgresql("SELECT x, rank() OVER (PARTITION BY x) AS r, percent_rank() OVER w, cume_dist() OVER (w),"
        + " dense_rank() OVER (PARTITION BY x ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)"
        + " FROM (VALUES (1), (2), (2), (3)) AS t(x) WINDOW w AS (PARTITION BY x) ORDER BY x");
    assertLikePostgresql("SELECT x % 2 AS odd, cume_dist() OVER (PARTITION BY x % 2), count(*) OVER (PARTITION BY x % 2)"
        + " FROM (VALUES (1), (2), (2), (3)) AS t(x) ORDER BY odd");
    assertLikePostgresql("SELECT rank() OVER () FROM (VALUES (1)) AS t(x) WHERE x > 1");
    assertLikePostgresql("SELECT x, rank() OVER (ORDER BY x), rank() OVER () FROM (VALUES (2), (1), (2)) AS t(x)"
        + " ORDER BY x");
  }

  @Test
  void overAFinanceViewTheStoreRanksEveryRowFirstInOneQueryAsPostgresqlDoes() throws Exception {
    String select = "SELECT channel, month_start, rank() OVER (), dense_rank() OVER (PARTITION BY channel),"
        + " percent_rank() OVER (PARTITION BY channel), cume_dist() OVER w FROM %s"
        + " WINDOW w AS (PARTITION BY month_start) ORDER BY channel, month_start";
    String sql = String.format(select, "finance.channel_roi");
    StringJoiner values = new StringJoiner(", ", "(VALUES ", ") AS channel_roi(channel, month_start)");
    for (List<Object> row : Sql.objects(FINANCE.connection(), "SELECT channel, month_start FROM finance.channel_roi")) {
      values.add("('" + row.get(0) + "', DATE '" + row.get(1) + "')");
    }
    List<String> rows = Sql.lines(FINANCE.connection(), sql);
    assertTrue(rows.size() > 2, "the fixture has several months of several channels: " + rows);
    try (Connection pg = POSTGRES.connection()) {
      assertEquals(Sql.lines(pg, String.format(select, values)), rows);
    }
    assertOneStoreQuery(FINANCE.connection(), sql);
  }

  @Test
  void theStatementsOrderByOrdersTheRowsOfEveryShapeOfWindowsAsInPostgresql() throws Exception {
    List<String> windows = List.of("rank() OVER (PARTITION BY g ORDER BY x DESC) AS a",
        "row_number() OVER (ORDER BY x, g) AS b", "count(*) OVER (PARTITION BY x) AS c", "min(x) OVER (PARTITION BY g) AS d",
        "dense_rank() OVER (ORDER BY g DESC) AS e");
    List<List<Integer>> combinations = List.of(List.of(0, 2), List.of(1, 4), List.of(0, 3), List.of(0, 1, 2), List.of(1));
    List<String> orders = List.of("x", "x DESC", "g, x DESC", "3 DESC, x");
    List<String> limits = List.of("", " LIMIT 3", " LIMIT 2 OFFSET 1");
    StringJoiner financeRows = new StringJoiner(", ", "(VALUES ", ") AS channel_roi(channel, month_start)");
    for (List<Object> row : Sql.objects(FINANCE.connection(), "SELECT channel, month_start FROM finance.channel_roi")) {
      financeRows.add("('" + row.get(0) + "', DATE '" + row.get(1) + "')");
    }
    // rows written in the order of their keys, in the reverse order, from a function, from the store, and the store's
    // rows joined above it; x is unique in each (a finance view's months set apart by the length of the channel)
    List<String> sources = List.of("(VALUES ('a', 1), ('a', 2), ('b', 3), ('b', 4), ('c', 5)) AS t(g, x)",
        "(VALUES ('c', 5), ('b', 4), ('b', 3), ('a', 2), ('a', 1)) AS t(g, x)",
        "(SELECT x % 3 AS g, x FROM generate_series(1, 7) AS x) AS t",
        "(SELECT channel AS g, month_start + 40 * length(channel) AS x FROM {view}) AS t",
        "(SELECT channel AS g, month_start + 40 * length(channel) AS x FROM {view}"
            + " JOIN (VALUES (1), (2)) AS v(k) ON k = 1) AS t");
    List<String> differences = new ArrayList<>();
    int statements = 0;
    try (Connection pg = POSTGRES.connection()) {
      for (String source : sources) {
        for (List<Integer> combination : combinations) {
          StringJoiner items = new StringJoiner(", ", "SELECT g, x, ", "");
          combination.forEach(i -> items.add(windows.get(i)));
          for (String order : orders) {
            String select = items + " FROM " + source + " ORDER BY " + order + limits.get(statements++ % limits.size());
            String sql = select.replace("{view}", "finance.channel_roi");
            List<String> expected = Sql.lines(pg, select.replace("{view}", financeRows.toString()));
            List<String> rows = Sql.lines(FINANCE.connection(), sql);
            if (!rows.equals(expected)) {
              differences.add(sql + "\n  driver:     " + rows + "\n  postgresql: " + expected);
            }
          }
        }
      }
    }
    assertEquals("", String.join("\n", differences), differences.size() + " of " + statements + " statements differ");
  }

  @Test
  void aRankingFunctionOverAnEmptyWindowIsStillRefusedInWhere() {
    SQLException refused = assertThrows(SQLException.class,
        () -> Sql.lines(FINANCE.connection(), "SELECT x FROM (VALUES (1), (2)) AS t(x) WHERE rank() OVER () = 1"));
    assertTrue(refused.getMessage().contains("WHERE"), refused.getMessage());
  }

  /** Asserts that the driver answers {@code sql} with PostgreSQL's rows, column names and column types. */
  private static void assertLikePostgresql(String sql) throws Exception {
    try (Connection pg = POSTGRES.connection()) {
      assertEquals(columns(pg, sql), columns(FINANCE.connection(), sql), sql);
      assertEquals(Sql.lines(pg, sql), Sql.lines(FINANCE.connection(), sql), sql);
    }
  }

  /** The name and JDBC type of each column of {@code sql}'s result. */
  private static List<String> columns(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + " " + meta.getColumnType(i));
      }
      return columns;
    }
  }
}
