package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Objects;
import org.marketingsql.metrics.ltv.CustomerHistory;
import org.marketingsql.config.LtvTimeUnit;

/**
 * One customer's purchase days as the store summarised them: a purchase day is all orders of the
 * customer on one date (FHL 2005 count purchase occasions), kept unless its net amount is negative
 * (a refund day is not a purchase; a free order is, as in the CDNOW data). Amounts are in the
 * reporting currency.
 *
 * @param customerId the customer
 * @param firstDay first purchase day
 * @param calibrationDays purchase days up to the calibration end
 * @param calibrationLast last purchase day up to the calibration end; null if none
 * @param calibrationRepeatAmount amount of the purchase days after the first, up to the calibration end
 * @param days all purchase days
 * @param lastDay last purchase day
 * @param repeatAmount amount of all purchase days after the first
 * @param revenue the customer's revenue so far, refunds included
 */
record CustomerActivity(String customerId, LocalDate firstDay, int calibrationDays, LocalDate calibrationLast,
    BigDecimal calibrationRepeatAmount, int days, LocalDate lastDay, BigDecimal repeatAmount, BigDecimal revenue) {
  CustomerActivity {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(lastDay, "lastDay");
    Objects.requireNonNull(revenue, "revenue");
    if (days < 1 || calibrationDays < 0 || calibrationDays > days) {
      throw new IllegalArgumentException("customer " + customerId + ": " + calibrationDays + " calibration days of "
          + days + " purchase days");
    }
  }

  /** Whether the customer had bought by the calibration end, i.e. belongs to the fitted cohort. */
  boolean inCalibration() {
    return calibrationDays > 0;
  }

  /** The history the models are fitted on: purchases up to the calibration end. */
  CustomerHistory calibrationHistory(LocalDate calibrationEnd, LtvTimeUnit unit) {
    if (!inCalibration()) {
      throw new IllegalStateException("customer " + customerId + " first bought after " + calibrationEnd);
    }
    return history(calibrationDays, calibrationLast, calibrationRepeatAmount, calibrationEnd, unit);
  }

  /** The history predictions start from: every purchase up to the observation end. */
  CustomerHistory currentHistory(LocalDate observationEnd, LtvTimeUnit unit) {
    return history(days, lastDay, repeatAmount, observationEnd, unit);
  }

  private CustomerHistory history(int purchaseDays, LocalDate last, BigDecimal repeats, LocalDate end, LtvTimeUnit unit) {
    int frequency = purchaseDays - 1;
    double monetary = frequency == 0 ? 0.0
        : repeats.divide(BigDecimal.valueOf(frequency), MathContext.DECIMAL64).doubleValue();
    return new CustomerHistory(customerId, frequency, unit.between(firstDay, last), unit.between(firstDay, end), monetary);
  }
}
