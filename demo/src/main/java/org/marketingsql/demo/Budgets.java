package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Monthly budgets per ad platform. They are set near what was actually spent, rounded to whole
 * hundreds like a planner would, with random misses of several percent and a few deliberate
 * large variances so budget-variance reports have something to show.
 */
final class Budgets {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal GROWTH = new BigDecimal("1.12");

  private Budgets() {}

  static void write(Path file, AdSpend ads, DemoRandom random, LedgerBuilder ledger) throws IOException {
    try (BufferedWriter out = Csv.open(file)) {
      out.write(Csv.BUDGETS_HEADER);
      out.write('\n');
      LocalDate month = DemoCompany.FIRST_DAY.withDayOfMonth(1);
      // one month past the data: the "running month" whose spend has not happened yet
      LocalDate lastMonth = DemoCompany.LAST_DAY.plusMonths(1).withDayOfMonth(1);
      for (; !month.isAfter(lastMonth); month = month.plusMonths(1)) {
        for (String platform : Campaign.PLATFORMS) {
          BigDecimal basis = month.isAfter(DemoCompany.LAST_DAY)
              // plan the running month as last year's same month plus growth
              ? ads.monthSpendUsd(platform, month.getYear() - 1, month.getMonthValue())
                  .multiply(GROWTH)
              : ads.monthSpendUsd(platform, month.getYear(), month.getMonthValue());
          double factor = random.noise(0.07) * deliberateMiss(platform, month);
          // new BigDecimal(double) is the exact binary value; BigDecimal.valueOf goes through
          // Double.toString, whose digits changed in JDK 19, and the bytes must not depend on the JDK
          BigDecimal amount = basis.multiply(new BigDecimal(factor))
              .divide(HUNDRED, 0, RoundingMode.HALF_EVEN).multiply(HUNDRED).setScale(2);
          String line = DemoCalendar.month(month.getYear(), month.getMonthValue()) + ',' + platform + ','
              + amount.toPlainString() + ',' + DemoCompany.REPORTING_CURRENCY + '\n';
          out.write(line);
          ledger.budget(platform, month, amount);
        }
      }
    }
  }

  /** Budget relative to actual spend for a few memorable months (below 1 means overspend). */
  private static double deliberateMiss(String platform, LocalDate month) {
    if (platform.equals(Campaign.META) && month.equals(LocalDate.of(2024, 11, 1))) {
      return 0.75; // Black Friday push on Meta ran well over budget
    }
    if (platform.equals(Campaign.LINKEDIN) && month.equals(LocalDate.of(2025, 3, 1))) {
      return 1.35; // event campaign launched late: budget left unspent
    }
    if (platform.equals(Campaign.GOOGLE) && month.equals(LocalDate.of(2025, 12, 1))) {
      return 0.85;
    }
    return 1.0;
  }
}
