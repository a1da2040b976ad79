package org.marketingsql.metrics.ltv;

import java.util.Objects;
import org.marketingsql.config.LtvTimeUnit;

/**
 * Predicted lifetime value of one customer over a horizon of months: BG/NBD expected purchases ×
 * Gamma-Gamma expected order value × gross margin, each month's expected purchases
 * discounted to today.
 *
 * <p>The discount rate is annual and applied monthly: purchases expected in month m (the
 * increment of E[Y(t)] over that month) are divided by (1 + rate)^(m/12). With rate 0 the sum
 * telescopes to E[Y(horizon)], the undiscounted expectation.
 *
 * @param purchases BG/NBD parameters
 * @param spend Gamma-Gamma parameters
 * @param unit the time unit the parameters were fitted in
 * @param annualDiscountRate annual discount rate in [0, 1)
 * @param grossMargin share of revenue that is margin, in (0, 1]
 */
public record LifetimeValue(BgNbdFit purchases, GammaGammaFit spend, LtvTimeUnit unit, double annualDiscountRate,
    double grossMargin) {
  /** A month as {@link LtvTimeUnit#MONTH} defines it: 365.25 ÷ 12 days. */
  private static final double MONTH_DAYS = 365.25 / 12.0;

  public LifetimeValue {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(unit, "unit");
    if (!(annualDiscountRate >= 0 && annualDiscountRate < 1)) {
      throw new IllegalArgumentException("annualDiscountRate must be in [0, 1): " + annualDiscountRate);
    }
    if (!(grossMargin > 0 && grossMargin <= 1)) {
      throw new IllegalArgumentException("grossMargin must be in (0, 1]: " + grossMargin);
    }
  }

  /** A horizon of whole months in the fitted time unit. */
  public double horizon(int months) {
    return months * MONTH_DAYS / unit.days();
  }

  /** Expected purchases over the next {@code months} months, each month discounted. */
  public double discountedPurchases(CustomerHistory h, int months) {
    Objects.requireNonNull(h, "h");
    if (months < 0) {
      throw new IllegalArgumentException("months must be >= 0: " + months);
    }
    double total = 0;
    double before = 0;
    for (int m = 1; m <= months; m++) {
      double upTo = BgNbdModel.expectedPurchases(purchases, horizon(m), h);
      total += (upTo - before) / Math.pow(1 + annualDiscountRate, m / 12.0);
      before = upTo;
    }
    return total;
  }

  /**
   * Predicted margin from the customer over the next {@code months} months.
   *
   * @throws LtvModelException when the expected order value is undefined for the fit (q ≤ 1)
   */
  public double predictedMargin(CustomerHistory h, int months) {
    double value = discountedPurchases(h, months) * GammaGammaModel.expectedOrderValue(spend, h) * grossMargin;
    if (!Double.isFinite(value)) {
      throw new LtvModelException("predicted LTV of customer " + h.customerId() + " is not finite: " + value);
    }
    return value;
  }
}
