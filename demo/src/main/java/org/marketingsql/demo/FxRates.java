package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Daily EUR→USD rates as a mean-reverting random walk in units of 0.0001, kept inside
 * 1.0500–1.1200. The table covers a margin before and after the data range so that every
 * EUR row — and a "running month" in January 2026 — can be converted.
 */
final class FxRates {
  static final LocalDate FIRST = LocalDate.of(2023, 12, 1);
  static final LocalDate LAST = LocalDate.of(2026, 1, 31);
  static final String EUR = "EUR";
  private static final int MIN = 10_500;
  private static final int MAX = 11_200;

  private final long[] tenThousandths;

  private FxRates(long[] tenThousandths) {
    this.tenThousandths = tenThousandths;
  }

  static FxRates generate(DemoRandom random) {
    int days = (int) ChronoUnit.DAYS.between(FIRST, LAST) + 1;
    long[] rates = new long[days];
    double rate = 10_850;
    for (int i = 0; i < days; i++) {
      // pull gently towards 1.085 so the walk wanders but stays in a believable band
      rate += 0.01 * (10_850 - rate) + 22 * random.gaussian();
      rate = Math.max(MIN, Math.min(MAX, rate));
      rates[i] = Math.round(rate);
    }
    return new FxRates(rates);
  }

  /** Rate in units of 0.0001 USD per EUR. */
  long tenThousandths(LocalDate date) {
    if (date.isBefore(FIRST) || date.isAfter(LAST)) {
      throw new IllegalArgumentException("no FX rate for " + date);
    }
    return tenThousandths[(int) ChronoUnit.DAYS.between(FIRST, date)];
  }

  double usdPerEur(LocalDate date) {
    return tenThousandths(date) / 10_000.0;
  }

  /** Amount in minor units (cents) converted exactly to the reporting currency. */
  BigDecimal toReporting(long cents, String currency, LocalDate date) {
    BigDecimal amount = BigDecimal.valueOf(cents, 2);
    if (DemoCompany.REPORTING_CURRENCY.equals(currency)) {
      return amount;
    }
    if (!EUR.equals(currency)) {
      throw new IllegalArgumentException("unsupported currency " + currency);
    }
    return amount.multiply(BigDecimal.valueOf(tenThousandths(date), 4));
  }

  void write(Path file) throws IOException {
    try (BufferedWriter out = Csv.open(file)) {
      out.write(Csv.FX_RATES_HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(32);
      for (int i = 0; i < tenThousandths.length; i++) {
        line.setLength(0);
        line.append(FIRST.plusDays(i)).append(',').append(EUR).append(',');
        Csv.decimal(line, tenThousandths[i], 4).append('\n');
        out.append(line);
      }
    }
  }
}
