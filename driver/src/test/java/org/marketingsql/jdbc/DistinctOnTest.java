package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
/**
 * PostgreSQL's {@code SELECT DISTINCT ON (…)} keeps the first row of each group in the statement's order, in the store;
 * {@code TABLESAMPLE} is refused with 0A000; by a connection that reads only {@code finance}.
 */
@ExtendWith(IsolatedHome.class)
class DistinctOnTest {
  /** One store for the class, which its tests' connections only read. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(fixture);

  @Test
  void distinctOnKeepsTheFirstRowOfEachGroupInTheStatementsOrder() throws Exception {
    String sql = "SELECT DISTINCT ON (channel) channel, month_start, spend_rc FROM finance.channel_roi"
        + " ORDER BY channel, spend_rc DESC, month_start";
    List<List<Object>> all = rows("SELECT channel, month_start, spend_rc FROM finance.channel_roi"
        + " ORDER BY channel, spend_rc DESC, month_start");
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> row : all) {
      if (expected.isEmpty() || !expected.get(expected.size() - 1).get(0).equals(row.get(0))) {
        expected.add(row);
      }
    }
    assertTrue(all.size() > expected.size() && expected.size() >= 2, "several channels of several months: " + all);
    assertEquals(expected, rows(sql));
    String plan = plan(sql);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "the store picks the rows:\n" + plan);
  }

  @Test
  void distinctOnOrdersItsGroupsByOutputNamesAndPositionsToo() throws Exception {
    List<List<Object>> byName = rows("SELECT DISTINCT ON (c) channel AS c, month_start AS m, spend_rc FROM finance.channel_roi"
        + " ORDER BY c, m DESC");
    List<List<Object>> byPosition = rows("SELECT DISTINCT ON (channel) channel, month_start, spend_rc"
        + " FROM finance.channel_roi ORDER BY 1, 2 DESC");
    List<List<Object>> latest = rows("SELECT channel, max(month_start) FROM finance.channel_roi GROUP BY channel ORDER BY 1");
    assertEquals(latest, byName.stream().map(r -> r.subList(0, 2)).toList());
    assertEquals(byName, byPosition);
  }

  @Test
  void distinctOnOfSeveralExpressionsAndADistinctOnNamedColumnStayWhatTheyAre() throws Exception {
    assertEquals(rows("SELECT count(*) FROM (SELECT DISTINCT channel, fiscal_year FROM finance.channel_roi) t").get(0).get(0),
        (long) rows("SELECT DISTINCT ON (channel, fiscal_year) channel, fiscal_year, roi FROM finance.channel_roi").size());
    // "on" after DISTINCT without parentheses is a column, not PostgreSQL's DISTINCT ON
    assertEquals(1, rows("SELECT DISTINCT \"on\" FROM (VALUES (1), (1)) AS t(\"on\")").size());
  }

  @Test
  void aTableSampleIsRefusedAsNotSupported() {
    for (String method : List.of("SYSTEM", "BERNOULLI")) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> rows("SELECT count(*) FROM finance.orders TABLESAMPLE " + method + " (50)"));
      assertEquals("0A000", e.getSQLState(), e.toString());
      assertTrue(e.getMessage().contains("TABLESAMPLE is not supported"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
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

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance.connection(), sql);
  }
}
