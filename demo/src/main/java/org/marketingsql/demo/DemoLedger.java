package org.marketingsql.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@link DemoCompany#generate} wrote, totalled exactly in the reporting currency (USD) while
 * writing. A row's reporting-currency ("rc") value is its amount times that day's EUR rate from
 * fx_rates.csv (USD rows count at 1); the products are exact, so every money value here carries
 * scale 6 and can be compared with {@code equals} or {@code compareTo} against a recomputation.
 *
 * <p>Quarters are calendar quarters keyed like {@code "2025-Q4"}; platforms and channels use the
 * names of the files ({@code google_ads}, ..., {@code organic}). Maps are sorted and unmodifiable.
 *
 * @param totalSpendRc sum of ad_spend.csv {@code spend} over all rows
 * @param spendRcByPlatform spend per platform
 * @param spendRcByPlatformQuarter spend per platform, then per quarter of the row's date
 * @param revenueRcByChannelQuarter orders.csv {@code amount} per acquisition channel, then per
 *     quarter of the order date
 * @param orderCount rows in orders.csv
 * @param customerCount distinct customers in orders.csv
 * @param newCustomersByChannelQuarter customers per acquisition channel, then per quarter of
 *     their first order
 * @param budgetRcByChannelQuarter budgets.csv {@code amount} per channel, then per quarter of
 *     the month (includes the running month 2026-01, i.e. quarter 2026-Q1)
 * @param adSpendRowCount data rows in ad_spend.csv (split keys count twice)
 * @param splitKeyCount (date, platform, campaign_id) keys written as two rows
 * @param totalConversionValueRc sum of ad_spend.csv {@code conversion_value} (platform claims)
 */
public record DemoLedger(
    BigDecimal totalSpendRc,
    Map<String, BigDecimal> spendRcByPlatform,
    Map<String, Map<String, BigDecimal>> spendRcByPlatformQuarter,
    Map<String, Map<String, BigDecimal>> revenueRcByChannelQuarter,
    long orderCount,
    long customerCount,
    Map<String, Map<String, Long>> newCustomersByChannelQuarter,
    Map<String, Map<String, BigDecimal>> budgetRcByChannelQuarter,
    long adSpendRowCount,
    long splitKeyCount,
    BigDecimal totalConversionValueRc) {

  /** Scale of every money value in the ledger: 2 decimals of amount times 4 of the FX rate. */
  public static final int SCALE = 6;

  public DemoLedger {
    totalSpendRc = money(totalSpendRc, "totalSpendRc");
    totalConversionValueRc = money(totalConversionValueRc, "totalConversionValueRc");
    spendRcByPlatform = moneyMap(spendRcByPlatform, "spendRcByPlatform");
    spendRcByPlatformQuarter = nestedMoney(spendRcByPlatformQuarter, "spendRcByPlatformQuarter");
    revenueRcByChannelQuarter = nestedMoney(revenueRcByChannelQuarter, "revenueRcByChannelQuarter");
    budgetRcByChannelQuarter = nestedMoney(budgetRcByChannelQuarter, "budgetRcByChannelQuarter");
    newCustomersByChannelQuarter = nestedCounts(newCustomersByChannelQuarter);
    if (orderCount < 0 || customerCount < 0 || adSpendRowCount < 0 || splitKeyCount < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if (customerCount > orderCount) {
      throw new IllegalArgumentException("every customer has at least one order");
    }
  }

  /** Calendar-quarter key of a date, e.g. {@code 2025-Q4} for 2025-11-28. */
  public static String quarterOf(LocalDate date) {
    return DemoCalendar.quarter(Objects.requireNonNull(date, "date"));
  }

  /** Total ad spend of a platform; zero for an unknown platform. */
  public BigDecimal spendRc(String platform) {
    return spendRcByPlatform.getOrDefault(platform, zero());
  }

  /** Ad spend of a platform in a quarter; zero when there was none. */
  public BigDecimal spendRc(String platform, String quarter) {
    return spendRcByPlatformQuarter.getOrDefault(platform, Map.of()).getOrDefault(quarter, zero());
  }

  /** Revenue of customers acquired through a channel, ordered in a quarter; zero when none. */
  public BigDecimal revenueRc(String channel, String quarter) {
    return revenueRcByChannelQuarter.getOrDefault(channel, Map.of()).getOrDefault(quarter, zero());
  }

  /** All revenue of customers acquired through a channel. */
  public BigDecimal revenueRc(String channel) {
    return sum(revenueRcByChannelQuarter.getOrDefault(channel, Map.of()));
  }

  /** All revenue in orders.csv. */
  public BigDecimal totalRevenueRc() {
    BigDecimal total = zero();
    for (Map<String, BigDecimal> byQuarter : revenueRcByChannelQuarter.values()) {
      total = total.add(sum(byQuarter));
    }
    return total;
  }

  /** Customers of a channel whose first order fell in a quarter; zero when none. */
  public long newCustomers(String channel, String quarter) {
    return newCustomersByChannelQuarter.getOrDefault(channel, Map.of()).getOrDefault(quarter, 0L);
  }

  /** All customers acquired through a channel. */
  public long newCustomers(String channel) {
    long total = 0;
    for (long n : newCustomersByChannelQuarter.getOrDefault(channel, Map.of()).values()) {
      total += n;
    }
    return total;
  }

  /** Budget of a channel (ad platform) for a quarter; zero when none. */
  public BigDecimal budgetRc(String channel, String quarter) {
    return budgetRcByChannelQuarter.getOrDefault(channel, Map.of()).getOrDefault(quarter, zero());
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(SCALE);
  }

  private static BigDecimal sum(Map<String, BigDecimal> values) {
    BigDecimal total = zero();
    for (BigDecimal value : values.values()) {
      total = total.add(value);
    }
    return total;
  }

  private static BigDecimal money(BigDecimal value, String what) {
    Objects.requireNonNull(value, what);
    try {
      // UNNECESSARY: the ledger is exact, so a value needing rounding is a bug upstream
      return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " has more than " + SCALE + " decimals: " + value, e);
    }
  }

  private static Map<String, BigDecimal> moneyMap(Map<String, BigDecimal> map, String what) {
    SortedMap<String, BigDecimal> copy = new TreeMap<>();
    Objects.requireNonNull(map, what).forEach((k, v) -> copy.put(Objects.requireNonNull(k), money(v, what)));
    return Collections.unmodifiableSortedMap(copy);
  }

  private static Map<String, Map<String, BigDecimal>> nestedMoney(
      Map<String, Map<String, BigDecimal>> map, String what) {
    SortedMap<String, Map<String, BigDecimal>> copy = new TreeMap<>();
    Objects.requireNonNull(map, what).forEach((k, v) -> copy.put(Objects.requireNonNull(k), moneyMap(v, what)));
    return Collections.unmodifiableSortedMap(copy);
  }

  private static Map<String, Map<String, Long>> nestedCounts(Map<String, Map<String, Long>> map) {
    SortedMap<String, Map<String, Long>> copy = new TreeMap<>();
    Objects.requireNonNull(map, "newCustomersByChannelQuarter").forEach((k, v) -> {
      SortedMap<String, Long> inner = new TreeMap<>();
      v.forEach((q, n) -> {
        if (n == null || n < 0) {
          throw new IllegalArgumentException("customer counts must not be negative");
        }
        inner.put(Objects.requireNonNull(q), n);
      });
      copy.put(Objects.requireNonNull(k), Collections.unmodifiableSortedMap(inner));
    });
    return Collections.unmodifiableSortedMap(copy);
  }
}
