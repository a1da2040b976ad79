package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.jdbc.StorePlans.assertOneStoreQuery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * An aggregate over an expression of another aggregate of the same query (a cast, arithmetic, CASE, COALESCE), by a
 * connection that reads only {@code finance}: the store gets the inner level as a sub-query, which DuckDB and
 * PostgreSQL both accept, instead of one level with an aggregate nested in another. Each answer is checked against the
 * same numbers computed here from the plain rows.
 */
@ExtendWith(IsolatedHome.class)
class AggregatesOverAggregatesTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  static final FinanceReader FINANCE = FinanceReader.over(FIXTURE);

  @Test
  void aSumOfPerChannelSumsCastToNumericIsOneStoreQueryWithTheChannelsAsASubQuery() throws Exception {
    String sql = "SELECT sum(x) FROM (SELECT CAST(sum(spend_rc) AS numeric(12,2)) x FROM finance.channel_roi"
        + " GROUP BY channel) t";
    BigDecimal expected = perChannel(s -> s.setScale(2, RoundingMode.HALF_UP)).values().stream()
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(new BigDecimal("490.00"), expected, "the fixture's spend");
    assertEquals(List.of(List.of(expected)), rows(sql));
    assertOneStoreQuery(FINANCE.connection(), sql);
  }

  @Test
  void arithmeticCaseAndCoalesceOverPerChannelSumsAreAggregatedOnceMore() throws Exception {
    Map<String, BigDecimal> sums = perChannel(Function.identity());
    BigDecimal two = BigDecimal.valueOf(2);
    String arithmetic = "SELECT sum(x), max(x), count(*) FROM (SELECT sum(spend_rc) * 2 + 1 AS x"
        + " FROM finance.channel_roi GROUP BY channel) t";
    List<BigDecimal> doubled = sums.values().stream().map(s -> s.multiply(two).add(BigDecimal.ONE)).toList();
    assertEquals(List.of(List.of(doubled.stream().reduce(BigDecimal.ZERO, BigDecimal::add),
        doubled.stream().max(BigDecimal::compareTo).orElseThrow(), (long) sums.size())), rows(arithmetic));
    String cased = "SELECT sum(x), min(x) FROM (SELECT CASE WHEN sum(spend_rc) > 100 THEN sum(spend_rc) ELSE -1 END AS x"
        + " FROM finance.channel_roi GROUP BY channel) t";
    List<BigDecimal> big = sums.values().stream()
        .map(s -> s.compareTo(BigDecimal.valueOf(100)) > 0 ? s : BigDecimal.ONE.negate().setScale(s.scale())).toList();
    assertEquals(List.of(List.of(big.stream().reduce(BigDecimal.ZERO, BigDecimal::add),
        big.stream().min(BigDecimal::compareTo).orElseThrow())), rows(cased));
    String coalesced = "SELECT max(x) FROM (SELECT coalesce(max(spend_rc) - min(spend_rc), 0) AS x"
        + " FROM finance.channel_roi GROUP BY channel) t";
    assertEquals(List.of(List.of(spread())), rows(coalesced));
    for (String sql : List.of(arithmetic, cased, coalesced)) {
      assertOneStoreQuery(FINANCE.connection(), sql);
    }
  }

  @Test
  void aSumOverGroupsKeptByAHavingAndAGroupedSumOfSumsCountOnlyTheirGroups() throws Exception {
    Map<String, BigDecimal> sums = perChannel(Function.identity());
    String having = "SELECT sum(x), count(*) FROM (SELECT channel, CAST(sum(spend_rc) AS numeric(14,2)) AS x"
        + " FROM finance.channel_roi GROUP BY channel HAVING sum(spend_rc) > 0) t";
    List<BigDecimal> kept = sums.values().stream().filter(s -> s.signum() > 0)
        .map(s -> s.setScale(2, RoundingMode.HALF_UP)).toList();
    assertTrue(kept.size() > 1 && kept.size() < sums.size(), "the fixture has channels with and without spend: " + sums);
    assertEquals(List.of(List.of(kept.stream().reduce(BigDecimal.ZERO, BigDecimal::add), (long) kept.size())),
        rows(having));
    assertOneStoreQuery(FINANCE.connection(), having);
    String grouped = "SELECT spent, count(*), sum(x) FROM (SELECT channel, sum(spend_rc) > 0 AS spent,"
        + " CAST(sum(spend_rc) AS numeric(14,2)) AS x FROM finance.channel_roi GROUP BY channel) t GROUP BY spent"
        + " ORDER BY spent";
    List<List<Object>> expected = new ArrayList<>();
    for (boolean spent : new boolean[] {false, true}) {
      List<BigDecimal> group = sums.values().stream().filter(s -> s.signum() > 0 == spent)
          .map(s -> s.setScale(2, RoundingMode.HALF_UP)).toList();
      expected.add(List.of(spent, (long) group.size(), group.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add)));
    }
    assertEquals(expected, rows(grouped));
  }

  @Test
  void aSumOfSumsOverAFinanceViewWhoseOwnSqlAggregatesIsOneStoreQuery() throws Exception {
    Map<String, BigDecimal> platforms = new TreeMap<>();
    for (List<Object> row : rows("SELECT platform, spend_rc FROM finance.campaign_roi")) {
      platforms.merge((String) row.get(0), (BigDecimal) row.get(1), BigDecimal::add);
    }
    assertTrue(platforms.size() > 1, "the fixture has campaigns on several platforms: " + platforms);
    String sql = "SELECT sum(s), count(*) FROM (SELECT platform, CAST(sum(spend_rc) AS numeric(12,2)) AS s"
        + " FROM finance.campaign_roi GROUP BY platform) t";
    assertEquals(List.of(List.of(platforms.values().stream().map(s -> s.setScale(2, RoundingMode.HALF_UP))
        .reduce(BigDecimal.ZERO, BigDecimal::add), (long) platforms.size())), rows(sql));
    assertOneStoreQuery(FINANCE.connection(), sql);
  }

  @Test
  void windowFunctionsOverPerChannelSumsAreOneStoreQuery() throws Exception {
    Map<String, BigDecimal> sums = perChannel(Function.identity());
    BigDecimal total = sums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    String sql = "SELECT channel, sum(spend_rc), sum(sum(spend_rc)) OVER (),"
        + " rank() OVER (ORDER BY sum(spend_rc) DESC) FROM finance.channel_roi GROUP BY channel ORDER BY channel";
    List<List<Object>> expected = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> channel : sums.entrySet()) {
      long higher = sums.values().stream().filter(s -> s.compareTo(channel.getValue()) > 0).count();
      expected.add(List.of(channel.getKey(), channel.getValue(), total, higher + 1));
    }
    assertEquals(expected, rows(sql));
    assertOneStoreQuery(FINANCE.connection(), sql);
  }

  /** Each channel's spend, {@code f} applied to its sum, by channel. */
  private static Map<String, BigDecimal> perChannel(Function<BigDecimal, BigDecimal> f) throws Exception {
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (List<Object> row : rows("SELECT channel, spend_rc FROM finance.channel_roi")) {
      sums.merge((String) row.get(0), (BigDecimal) row.get(1), BigDecimal::add);
    }
    assertTrue(sums.size() > 2, "the fixture has several channels: " + sums);
    sums.replaceAll((channel, sum) -> f.apply(sum));
    return sums;
  }

  /** The largest difference between a channel's highest and lowest monthly spend. */
  private static BigDecimal spread() throws Exception {
    Map<String, List<BigDecimal>> months = new TreeMap<>();
    for (List<Object> row : rows("SELECT channel, spend_rc FROM finance.channel_roi")) {
      months.computeIfAbsent((String) row.get(0), c -> new ArrayList<>()).add((BigDecimal) row.get(1));
    }
    return months.values().stream().map(m -> m.stream().max(BigDecimal::compareTo).orElseThrow()
        .subtract(m.stream().min(BigDecimal::compareTo).orElseThrow())).max(BigDecimal::compareTo).orElseThrow();
  }

  private static List<List<Object>> rows(String sql) throws Exception {
    return org.marketingsql.testing.Sql.objects(FINANCE.connection(), sql);
  }
}
