package org.marketingsql.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Settings of the predictive LTV models (configuration key {@code ltv}, see docs/configuration.md).
 *
 * @param calibrationEnd last day (inclusive) of the orders the models are fitted on; null fits on
 *     all orders (up to the last order date)
 * @param timeUnit unit of recency, age and horizons in the fitted parameters
 * @param discountRate annual discount rate applied month by month to predicted LTV; 0 = none
 */
public record LtvConfig(LocalDate calibrationEnd, LtvTimeUnit timeUnit, BigDecimal discountRate) {
  /** All data, weeks, no discounting. */
  public static final LtvConfig DEFAULT = new LtvConfig(null, LtvTimeUnit.WEEK, BigDecimal.ZERO);

  public LtvConfig {
    Objects.requireNonNull(timeUnit, "timeUnit");
    Objects.requireNonNull(discountRate, "discountRate");
    if (discountRate.signum() < 0 || discountRate.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("discountRate must be in [0, 1): " + discountRate);
    }
  }

  /** The settings as one line, part of the LTV data version: changing any of them refits. */
  public String describe() {
    return "calibrationEnd=" + (calibrationEnd == null ? "all" : calibrationEnd) + ";timeUnit=" + timeUnit
        + ";discountRate=" + discountRate.stripTrailingZeros().toPlainString();
  }
}
