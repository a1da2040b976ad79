package org.marketingsql.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Accumulates the ledger row by row as the files are written, so it describes exactly the bytes. */
final class LedgerBuilder {
  private BigDecimal totalSpend = BigDecimal.ZERO;
  private BigDecimal totalConversionValue = BigDecimal.ZERO;
  private final Map<String, BigDecimal> spendByPlatform = new TreeMap<>();
  private final Map<String, Map<String, BigDecimal>> spendByPlatformQuarter = new TreeMap<>();
  private final Map<String, Map<String, BigDecimal>> revenueByChannelQuarter = new TreeMap<>();
  private final Map<String, Map<String, Long>> newCustomersByChannelQuarter = new TreeMap<>();
  private final Map<String, Map<String, BigDecimal>> budgetByChannelQuarter = new TreeMap<>();
  private long orders;
  private long customers;
  private long adSpendRows;
  private long splitKeys;

  void adSpendRow(String platform, LocalDate date, BigDecimal spendRc, BigDecimal conversionValueRc) {
    adSpendRows++;
    totalSpend = totalSpend.add(spendRc);
    totalConversionValue = totalConversionValue.add(conversionValueRc);
    spendByPlatform.merge(platform, spendRc, BigDecimal::add);
    add(spendByPlatformQuarter, platform, DemoCalendar.quarter(date), spendRc);
  }

  void splitKey() {
    splitKeys++;
  }

  void order(String channel, LocalDate date, BigDecimal amountRc) {
    orders++;
    add(revenueByChannelQuarter, channel, DemoCalendar.quarter(date), amountRc);
  }

  void newCustomer(String channel, LocalDate firstOrder) {
    customers++;
    newCustomersByChannelQuarter.computeIfAbsent(channel, k -> new TreeMap<>())
        .merge(DemoCalendar.quarter(firstOrder), 1L, Long::sum);
  }

  void budget(String channel, LocalDate monthStart, BigDecimal amountRc) {
    add(budgetByChannelQuarter, channel, DemoCalendar.quarter(monthStart), amountRc);
  }

  DemoLedger build() {
    return new DemoLedger(totalSpend, spendByPlatform, spendByPlatformQuarter,
        revenueByChannelQuarter, orders, customers, newCustomersByChannelQuarter,
        budgetByChannelQuarter, adSpendRows, splitKeys, totalConversionValue);
  }

  private static void add(Map<String, Map<String, BigDecimal>> map, String key, String quarter,
      BigDecimal value) {
    map.computeIfAbsent(key, k -> new TreeMap<>()).merge(quarter, value, BigDecimal::add);
  }
}
