package org.marketingsql.sql;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date or a timestamp written as PostgreSQL reads one (DateStyle {@code ISO, MDY}), in the form Calcite reads:
 * {@code 2024-03-01}, {@code 2024/03/01}, {@code 20240301}, {@code 03/01/2024} (month first), {@code March 1, 2024},
 * {@code Mar 1 2024}, {@code 1 March 2024}, {@code 01-Mar-2024}, {@code Friday, March 1, 2024}, each with an optional
 * time ({@code 10:00}, {@code 10:00:30.5}, {@code 10:00 PM}) after a space or a {@code T}. A date's text may have a time,
 * which the date leaves out, as in PostgreSQL. Fields out of range are PostgreSQL's {@code 22008}.
 */
final class PgDateInput {
  private static final Pattern TIME = Pattern.compile(
      "(?i)(?:^|[ T])([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(\\.[0-9]+)?)?\\s*(am|pm)?$");
  private static final Pattern YMD = Pattern.compile("([0-9]{4})([-/.])([0-9]{1,2})\\2([0-9]{1,2})");
  private static final Pattern MDY = Pattern.compile("([0-9]{1,2})([-/.])([0-9]{1,2})\\2([0-9]{4})");
  private static final Pattern PACKED = Pattern.compile("([0-9]{4})([0-9]{2})([0-9]{2})");
  private static final Pattern FIELD = Pattern.compile("[0-9]+|[a-zA-Z]+");
  private static final Pattern FIELDS = Pattern.compile("[0-9a-zA-Z]+(?:[\\s,\\-/.]+[0-9a-zA-Z]+)*");
  private static final Map<String, Integer> MONTHS = months();
  private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday");

  private PgDateInput() {
  }

  private static Map<String, Integer> months() {
    List<String> names = List.of("january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december");
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), i + 1);
      m.put(names.get(i).substring(0, 3), i + 1);
    }
    m.put("sept", 9);
    return Map.copyOf(m);
  }

  /** A date-time's fields as written: its date, and its time (null when none is written) with the fraction's digits. */
  record Fields(LocalDate date, LocalTime time, String fraction) {
    /** {@code 2024-03-01}. */
    String dateText() {
      return date.toString();
    }

    /** {@code 2024-03-01 10:00:00}, with the fraction as written ({@code .250}). */
    String timestampText() {
      LocalTime t = time == null ? LocalTime.MIDNIGHT : time;
      return String.format(Locale.ROOT, "%s %02d:%02d:%02d%s", date, t.getHour(), t.getMinute(), t.getSecond(), fraction);
    }
  }

  /**
   * {@code text} read as a date or timestamp; empty when it is in no form this reads. A text in a form it reads whose
   * fields are out of range ({@code 2024-02-30}, {@code 25:00}) is PostgreSQL's {@code 22008}.
   */
  static Optional<Fields> read(String text) {
    String value = text.strip();
    Matcher time = TIME.matcher(value);
    String datePart = value;
    if (time.find()) {
      datePart = value.substring(0, time.start()).strip();
    } else {
      time = null;
    }
    Optional<int[]> ymd = date(datePart);
    if (ymd.isEmpty()) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.of(ymd.get()[0], ymd.get()[1], ymd.get()[2]);
      if (time == null) {
        return Optional.of(new Fields(date, null, ""));
      }
      int hour = Integer.parseInt(time.group(1));
      String half = time.group(5);
      if (half != null) {
        if (hour < 1 || hour > 12) {
          throw new DateTimeException("hour " + hour + " with " + half);
        }
        hour = hour % 12 + (half.equalsIgnoreCase("pm") ? 12 : 0);
      }
      LocalTime t = LocalTime.of(hour, Integer.parseInt(time.group(2)),
          time.group(3) == null ? 0 : Integer.parseInt(time.group(3)));
      return Optional.of(new Fields(date, t, time.group(4) == null ? "" : time.group(4)));
    } catch (DateTimeException outOfRange) {
      PgSqlException e = new PgSqlException("22008", "date/time field value out of range: \"" + text + "\"");
      e.initCause(outOfRange);
      throw e;
    }
  }

  /**
   * A time of day's text ({@code 10:30}, {@code 10:30:15.5}, {@code 10:30 PM}) as {@code 10:30:00}, the fraction as
   * written; empty when it is no time; PostgreSQL's {@code 22008} for fields out of range.
   */
  static Optional<String> time(String text) {
    Matcher time = TIME.matcher(text.strip());
    if (!time.matches()) {
      return Optional.empty();
    }
    Optional<Fields> fields = read("2000-01-01 " + text.strip());
    return fields.map(f -> f.timestampText().substring("2000-01-01 ".length()));
  }

  /** The year, month and day of a date's text, or empty; a field out of range is left to {@link LocalDate#of}. */
  private static Optional<int[]> date(String text) {
    for (Pattern p : List.of(YMD, PACKED)) {
      Matcher m = p.matcher(text);
      if (m.matches()) {
        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(p == YMD ? 3 : 2)),
            Integer.parseInt(m.group(p == YMD ? 4 : 3))});
      }
    }
    Matcher mdy = MDY.matcher(text);
    if (mdy.matches()) {
      return Optional.of(new int[] {Integer.parseInt(mdy.group(4)), Integer.parseInt(mdy.group(1)),
          Integer.parseInt(mdy.group(3))});
    }
    return named(text);
  }

  /** A date whose month is a name ({@code March 1, 2024}, {@code 1-Mar-2024}), a day's name allowed before it. */
  private static Optional<int[]> named(String text) {
    if (!FIELDS.matcher(text).matches()) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    Matcher f = FIELD.matcher(text);
    while (f.find()) {
      fields.add(f.group());
    }
    Integer year = null;
    Integer month = null;
    Integer day = null;
    for (String field : fields) {
      String lower = field.toLowerCase(Locale.ROOT);
      if (Character.isLetter(field.charAt(0))) {
        if (MONTHS.containsKey(lower) && month == null) {
          month = MONTHS.get(lower);
        } else if (!isDayName(lower)) {
          return Optional.empty();
        }
      } else if (field.length() >= 3 && year == null) {
        year = Integer.parseInt(field);
      } else if (field.length() <= 2 && day == null) {
        day = Integer.parseInt(field);
      } else {
        return Optional.empty();
      }
    }
    return year == null || month == null || day == null ? Optional.empty()
        : Optional.of(new int[] {year, month, day});
  }

  private static boolean isDayName(String lower) {
    for (String name : DAYS) {
      if (name.equals(lower) || name.substring(0, 3).equals(lower)) {
        return true;
      }
    }
    return false;
  }
}
