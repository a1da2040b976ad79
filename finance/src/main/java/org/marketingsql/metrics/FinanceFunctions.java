package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The scalar metrics analysts call in SQL, one definition each. Ratios are DECIMAL
 * with six decimals, rounded half-even; a ratio over a zero cost is NULL, never an error or infinity.
 */
public final class FinanceFunctions {
  /** Decimals of every ratio these functions return. */
  public static final int RATIO_SCALE = 6;

  private FinanceFunctions() {
  }

  /** ROI(gain, cost) = (gain − cost) ÷ cost; NULL when cost is 0. */
  public static BigDecimal roi(Object gain, Object cost) {
    BigDecimal c = decimal(cost);
    if (c.signum() == 0) {
      return null;
    }
    return decimal(gain).subtract(c).divide(c, RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /** ROAS(revenue, cost) = revenue ÷ cost; NULL when cost is 0. */
  public static BigDecimal roas(Object revenue, Object cost) {
    BigDecimal c = decimal(cost);
    if (c.signum() == 0) {
      return null;
    }
    return decimal(revenue).divide(c, RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /** numerator ÷ denominator with six decimals; NULL when the denominator is 0. */
  public static BigDecimal divide(Object numerator, Object denominator) {
    return roas(numerator, denominator);
  }

  /**
   * Month-end projection of spend: a past month's actual as it is; for the running month (in the
   * configured time zone) the actual spread over the days that have data, times the month's days;
   * NULL for a month that has not started.
   */
  public static BigDecimal pacingProjection(Object actual, int monthStart, int lastDay, String zone) {
    LocalDate month = LocalDate.ofEpochDay(monthStart);
    LocalDate today = LocalDate.now(ZoneId.of(zone));
    LocalDate monthEnd = month.plusMonths(1).minusDays(1);
    if (month.isAfter(today)) {
      return null;
    }
    BigDecimal spent = decimal(actual);
    if (monthEnd.isBefore(today)) {
      return spent.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
    }
    int daysWithData = LocalDate.ofEpochDay(lastDay).getDayOfMonth();
    return spent.multiply(BigDecimal.valueOf(month.lengthOfMonth()))
        .divide(BigDecimal.valueOf(daysWithData), RATIO_SCALE, RoundingMode.HALF_EVEN);
  }

  /** The fiscal year a day falls in, named by the calendar year the fiscal year ends in. */
  public static int fiscalYear(int epochDay, int startMonth) {
    LocalDate day = LocalDate.ofEpochDay(epochDay);
    return startMonth == 1 || day.getMonthValue() < startMonth ? day.getYear() : day.getYear() + 1;
  }

  /** The fiscal quarter of a day, e.g. {@code 2025-Q3}. */
  public static String fiscalQuarter(int epochDay, int startMonth) {
    LocalDate day = LocalDate.ofEpochDay(epochDay);
    int monthOfFiscalYear = Math.floorMod(day.getMonthValue() - startMonth, 12);
    return fiscalYear(epochDay, startMonth) + "-Q" + (monthOfFiscalYear / 3 + 1);
  }

  /**
   * LTV_EXPECTED_PURCHASES(frequency, recency, age, horizon): BG/NBD expected purchases in the next
   * {@code horizon} time units of a customer with that history, under the stored fit (passed as
   * constants); {@code error} non-empty when there is no fit, which then is the message.
   */
  public static double ltvExpectedPurchases(double frequency, double recency, double age, double horizon,
      double r, double alpha, double a, double b, String error) {
    return org.marketingsql.metrics.ltv.BgNbdModel.expectedPurchases(fit(r, alpha, a, b, error), horizon,
        frequency, recency, age);
  }

  /** LTV_P_ALIVE(frequency, recency, age): BG/NBD probability that the customer is still active. */
  public static double ltvProbabilityAlive(double frequency, double recency, double age,
      double r, double alpha, double a, double b, String error) {
    return org.marketingsql.metrics.ltv.BgNbdModel.probabilityAlive(fit(r, alpha, a, b, error), frequency, recency, age);
  }

  private static org.marketingsql.metrics.ltv.BgNbdFit fit(double r, double alpha, double a, double b, String error) {
    if (!error.isEmpty()) {
      throw new IllegalStateException("no LTV model to evaluate: " + error);
    }
    return new org.marketingsql.metrics.ltv.BgNbdFit(r, alpha, a, b, 0, 0);
  }

  /** NPS_CATEGORY(score): promoter (9–10), passive (7–8) or detractor (0–6). */
  public static String npsCategory(int score) {
    if (score < 0 || score > 10) {
      throw new IllegalArgumentException("NPS_CATEGORY needs a score 0..10, got " + score);
    }
    return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
  }

  /** Any SQL number as an exact decimal; a DOUBLE goes through its shortest decimal form. */
  public static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw new IllegalArgumentException("not a number: " + value);
  }
}
