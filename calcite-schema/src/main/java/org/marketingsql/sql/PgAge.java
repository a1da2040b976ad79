package org.marketingsql.sql;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code age}: the field-by-field difference of two date-times, a negative field borrowing
 * from the next larger one (a day borrows the length of the earlier date-time's month), and its text as
 * PostgreSQL writes an interval in its default style.
 */
record PgAge(int years, int months, int days, long micros) {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  static PgAge between(LocalDateTime later, LocalDateTime earlier) {
    boolean negative = later.isBefore(earlier);
    LocalDateTime from = negative ? later : earlier;
    LocalDateTime to = negative ? earlier : later;
    long micros = ChronoUnit.MICROS.between(from.toLocalTime(), to.toLocalTime());
    int days = to.getDayOfMonth() - from.getDayOfMonth();
    int months = to.getMonthValue() - from.getMonthValue();
    int years = to.getYear() - from.getYear();
    if (micros < 0) {
      micros += MICROS_PER_DAY;
      days--;
    }
    if (days < 0) {
      days += YearMonth.from(from).lengthOfMonth();
      months--;
    }
    if (months < 0) {
      months += 12;
      years--;
    }
    return negative ? new PgAge(-years, -months, -days, -micros) : new PgAge(years, months, days, micros);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    add(parts, years, "year", "years");
    add(parts, months, "mon", "mons");
    add(parts, days, "day", "days");
    if (micros != 0 || parts.isEmpty()) {
      long abs = Math.abs(micros);
      long seconds = abs / 1_000_000;
      String time = String.format(Locale.ROOT, "%s%02d:%02d:%02d", micros < 0 ? "-" : "", seconds / 3600,
          seconds / 60 % 60, seconds % 60);
      if (abs % 1_000_000 != 0) {
        time += String.format(Locale.ROOT, ".%06d", abs % 1_000_000).replaceAll("0+$", "");
      }
      parts.add(time);
    }
    return String.join(" ", parts);
  }

  private static void add(List<String> parts, int value, String one, String many) {
    if (value != 0) {
      parts.add(value + " " + (value == 1 ? one : many));
    }
  }
}
