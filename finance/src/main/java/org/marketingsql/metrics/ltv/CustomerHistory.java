package org.marketingsql.metrics.ltv;

import java.util.Objects;
import org.marketingsql.config.LtvTimeUnit;

/**
 * Recency-frequency-monetary summary of one customer over a calibration period, in the notation of
 * Fader, Hardie &amp; Lee (2005): {@code frequency} is x, {@code recency} is t<sub>x</sub> and
 * {@code age} is T, all times in one {@link LtvTimeUnit} measured from the customer's first
 * transaction.
 *
 * @param customerId customer identifier
 * @param frequency number of repeat transactions x (a whole number, at least 0)
 * @param recency time of the last transaction t<sub>x</sub>; 0 when x = 0
 * @param age time T from the first transaction to the end of the calibration period
 * @param monetaryValue mean value of the repeat transactions; 0 when x = 0
 */
public record CustomerHistory(
    String customerId, double frequency, double recency, double age, double monetaryValue) {
  public CustomerHistory {
    Objects.requireNonNull(customerId, "customerId");
    if (!Double.isFinite(frequency) || frequency < 0 || frequency != Math.rint(frequency)) {
      throw new IllegalArgumentException(
          "frequency of " + customerId + " must be a whole number >= 0: " + frequency);
    }
    if (!Double.isFinite(age) || age < 0) {
      throw new IllegalArgumentException("age of " + customerId + " must be >= 0: " + age);
    }
    if (!Double.isFinite(recency) || recency < 0 || recency > age) {
      throw new IllegalArgumentException(
          "recency of " + customerId + " must be in [0, age=" + age + "]: " + recency);
    }
    if (frequency == 0 && recency != 0) {
      // with no repeat purchase the last purchase is the first one (FHL 2005, section 3)
      throw new IllegalArgumentException(
          "recency of " + customerId + " must be 0 when frequency is 0: " + recency);
    }
    if (!Double.isFinite(monetaryValue) || monetaryValue < 0) {
      throw new IllegalArgumentException(
          "monetaryValue of " + customerId + " must be >= 0: " + monetaryValue);
    }
  }
}
