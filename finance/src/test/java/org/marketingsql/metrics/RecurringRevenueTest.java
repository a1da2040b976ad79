package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecurringRevenueTest {
  private static final LocalDateTime START = LocalDateTime.of(2025, 1, 15, 12, 0);
  private static final LocalDateTime END_OF_JANUARY = LocalDateTime.of(2025, 2, 1, 0, 0);

  private static RecurringRevenue.Item item(String subscription, String amount, String interval, long count, long quantity) {
    return new RecurringRevenue.Item("stripe", subscription, "cus_" + subscription, "active", "USD",
        new BigDecimal(amount), interval, count, quantity, START, START, null, null);
  }

  private static BigDecimal mrr(List<RecurringRevenue.Item> items, List<RecurringRevenue.Discount> discounts) {
    Map<List<String>, Map<String, BigDecimal>> byCustomer = new RecurringRevenue(items, discounts).mrrAt(END_OF_JANUARY);
    return byCustomer.values().stream().flatMap(m -> m.values().stream()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void everyIntervalIsNormalisedToAMonthWithItsIntervalCountAndQuantity() {
    assertEquals(new BigDecimal("100.000000"), mrr(List.of(item("q", "300", "month", 3, 1)), List.of()), "quarterly");
    assertEquals(new BigDecimal("50.000000"), mrr(List.of(item("y", "300", "year", 1, 2)), List.of()), "yearly × 2 seats");
    assertEquals(new BigDecimal("216.666667"), mrr(List.of(item("w", "25", "week", 1, 2)), List.of()), "25 × 2 × 52 ÷ 12");
    assertEquals(new BigDecimal("152.083333"), mrr(List.of(item("d", "10", "day", 2, 1)), List.of()), "10 × 365 ÷ 12 ÷ 2");
  }

  @Test
  void percentagesComeOffFirstThenAmountsNormalisedLikeThePriceAndOnceCouponsNotAtAll() {
    RecurringRevenue.Item yearly = item("y", "1200", "year", 1, 1);
    List<RecurringRevenue.Discount> discounts = List.of(
        new RecurringRevenue.Discount("stripe", "y", new BigDecimal("10"), null, null, "forever", START, null),
        new RecurringRevenue.Discount("stripe", "y", null, new BigDecimal("120"), "USD", "forever", START, null),
        new RecurringRevenue.Discount("stripe", "y", new BigDecimal("50"), null, null, "once", START, null));
    assertEquals(new BigDecimal("80.000000"), mrr(List.of(yearly), discounts), "1200 ÷ 12 × 0.9 − 120 ÷ 12");
    assertEquals(new BigDecimal("0.000000"), mrr(List.of(yearly), List.of(
        new RecurringRevenue.Discount("stripe", "y", null, new BigDecimal("2000"), "USD", "forever", START, null))),
        "never below zero");
  }

  @Test
  void anItemStartsBillingWhenItsTrialEndsAndStopsWhenItsSubscriptionEnded() {
    RecurringRevenue.Item trial = new RecurringRevenue.Item("stripe", "t", "cus_t", "active", "USD", new BigDecimal("10"),
        "month", 1, 1, START, START, LocalDateTime.of(2025, 2, 3, 0, 0), null);
    RecurringRevenue.Item ended = new RecurringRevenue.Item("stripe", "e", "cus_e", "canceled", "USD",
        new BigDecimal("10"), "month", 1, 1, START, START, null, LocalDateTime.of(2025, 1, 31, 23, 0));
    RecurringRevenue.Item endsAtMidnight = new RecurringRevenue.Item("stripe", "m", "cus_m", "canceled", "USD",
        new BigDecimal("7"), "month", 1, 1, START, START, null, END_OF_JANUARY);
    assertEquals(new BigDecimal("7.000000"), mrr(List.of(trial, ended, endsAtMidnight), List.of()),
        "in force at the end of the month's last day: only the one that ended on the stroke of midnight after it");
  }

  @Test
  void movementsAreTakenPerCustomerAtTheMonthsRateOnBothSides() {
    RecurringRevenue.Item euro = new RecurringRevenue.Item("stripe", "s", "cus_s", "active", "EUR", new BigDecimal("100"),
        "month", 1, 1, START, START, null, null);
    List<RecurringRevenue.CustomerMonth> months = new RecurringRevenue(List.of(euro), List.of()).months(
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1),
        (currency, month) -> month.getMonthValue() == 1 ? new BigDecimal("1.1") : new BigDecimal("1.2"));
    assertEquals(new BigDecimal("110.000000"), months.get(0).newMrr());
    RecurringRevenue.CustomerMonth february = months.get(1);
    assertEquals(List.of(new BigDecimal("120.000000"), new BigDecimal("120.000000"), BigDecimal.ZERO.setScale(6)),
        List.of(february.startingMrr(), february.mrr(), february.expansion()), "a dearer euro is no expansion");
  }

  @Test
  void anIntervalStripeDoesNotHaveIsRefusedNamingTheSubscription() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> item("sub_1", "1", "fortnight", 1, 1));
    assertEquals("subscription sub_1 bills every 'fortnight', not a day, week, month or year", e.getMessage());
  }
}
