package org.marketingsql.sql;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units and fields PostgreSQL's {@code date_trunc} and {@code date_part} take, with the spellings
 * PostgreSQL accepts for them ({@code 'months'}, {@code 'mon'}, {@code 'qtr'} …), case-insensitively.
 * {@link #canonical()} is the spelling DuckDB also accepts.
 */
enum PgUnit {
  MICROSECONDS, MILLISECONDS, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY, MILLENNIUM,
  DOW, ISODOW, DOY, EPOCH, ISOYEAR;

  private static final Map<String, PgUnit> SPELLINGS = Map.ofEntries(
      Map.entry("microsecond", MICROSECONDS), Map.entry("microseconds", MICROSECONDS), Map.entry("us", MICROSECONDS),
      Map.entry("usec", MICROSECONDS), Map.entry("usecs", MICROSECONDS), Map.entry("useconds", MICROSECONDS),
      Map.entry("millisecond", MILLISECONDS), Map.entry("milliseconds", MILLISECONDS), Map.entry("ms", MILLISECONDS),
      Map.entry("msec", MILLISECONDS), Map.entry("msecs", MILLISECONDS), Map.entry("mseconds", MILLISECONDS),
      Map.entry("second", SECOND), Map.entry("seconds", SECOND), Map.entry("s", SECOND), Map.entry("sec", SECOND),
      Map.entry("secs", SECOND),
      Map.entry("minute", MINUTE), Map.entry("minutes", MINUTE), Map.entry("m", MINUTE), Map.entry("min", MINUTE),
      Map.entry("mins", MINUTE),
      Map.entry("hour", HOUR), Map.entry("hours", HOUR), Map.entry("h", HOUR), Map.entry("hr", HOUR),
      Map.entry("hrs", HOUR),
      Map.entry("day", DAY), Map.entry("days", DAY), Map.entry("d", DAY),
      Map.entry("week", WEEK), Map.entry("weeks", WEEK), Map.entry("w", WEEK),
      Map.entry("month", MONTH), Map.entry("months", MONTH), Map.entry("mon", MONTH), Map.entry("mons", MONTH),
      Map.entry("quarter", QUARTER), Map.entry("qtr", QUARTER),
      Map.entry("year", YEAR), Map.entry("years", YEAR), Map.entry("y", YEAR), Map.entry("yr", YEAR),
      Map.entry("yrs", YEAR),
      Map.entry("decade", DECADE), Map.entry("decades", DECADE),
      Map.entry("century", CENTURY), Map.entry("centuries", CENTURY),
      Map.entry("millennium", MILLENNIUM), Map.entry("millennia", MILLENNIUM), Map.entry("millenniums", MILLENNIUM),
      Map.entry("dow", DOW), Map.entry("isodow", ISODOW), Map.entry("doy", DOY), Map.entry("epoch", EPOCH),
      Map.entry("isoyear", ISOYEAR));

  /** The unit {@code text} names, if it names one. */
  static Optional<PgUnit> of(String text) {
    return text == null ? Optional.empty()
        : Optional.ofNullable(SPELLINGS.get(text.strip().toLowerCase(Locale.ROOT)));
  }

  /** Whether {@code date_trunc} truncates to this unit (the others are fields only {@code date_part} reads). */
  boolean truncates() {
    return ordinal() <= MILLENNIUM.ordinal();
  }

  /** The name PostgreSQL and DuckDB both know. */
  String canonical() {
    return name().toLowerCase(Locale.ROOT);
  }
}
