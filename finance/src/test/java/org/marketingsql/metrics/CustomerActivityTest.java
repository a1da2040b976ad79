package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.marketingsql.metrics.ltv.CustomerHistory;
import org.marketingsql.config.LtvTimeUnit;

class CustomerActivityTest {
  /** Purchase days 2025-01-01 (10), 01-15 (20), 03-01 (40); calibration ends 2025-01-31. */
  private static final CustomerActivity C = new CustomerActivity("c", LocalDate.of(2025, 1, 1), 2,
      LocalDate.of(2025, 1, 15), new BigDecimal("20"), 3, LocalDate.of(2025, 3, 1), new BigDecimal("60"),
      new BigDecimal("70"));

  @Test
  void calibrationHistoryCountsRepeatDaysUpToTheCalibrationEndInWeeks() {
    // x = 1, t_x = 14 days = 2 weeks, T = 30 days, mean repeat value 20
    assertEquals(new CustomerHistory("c", 1, 2, 30 / 7.0, 20),
        C.calibrationHistory(LocalDate.of(2025, 1, 31), LtvTimeUnit.WEEK));
  }

  @Test
  void currentHistoryUsesEveryPurchaseUpToTheObservationEnd() {
    // x = 2, t_x = 59 days, T = 89 days (to 2025-03-31), mean repeat value (20 + 40) / 2
    assertEquals(new CustomerHistory("c", 2, 59, 89, 30), C.currentHistory(LocalDate.of(2025, 3, 31), LtvTimeUnit.DAY));
  }

  @Test
  void aCustomerWhoFirstBoughtAfterTheCalibrationEndIsNotFitted() {
    CustomerActivity late = new CustomerActivity("late", LocalDate.of(2025, 2, 10), 0, null, BigDecimal.ZERO, 1,
        LocalDate.of(2025, 2, 10), BigDecimal.ZERO, new BigDecimal("5"));
    assertFalse(late.inCalibration());
    assertThrows(IllegalStateException.class, () -> late.calibrationHistory(LocalDate.of(2025, 1, 31), LtvTimeUnit.WEEK));
  }
}
