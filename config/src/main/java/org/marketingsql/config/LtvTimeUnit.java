package org.marketingsql.config;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Unit in which recency, age and forecast horizons are expressed.
 *
 * <p>Durations are always measured in whole calendar days and then divided by the unit's length, so
 * that {@code WEEK} gives exactly the "days ÷ 7" convention of Fader, Hardie &amp; Lee (2005). A
 * calendar month has no fixed length, so {@code MONTH} uses the mean Julian-year month,
 * 365.25 ÷ 12 = 30.4375 days: it keeps every month the same length (the models assume a homogeneous
 * time axis) and twelve months equal one average year.
 */
public enum LtvTimeUnit {
  /** One calendar day. */
  DAY(1.0),
  /** Seven days. */
  WEEK(7.0),
  /** 365.25 / 12 = 30.4375 days (mean month of the Julian year). */
  MONTH(365.25 / 12.0);

  private final double days;

  LtvTimeUnit(double days) {
    this.days = days;
  }

  /** Length of one unit in days. */
  public double days() {
    return days;
  }

  /** Converts a number of days to this unit. */
  public double fromDays(long dayCount) {
    return dayCount / days;
  }

  /** Time from {@code from} to {@code to} in this unit (negative when {@code to} is earlier). */
  public double between(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return fromDays(ChronoUnit.DAYS.between(from, to));
  }
}
