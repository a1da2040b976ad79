package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * SELECT DISTINCT and GROUP BY over a window function's result, by a connection that reads only {@code finance}: the
 * store computes the window, and the grouping runs above it, never as {@code GROUP BY RANK() OVER (…)}, which DuckDB
 * and PostgreSQL both refuse. Each answer is checked against the ranks computed here from the plain rows.
 */
@ExtendWith(IsolatedHome.class)
class GroupingByWindowsTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  static final FinanceReader FINANCE = FinanceReader.over(FIXTURE);

  @Test
  void distinctRanksOfMonthsWithinEachChannelAreTheRanksThereAre() throws Exception {
    String sql = "SELECT DISTINCT rank() OVER (PARTITION BY channel ORDER BY month_start) FROM finance.channel_roi";
    List<Object> ranks = new ArrayList<>();
    for (List<Object> row : rows(sql)) {
      assertEquals(1, row.size(), "one column: " + row);
      ranks.add(row.get(0));
    }
    ranks.sort(java.util.Comparator.comparing(r -> (Long) r));
    assertEquals(new ArrayList<Object>(ranksAndCounts().keySet()), ranks);
    assertWindowInTheStoreAndGroupingAbove(sql);
  }

  @Test
  void groupingByARankFromASubQueryCountsTheRowsOfEachRank() throws Exception {
    String sql = "SELECT r, count(*) FROM (SELECT rank() OVER (PARTITION BY channel ORDER BY month_start) AS r"
        + " FROM finance.channel_roi) t GROUP BY r ORDER BY r";
    List<List<Object>> expected = new ArrayList<>();
    ranksAndCounts().forEach((rank, count) -> expected.add(List.of(rank, count)));
    assertEquals(expected, rows(sql));
    assertWindowInTheStoreAndGroupingAbove(sql);
  }

  @Test
  void aDistinctPairOfChannelAndRowNumberListsEveryRowOnce() throws Exception {
    String sql = "SELECT channel, n FROM (SELECT DISTINCT channel,"
        + " row_number() OVER (PARTITION BY channel ORDER BY month_start) AS n FROM finance.channel_roi) t"
        + " ORDER BY channel, n";
    List<List<Object>> expected = new ArrayList<>();
    months().forEach((channel, months) -> {
      for (long n = 1; n <= months.size(); n++) {
        expected.add(List.of(channel, n));
      }
    });
    assertEquals(expected, rows(sql));
    assertWindowInTheStoreAndGroupingAbove(sql);
  }

  @Test
  void anOrderedDistinctOfRanksIsOrderedByItsOutputNamesPositionsAndExpressions() throws Exception {
    String sql = "SELECT DISTINCT channel, rank() OVER (PARTITION BY channel ORDER BY month_start) AS r"
        + " FROM finance.channel_roi ORDER BY r DESC, channel";
    List<List<Object>> expected = new ArrayList<>();
    months().forEach((channel, months) -> {
      for (long r = 1; r <= months.size(); r++) {
        expected.add(List.of(channel, r));
      }
    });
    expected.sort(java.util.Comparator.comparing((List<Object> row) -> (Long) row.get(1)).reversed()
        .thenComparing(row -> (String) row.get(0)));
    assertEquals(expected, rows(sql));
    assertWindowInTheStoreAndGroupingAbove(sql);
    // PostgreSQL 15: 2, 1 and a|2, a|1 (the distinct rows a|1, a|2, b|1 by rank descending)
    assertEquals(List.of(List.of(2L), List.of(1L)),
        rows("SELECT DISTINCT rank() OVER (ORDER BY x) FROM (VALUES (1), (2), (2)) AS t(x) ORDER BY 1 DESC"));
    assertEquals(List.of(List.of("a", 2L), List.of("a", 1L)), rows("SELECT DISTINCT g, rank() OVER (PARTITION BY g ORDER BY x)"
        + " FROM (VALUES ('a', 1), ('a', 2), ('b', 2)) AS t(g, x) ORDER BY rank() OVER (PARTITION BY g ORDER BY x) DESC, g"
        + " LIMIT 2"));
  }

  /** The plan: the window computed by one store query, the grouping by Calcite above it. */
  private static void assertWindowInTheStoreAndGroupingAbove(String sql) throws Exception {
    String plan = StorePlans.plan(FINANCE.connection(), sql);
    int store = plan.indexOf("JdbcToEnumerableConverter");
    assertTrue(store > 0 && plan.substring(0, store).contains("EnumerableAggregate"), "grouped above the store:\n" + plan);
    assertTrue(plan.substring(store).contains("OVER"), "the window in the store:\n" + plan);
    assertFalse(plan.substring(store).contains("JdbcAggregate"), "no grouping in the store:\n" + plan);
  }

  /** Each rank a month has within its channel (ties share a rank), with how many rows have it. */
  private static Map<Long, Long> ranksAndCounts() throws Exception {
    Map<Long, Long> counts = new TreeMap<>();
    for (List<LocalDate> months : months().values()) {
      for (LocalDate month : months) {
        long rank = months.stream().filter(m -> m.isBefore(month)).count() + 1;
        counts.merge(rank, 1L, Long::sum);
      }
    }
    assertTrue(counts.size() > 1, "the fixture has channels of several months: " + counts);
    return counts;
  }

  /** Each channel's months, one per row. */
  private static Map<String, List<LocalDate>> months() throws Exception {
    Map<String, List<LocalDate>> months = new TreeMap<>();
    for (List<Object> row : rows("SELECT channel, month_start FROM finance.channel_roi")) {
      months.computeIfAbsent((String) row.get(0), c -> new ArrayList<>()).add(date(row.get(1)));
    }
    assertTrue(months.size() > 2, "the fixture has several channels: " + months);
    return months;
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }

  private static List<List<Object>> rows(String sql) throws Exception {
    return org.marketingsql.testing.Sql.objects(FINANCE.connection(), sql);
  }
}
