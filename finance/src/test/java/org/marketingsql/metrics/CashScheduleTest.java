package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.BillingTerms;

/** Each kind of billing terms, on figures worked out by hand. */
class CashScheduleTest {
  private static CashSchedule.DailySpend usd(String day, String amount) {
    return new CashSchedule.DailySpend(LocalDate.parse(day), new BigDecimal(amount), new BigDecimal(amount));
  }

  private static CashSchedule.DailySpend eur(String day, String amount, String amountRc) {
    return new CashSchedule.DailySpend(LocalDate.parse(day), new BigDecimal(amount), new BigDecimal(amountRc));
  }

  /** The schedule as "date=amount" in plain notation, dates ascending. */
  private static List<String> schedule(BillingTerms terms, CashSchedule.DailySpend... spend) {
    List<String> rows = new ArrayList<>();
    CashSchedule.cashOut(terms, List.of(spend)).forEach((day, amount) ->
        rows.add(day + "=" + amount.stripTrailingZeros().toPlainString()));
    return rows;
  }

  private static BillingTerms threshold(String amount) {
    return new BillingTerms.Threshold(new BigDecimal(amount));
  }

  @Test
  void prepaidCashLeavesOnTheDayTheSpendAccrues() {
    assertEquals(List.of("2025-01-31=10.5", "2025-02-01=4"),
        schedule(new BillingTerms.Prepaid(), usd("2025-02-01", "4"), usd("2025-01-31", "10.50")));
  }

  @Test
  void invoiceTermsPayAMonthsSpendNetDaysAfterTheInvoiceDayOfTheNextMonth() {
    // January's 150 is invoiced on 1 February and paid 30 days later, on 3 March; February's 20 on 1 + 30 March.
    assertEquals(List.of("2025-03-03=150", "2025-03-31=20"), schedule(BillingTerms.DEFAULT,
        usd("2025-01-15", "100"), usd("2025-01-31", "50"), usd("2025-02-01", "20")));
  }

  @Test
  void anInvoiceDayBeyondTheMonthsLengthFallsOnTheMonthsLastDay() {
    // day 31, net 0: January is invoiced and paid on 28 February, April on 31 May, December 2024 on 31 January
    assertEquals(List.of("2025-01-31=7", "2025-02-28=5", "2025-05-31=3"), schedule(new BillingTerms.Invoice(31, 0, false),
        usd("2025-01-10", "5"), usd("2025-04-30", "3"), usd("2024-12-31", "7")));
  }

  @Test
  void decembersInvoiceIsPaidInTheNewYear() {
    // invoiced 5 January 2025, paid 15 days later
    assertEquals(List.of("2025-01-20=12"), schedule(new BillingTerms.Invoice(5, 15, false),
        usd("2024-12-01", "2"), usd("2024-12-31", "10")));
  }

  @Test
  void thresholdChargesTheThresholdEachTimeUnbilledSpendReachesItAndCarriesTheRest() {
    // 60 -> 60 unbilled; +70 -> 130: charge 100, carry 30; +250 -> 280: crossed twice, charge 200, carry 80;
    // +5 on 31 January -> 85 charged on 1 February; February's 40 on 1 March. 425 spent, 425 paid.
    assertEquals(List.of("2025-01-11=100", "2025-01-12=200", "2025-02-01=85", "2025-03-01=40"),
        schedule(threshold("100"), usd("2025-01-10", "60"), usd("2025-01-11", "70"), usd("2025-01-12", "250"),
            usd("2025-01-31", "5"), usd("2025-02-03", "40")));
  }

  @Test
  void spendExactlyAtTheThresholdIsChargedThatDay() {
    assertEquals(List.of("2025-03-31=100"), schedule(threshold("100"), usd("2025-03-30", "40"), usd("2025-03-31", "60")));
  }

  @Test
  void theUnbilledRestOfAMonthIsChargedOnTheFirstOfTheNextMonthEvenWithoutFurtherSpend() {
    // nothing in February: January's rest on 1 February, March's (and the year's last) on 1 April
    assertEquals(List.of("2025-02-01=50", "2025-04-01=30"),
        schedule(threshold("100"), usd("2025-01-20", "50"), usd("2025-03-05", "30")));
    assertEquals(List.of("2026-01-01=99.99"), schedule(threshold("100"), usd("2025-12-31", "99.99")));
  }

  @Test
  void thresholdInTheAccountsCurrencyIsChargedAtTheUnbilledBalancesAverageRate() {
    // 80 EUR (88 USD) + 40 EUR (48 USD) = 120 EUR, 136 USD: 100 EUR charged as 136 * 100 / 120 = 113.333333 USD;
    // the 20 EUR left carry 22.666667 USD, charged on 1 February. 136 USD in, 136 USD out.
    assertEquals(List.of("2025-01-11=113.333333", "2025-02-01=22.666667"), schedule(threshold("100"),
        eur("2025-01-10", "80", "88.000000"), eur("2025-01-11", "40", "48.000000")));
  }

  @Test
  void everyScheduleAddsUpToTheAccruedSpendToTheCent() {
    List<CashSchedule.DailySpend> days = new ArrayList<>();
    BigDecimal accrued = BigDecimal.ZERO;
    for (int i = 0; i < 500; i++) {
      BigDecimal spend = new BigDecimal((i * 37) % 101 + "." + (i * 13) % 100);
      BigDecimal rate = new BigDecimal("1.0" + (i % 90 + 10));
      BigDecimal spendRc = spend.multiply(rate).setScale(6, RoundingMode.HALF_EVEN);
      days.add(new CashSchedule.DailySpend(LocalDate.of(2024, 1, 1).plusDays(i), spend, spendRc));
      accrued = accrued.add(spendRc);
    }
    for (BillingTerms terms : List.of(new BillingTerms.Prepaid(), threshold("250"), threshold("33.33"),
        BillingTerms.DEFAULT, new BillingTerms.Invoice(28, 45, false))) {
      BigDecimal paid = CashSchedule.cashOut(terms, days).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      assertEquals(0, accrued.compareTo(paid), terms.describe() + ": accrued " + accrued + ", paid " + paid);
    }
  }

  @Test
  void termsDescribeThemselvesAndSayWhenTheyAreTheDefault() {
    assertEquals("invoice day 1, net 30 (default)", BillingTerms.DEFAULT.describe());
    assertEquals("invoice day 15, net 0", new BillingTerms.Invoice(15, 0, false).describe());
    assertEquals("threshold 500", threshold("500.00").describe());
    assertEquals("prepaid", new BillingTerms.Prepaid().describe());
  }
}
