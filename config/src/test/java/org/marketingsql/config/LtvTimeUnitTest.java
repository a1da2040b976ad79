package org.marketingsql.config;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.LtvTimeUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;


class LtvTimeUnitTest {
  @Test
  void weeksAreDaysDividedBySeven() {
    assertEquals(
        272 / 7.0, LtvTimeUnit.WEEK.between(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 9, 30)));
  }

  @Test
  void twelveMonthsAreOneJulianYear() {
    assertEquals(365.25, 12 * LtvTimeUnit.MONTH.days(), 1e-12);
  }

  @Test
  void daysAreCalendarDays() {
    assertEquals(
        -1.0, LtvTimeUnit.DAY.between(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 2, 29)));
  }
}
