package org.marketingsql.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Calendar helpers with no dependence on the default time zone or locale. */
final class DemoCalendar {
  private DemoCalendar() {}

  /** Calendar quarter key like {@code 2025-Q4}. */
  static String quarter(LocalDate date) {
    return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
  }

  /** Month key like {@code 2025-03}, as used in budgets.csv. */
  static String month(int year, int month) {
    return year + (month < 10 ? "-0" : "-") + month;
  }

  /** Relative demand on a day: Q4 peak, summer dip, quieter weekends and ~15% growth in 2025. */
  static double demand(LocalDate date) {
    double[] byMonth = {0.85, 0.85, 0.95, 0.97, 1.0, 0.95, 0.9, 0.9, 1.0, 1.1, 1.45, 1.3};
    double factor = byMonth[date.getMonthValue() - 1];
    if (date.getYear() >= 2025) {
      factor *= 1.15;
    }
    DayOfWeek day = date.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY) {
      factor *= 0.7;
    } else if (day == DayOfWeek.SUNDAY) {
      factor *= 0.65;
    }
    return factor;
  }
}
