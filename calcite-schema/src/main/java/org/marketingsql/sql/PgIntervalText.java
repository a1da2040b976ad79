package org.marketingsql.sql;

/**
 * An interval's text as PostgreSQL writes it in its default style ({@code 3 days}, {@code 03:00:00},
 * {@code 2 days 12:00:00}, {@code 1 year 2 mons}), from the value Calcite holds: a count of months for a
 * year-month interval, of milliseconds for a day-time one.
 */
public final class PgIntervalText {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private PgIntervalText() {
  }

  /** A year-month interval of {@code months}: {@code 1 year 2 mons}, {@code -2 mons}, {@code 00:00:00} for none. */
  public static String yearMonth(long months) {
    return new PgAge(Math.toIntExact(months / 12), Math.toIntExact(months % 12), 0, 0).toString();
  }

  /**
   * A day-time interval of {@code millis}. {@code days}: whether its type counts days (an interval of days, as
   * {@code interval '1 day' * 3}), so whole days are written as days ({@code 3 days}, {@code 2 days 12:00:00}); an
   * interval of hours, minutes or seconds is written as a time, as PostgreSQL keeps {@code interval '36 hours'}
   * ({@code 36:00:00}).
   */
  public static String dayTime(long millis, boolean days) {
    long wholeDays = days ? millis / MILLIS_PER_DAY : 0;
    return new PgAge(0, 0, Math.toIntExact(wholeDays), (millis - wholeDays * MILLIS_PER_DAY) * 1000).toString();
  }
}
