package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoLedgerTest {
  private static DemoLedger ledger(BigDecimal total, Map<String, Map<String, BigDecimal>> spend,
      long orders, long customers) {
    Map<String, BigDecimal> byPlatform = new HashMap<>();
    spend.forEach((p, q) -> byPlatform.put(p, q.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
    return new DemoLedger(total, byPlatform, spend, Map.of("organic", Map.of("2024-Q1", new BigDecimal("10.5"))),
        orders, customers, Map.of("organic", Map.of("2024-Q1", 1L)), Map.of(), 3, 0, BigDecimal.ONE);
  }

  @Test
  void missingPlatformsChannelsAndQuartersReadAsZero() {
    DemoLedger ledger = ledger(BigDecimal.TEN, Map.of("meta_ads", Map.of("2024-Q1", BigDecimal.TEN)), 2, 1);
    assertEquals(new BigDecimal("0.000000"), ledger.spendRc("google_ads"));
    assertEquals(new BigDecimal("0.000000"), ledger.spendRc("meta_ads", "2030-Q1"));
    assertEquals(new BigDecimal("0.000000"), ledger.revenueRc("email", "2024-Q1"));
    assertEquals(new BigDecimal("0.000000"), ledger.budgetRc("google_ads", "2024-Q1"));
    assertEquals(0L, ledger.newCustomers("email", "2024-Q1"));
    assertEquals(0L, ledger.newCustomers("email"));
  }

  @Test
  void moneyIsNormalisedToScaleSixSoEqualsWorksAcrossScales() {
    DemoLedger a = ledger(new BigDecimal("10"), Map.of("meta_ads", Map.of("2024-Q1", new BigDecimal("10.00"))), 2, 1);
    DemoLedger b = ledger(new BigDecimal("10.000000"), Map.of("meta_ads", Map.of("2024-Q1", BigDecimal.TEN)), 2, 1);
    assertEquals(a, b);
    assertEquals(new BigDecimal("10.000000"), a.spendRc("meta_ads"));
    assertEquals(new BigDecimal("10.500000"), a.totalRevenueRc());
    assertEquals(new BigDecimal("10.500000"), a.revenueRc("organic"));
    assertEquals(1L, a.newCustomers("organic"));
  }

  @Test
  void rejectsValuesThatWouldNeedRoundingAndImpossibleCounts() {
    assertThrows(IllegalArgumentException.class,
        () -> ledger(new BigDecimal("0.0000001"), Map.of(), 2, 1));
    assertThrows(IllegalArgumentException.class, () -> ledger(BigDecimal.ONE, Map.of(), -1, 0));
    assertThrows(IllegalArgumentException.class, () -> ledger(BigDecimal.ONE, Map.of(), 1, 2));
    assertThrows(NullPointerException.class, () -> ledger(null, Map.of(), 2, 1));
  }

  @Test
  void mapsAreSortedCopiesThatCannotBeModified() {
    Map<String, BigDecimal> quarters = new HashMap<>(Map.of("2024-Q2", BigDecimal.ONE, "2024-Q1", BigDecimal.ONE));
    Map<String, Map<String, BigDecimal>> spend = new HashMap<>(Map.of("meta_ads", quarters, "google_ads", quarters));
    DemoLedger ledger = ledger(BigDecimal.valueOf(4), spend, 2, 1);
    quarters.put("2024-Q3", BigDecimal.TEN);
    assertEquals(List.of("google_ads", "meta_ads"), List.copyOf(ledger.spendRcByPlatformQuarter().keySet()));
    assertEquals(List.of("2024-Q1", "2024-Q2"), List.copyOf(ledger.spendRcByPlatformQuarter().get("meta_ads").keySet()));
    assertThrows(UnsupportedOperationException.class,
        () -> ledger.spendRcByPlatformQuarter().get("meta_ads").put("x", BigDecimal.ONE));
    assertThrows(UnsupportedOperationException.class, () -> ledger.spendRcByPlatform().clear());
  }

  @Test
  void quarterKeysAreCalendarQuarters() {
    assertEquals("2024-Q1", DemoLedger.quarterOf(LocalDate.of(2024, 3, 31)));
    assertEquals("2024-Q2", DemoLedger.quarterOf(LocalDate.of(2024, 4, 1)));
    assertEquals("2025-Q4", DemoLedger.quarterOf(LocalDate.of(2025, 12, 31)));
  }
}
