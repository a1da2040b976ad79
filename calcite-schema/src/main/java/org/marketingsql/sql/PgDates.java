package org.marketingsql.sql;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

/**
 * PostgreSQL's date functions as Calcite runs them when the store does not. A date-time argument is
 * milliseconds since 1970-01-01 00:00 of the wall-clock time, no zone (Calcite's TIMESTAMP; a DATE is
 * passed as its midnight). Public because Calcite's generated code calls these methods.
 */
public final class PgDates {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private PgDates() {
  }

  /** {@code date_trunc(unit, timestamp)}: the first instant of the unit that holds it; weeks start on Monday. */
  public static long dateTrunc(String unit, long timestamp) {
    PgUnit u = unit(unit, "date_trunc");
    if (!u.truncates()) {
      throw new IllegalArgumentException("unit \"" + unit + "\" not supported for type timestamp without time zone");
    }
    LocalDateTime t = toDateTime(timestamp);
    LocalDate d = t.toLocalDate();
    int year = d.getYear();
    LocalDateTime truncated = switch (u) {
      case MICROSECONDS, MILLISECONDS -> t;
      case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
      case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> d.atStartOfDay();
      case WEEK -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
      case MONTH -> d.withDayOfMonth(1).atStartOfDay();
      case QUARTER -> LocalDate.of(year, (d.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case YEAR -> LocalDate.of(year, 1, 1).atStartOfDay();
      case DECADE -> LocalDate.of(Math.floorDiv(year, 10) * 10, 1, 1).atStartOfDay();
      case CENTURY -> LocalDate.of(Math.floorDiv(year - 1, 100) * 100 + 1, 1, 1).atStartOfDay();
      case MILLENNIUM -> LocalDate.of(Math.floorDiv(year - 1, 1000) * 1000 + 1, 1, 1).atStartOfDay();
      default -> throw new AssertionError(u);
    };
    return truncated.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** {@code date_part(field, timestamp)}, PostgreSQL's double precision; dow counts from Sunday = 0. */
  public static double datePart(String field, long timestamp) {
    PgUnit u = unit(field, "date_part");
    LocalDateTime t = toDateTime(timestamp);
    LocalDate d = t.toLocalDate();
    int year = d.getYear();
    double seconds = t.getSecond() + t.getNano() / 1e9;
    return switch (u) {
      case MICROSECONDS -> Math.round(seconds * 1e6);
      case MILLISECONDS -> seconds * 1e3;
      case SECOND -> seconds;
      case MINUTE -> t.getMinute();
      case HOUR -> t.getHour();
      case DAY -> d.getDayOfMonth();
      case WEEK -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case MONTH -> d.getMonthValue();
      case QUARTER -> (d.getMonthValue() - 1) / 3 + 1;
      case YEAR -> year;
      case DECADE -> Math.floorDiv(year, 10);
      case CENTURY -> year > 0 ? Math.floorDiv(year + 99, 100) : -Math.floorDiv(99 - year, 100);
      case MILLENNIUM -> year > 0 ? Math.floorDiv(year + 999, 1000) : -Math.floorDiv(999 - year, 1000);
      case DOW -> d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue();
      case ISODOW -> d.getDayOfWeek().getValue();
      case DOY -> d.getDayOfYear();
      case EPOCH -> timestamp / 1e3;
      case ISOYEAR -> d.get(IsoFields.WEEK_BASED_YEAR);
    };
  }

  /**
   * {@code EXTRACT(field FROM timestamp)}, PostgreSQL's numeric: seconds (with their fraction, scale 6),
   * milliseconds (scale 3) and microseconds of the minute, the epoch (scale 6), any other field as
   * {@link #datePart} counts it, whole.
   */
  public static BigDecimal extract(String field, long timestamp) {
    PgUnit u = unit(field, "extract");
    long millisOfMinute = Math.floorMod(timestamp, 60_000L);
    return switch (u) {
      case SECOND -> BigDecimal.valueOf(millisOfMinute, 3).setScale(PgExtract.scale(u));
      case MILLISECONDS -> BigDecimal.valueOf(millisOfMinute).setScale(PgExtract.scale(u));
      case MICROSECONDS -> BigDecimal.valueOf(millisOfMinute * 1000L);
      case EPOCH -> BigDecimal.valueOf(timestamp, 3).setScale(PgExtract.scale(u));
      default -> BigDecimal.valueOf((long) datePart(field, timestamp));
    };
  }

  /** {@code to_char(timestamp, format)} with PostgreSQL's template patterns. */
  public static String toChar(long timestamp, String format) {
    return PgDateFormat.parse(format).format(toDateTime(timestamp));
  }

  /** {@code to_char(numeric, format)} (and of integers) with PostgreSQL's number template patterns. */
  public static String toChar(BigDecimal value, String format) {
    return PgNumberFormat.parse(format).format(value);
  }

  /** {@code to_char(double precision, format)}. */
  public static String toChar(double value, String format) {
    return PgNumberFormat.parse(format).format(value);
  }

  /** {@code to_date(text, format)} as days since 1970-01-01. */
  public static int toDate(String text, String format) {
    return Math.toIntExact(PgDateFormat.parse(format).parseDate(text).toEpochDay());
  }

  /**
   * {@code age(later, earlier)}: the difference in years, months and days (then time), as PostgreSQL writes
   * an interval: {@code 1 year 2 mons 3 days}, {@code -1 days -02:00:00}, {@code 00:00:00} when none.
   */
  public static String age(long later, long earlier) {
    return PgAge.between(toDateTime(later), toDateTime(earlier)).toString();
  }

  /** {@code age(timestamp)}: from it to today's midnight. */
  public static String age(long timestamp) {
    return age(LocalDate.now().toEpochDay() * MILLIS_PER_DAY, timestamp);
  }

  /** {@code date + days}, the date as its midnight in milliseconds, the result in days since 1970-01-01. */
  public static int datePlusDays(long date, long days) {
    return Math.toIntExact(Math.floorDiv(date, MILLIS_PER_DAY) + days);
  }

  /** {@code date - days}. */
  public static int dateMinusDays(long date, long days) {
    return datePlusDays(date, -days);
  }

  /** {@code later - earlier} of two dates (each as its midnight in milliseconds): the days between. */
  public static int daysBetween(long later, long earlier) {
    return Math.toIntExact(Math.floorDiv(later, MILLIS_PER_DAY) - Math.floorDiv(earlier, MILLIS_PER_DAY));
  }

  /** {@code date + time}: the timestamp {@code time} (milliseconds into a day) after the date's midnight. */
  public static long dateAtTime(long date, long time) {
    return date + time;
  }

  /** {@code timestamp - timestamp}: the milliseconds between, an interval of days and a time. */
  public static long timeBetween(long later, long earlier) {
    return Math.subtractExact(later, earlier);
  }

  /**
   * {@code make_timestamp(year, month, day, hour, minute, seconds)} as milliseconds since 1970-01-01 00:00; a field
   * out of range is PostgreSQL's {@code 22008}.
   */
  public static long makeTimestamp(int year, int month, int day, int hour, int minute, double seconds) {
    LocalDate date = LocalDate.ofEpochDay(PgTexts.makeDate(year, month, day));
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || !(seconds >= 0 && seconds < 60)) {
      throw new PgSqlException("22008", "time field value out of range: " + hour + ":" + String.format(
          java.util.Locale.ROOT, "%02d:%s", minute, PgFloatText.ofDouble(seconds)));
    }
    long millis = Math.round(seconds * 1000);
    return date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() + (hour * 3600L + minute * 60L) * 1000 + millis;
  }

  /**
   * {@code date_bin(stride, source, origin)}: the start of the bin of {@code stride} milliseconds, counted from
   * {@code origin}, that holds {@code source}; a stride that is not positive is PostgreSQL's {@code 22023}.
   */
  public static long dateBin(long stride, long source, long origin) {
    if (stride <= 0) {
      throw new PgSqlException("22023", "stride must be greater than zero");
    }
    return origin + Math.floorDiv(source - origin, stride) * stride;
  }

  private static PgUnit unit(String text, String function) {
    return PgUnit.of(text).orElseThrow(() -> new IllegalArgumentException(
        "unit \"" + text + "\" not recognized for " + function + " on type timestamp without time zone"));
  }

  private static LocalDateTime toDateTime(long timestamp) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(timestamp, 1000L), (int) Math.floorMod(timestamp, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }
}
