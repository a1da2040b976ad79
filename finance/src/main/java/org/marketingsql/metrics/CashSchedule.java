package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.marketingsql.config.BillingTerms;

/**
 * Dates the cash that one ad account's accrued spend takes out of the company, from its billing terms.
 * The amounts are in the reporting currency and, over all dates, add up exactly to the accrued
 * {@code spend_rc}: every schedule only moves spend in time.
 * <ul>
 * <li><b>prepaid</b>: the cash leaves on the day the spend accrues. This is a simplification: a prepaid
 *     account is topped up before its ads run, at moments the ad data does not show, so the day of the
 *     spend is the nearest date the data supports.
 * <li><b>threshold A</b>: unbilled spend accumulates day by day; each time it reaches A a charge of A
 *     leaves that day and the rest carries over, so a day whose spend crosses the threshold twice has two
 *     charges. Google Ads and Meta charge when the balance reaches the threshold, which happens during
 *     the day, so the charge is about A ("slightly more if costs accrue very quickly"); with daily data,
 *     A per crossing is the closest reading. What is unbilled at the end of a calendar month is charged
 *     on the first day of the next month, which we assume to be the account's monthly billing date
 *     (Google Ads' automatic payments charge on the 1st or at the threshold, whichever comes first;
 *     Meta's monthly bill date is set per account). A is in the account's own currency, as the platform
 *     sets it; a charge's amount in the reporting currency is A times the unbilled balance's average rate
 *     ({@code balance_rc / balance}), and the month-end charge takes whatever reporting-currency balance
 *     is left, so nothing is lost to rounding.
 * <li><b>invoice day D, net N</b>: a calendar month's spend is invoiced on day D of the following month
 *     (the month's last day when it is shorter) and paid N days after the invoice date.
 * </ul>
 * The threshold is fixed: the platforms raise it as an account builds a payment history, so set the
 * account's current one. Credits (negative spend) lower the unbilled balance; a negative rest at the month
 * end shows as negative cash out on the 1st.
 * Spend already accrued whose cash leaves later (the running month under invoice terms, the unbilled rest
 * under threshold terms) gets future dates, assuming no further spend moves them.
 */
final class CashSchedule {
  private static final int SCALE = 6;

  /**
   * One day's spend of the account.
   *
   * @param day the day the spend accrued
   * @param spend in the account's currency (what thresholds are measured in)
   * @param spendRc in the reporting currency
   */
  record DailySpend(LocalDate day, BigDecimal spend, BigDecimal spendRc) {
    DailySpend {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(spend, "spend");
      Objects.requireNonNull(spendRc, "spendRc");
    }
  }

  private CashSchedule() {
  }

  /** The cash out by date, in the reporting currency, one entry per date that has any; dates ascending. */
  static TreeMap<LocalDate, BigDecimal> cashOut(BillingTerms terms, List<DailySpend> spend) {
    Objects.requireNonNull(terms, "terms");
    List<DailySpend> days = new ArrayList<>(spend);
    days.sort(Comparator.comparing(DailySpend::day));
    TreeMap<LocalDate, BigDecimal> out = new TreeMap<>();
    // Java 17 (the driver's floor) has no pattern switch over the sealed terms.
    if (terms instanceof BillingTerms.Invoice invoice) {
      invoiced(invoice, days, out);
    } else if (terms instanceof BillingTerms.Threshold threshold) {
      thresholds(threshold.amount(), days, out);
    } else {
      days.forEach(d -> add(out, d.day(), d.spendRc()));
    }
    out.values().removeIf(v -> v.signum() == 0);
    return out;
  }

  private static void invoiced(BillingTerms.Invoice terms, List<DailySpend> days, Map<LocalDate, BigDecimal> out) {
    for (DailySpend d : days) {
      YearMonth next = YearMonth.from(d.day()).plusMonths(1);
      LocalDate invoiced = next.atDay(Math.min(terms.day(), next.lengthOfMonth()));
      add(out, invoiced.plusDays(terms.netDays()), d.spendRc());
    }
  }

  private static void thresholds(BigDecimal threshold, List<DailySpend> days, Map<LocalDate, BigDecimal> out) {
    BigDecimal balance = BigDecimal.ZERO;
    BigDecimal balanceRc = BigDecimal.ZERO;
    YearMonth month = null;
    for (DailySpend d : days) {
      YearMonth current = YearMonth.from(d.day());
      if (month != null && !current.equals(month)) {
        add(out, month.plusMonths(1).atDay(1), balanceRc);
        balance = BigDecimal.ZERO;
        balanceRc = BigDecimal.ZERO;
      }
      month = current;
      balance = balance.add(d.spend());
      balanceRc = balanceRc.add(d.spendRc());
      if (balance.compareTo(threshold) >= 0) {
        // n crossings today: n charges of A, summed into the day's cash out (computed at once, not in a loop)
        BigDecimal charged = threshold.multiply(balance.divideToIntegralValue(threshold));
        BigDecimal chargedRc = balanceRc.multiply(charged).divide(balance, SCALE, RoundingMode.HALF_EVEN);
        add(out, d.day(), chargedRc);
        balance = balance.subtract(charged);
        balanceRc = balanceRc.subtract(chargedRc);
      }
    }
    if (month != null) {
      add(out, month.plusMonths(1).atDay(1), balanceRc);
    }
  }

  private static void add(Map<LocalDate, BigDecimal> out, LocalDate day, BigDecimal amount) {
    out.merge(day, amount, BigDecimal::add);
  }
}
