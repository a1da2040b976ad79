package org.marketingsql.sql;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL {@code to_char}/{@code to_date} template ({@code 'YYYY-MM'}, {@code 'FMMonth YYYY'},
 * {@code 'IYYY-"W"IW'} …): its patterns, with the {@code FM} prefix that drops padding, double-quoted text
 * and any other character as itself. It formats a date-time as PostgreSQL does, reads a date back, and
 * says which DuckDB {@code strftime} format gives the same text, when one does.
 */
record PgDateFormat(List<Element> elements) {
  /** Patterns, longest first so {@code HH24} wins over {@code HH} and {@code YYYY} over {@code YY}. */
  private static final List<String> PATTERNS = List.of("TZH", "TZM", "TZ", "OF", "FF1", "FF2", "FF3", "FF4", "FF5",
      "FF6", "HH24", "HH12", "IYYY", "YYYY", "MONTH", "DDD", "YYY", "IDDD",
      "MON", "DAY", "HH", "MI", "SS", "MS", "US", "AM", "PM", "IW", "WW", "MM", "DD", "DY", "ID", "YY", "CC", "Q", "D",
      "Y", "J");
  /** The suffix that writes the number before it as an ordinal ({@code DDth} is {@code 01st}, {@code DDTH} {@code 01ST}). */
  private static final String ORDINAL = "TH";

  PgDateFormat {
    elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
  }

  /** One pattern (in upper case, and as {@code written}, whose case a name follows) or literal text. */
  record Element(String pattern, boolean fillMode, String written, String text) {
    static Element literal(String text) {
      return new Element(null, false, null, text);
    }

    boolean isLiteral() {
      return pattern == null;
    }
  }

  static PgDateFormat parse(String template) {
    Objects.requireNonNull(template, "template");
    List<Element> out = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '"') {
        int end = i + 1;
        while (end < template.length() && template.charAt(end) != '"') {
          if (template.charAt(end) == '\\' && end + 1 < template.length()) {
            end++;
          }
          literal.append(template.charAt(end));
          end++;
        }
        i = Math.min(end + 1, template.length());
        continue;
      }
      boolean fill = template.regionMatches(true, i, "FM", 0, 2);
      int at = fill ? i + 2 : i;
      String pattern = patternAt(template, at);
      if (pattern == null) {
        literal.append(c);
        i++;
        continue;
      }
      if (!literal.isEmpty()) {
        out.add(Element.literal(literal.toString()));
        literal.setLength(0);
      }
      out.add(new Element(pattern, fill, template.substring(at, at + pattern.length()), null));
      i = at + pattern.length();
      if (template.regionMatches(true, i, ORDINAL, 0, 2)) {
        out.add(new Element(ORDINAL, false, template.substring(i, i + 2), null));
        i += 2;
      }
    }
    if (!literal.isEmpty()) {
      out.add(Element.literal(literal.toString()));
    }
    return new PgDateFormat(out);
  }

  private static String patternAt(String template, int at) {
    for (String p : PATTERNS) {
      if (template.regionMatches(true, at, p, 0, p.length())) {
        return p;
      }
    }
    return null;
  }

  /** A timestamp without time zone: offset zero and no zone name, as in PostgreSQL. */
  String format(LocalDateTime t) {
    return format(t, ZoneOffset.UTC, "");
  }

  /** A timestamptz: the session's local time {@code t}, its offset then and its zone's abbreviation. */
  String format(ZonedDateTime t) {
    String name = DateTimeFormatter.ofPattern("zzz", Locale.US).format(t);
    if (name.startsWith("GMT") && name.length() > 3) {
      // a zone with no abbreviation of its own: PostgreSQL writes its offset, +05 or +0530
      name = name.substring(3).replace(":", "").replaceFirst("^([+-]\\d\\d)00$", "$1");
    }
    return format(t.toLocalDateTime(), t.getOffset(), name);
  }

  private String format(LocalDateTime t, ZoneOffset offset, String zoneName) {
    StringBuilder s = new StringBuilder();
    int seconds = offset.getTotalSeconds();
    String sign = seconds < 0 ? "-" : "+";
    int hours = Math.abs(seconds) / 3600;
    int minutes = Math.abs(seconds) % 3600 / 60;
    LocalDate d = t.toLocalDate();
    String last = "";
    for (Element e : elements) {
      if (e.isLiteral()) {
        s.append(e.text());
        continue;
      }
      if (e.pattern().equals(ORDINAL)) {
        s.append(ordinal(last, e.written()));
        continue;
      }
      int before = s.length();
      int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
      s.append(switch (e.pattern()) {
        case "YYYY" -> number(d.getYear(), 4, e);
        case "YYY" -> number(Math.floorMod(d.getYear(), 1000), 3, e);
        case "YY" -> number(Math.floorMod(d.getYear(), 100), 2, e);
        case "Y" -> number(Math.floorMod(d.getYear(), 10), 1, e);
        case "IYYY" -> number(d.get(IsoFields.WEEK_BASED_YEAR), 4, e);
        case "CC" -> number(d.getYear() > 0 ? (d.getYear() + 99) / 100 : -((99 - d.getYear()) / 100), 2, e);
        case "Q" -> String.valueOf((d.getMonthValue() - 1) / 3 + 1);
        case "MM" -> number(d.getMonthValue(), 2, e);
        case "MONTH" -> name(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), e, true);
        case "MON" -> name(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), e, false);
        case "DAY" -> name(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), e, true);
        case "DY" -> name(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), e, false);
        case "DDD" -> number(d.getDayOfYear(), 3, e);
        case "IDDD" -> number((d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7 + d.getDayOfWeek().getValue(), 3, e);
        case "DD" -> number(d.getDayOfMonth(), 2, e);
        case "D" -> String.valueOf(d.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : d.getDayOfWeek().getValue() + 1);
        case "ID" -> String.valueOf(d.getDayOfWeek().getValue());
        case "IW" -> number(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, e);
        case "WW" -> number((d.getDayOfYear() - 1) / 7 + 1, 2, e);
        case "HH24" -> number(t.getHour(), 2, e);
        case "HH12", "HH" -> number(hour12, 2, e);
        case "MI" -> number(t.getMinute(), 2, e);
        case "SS" -> number(t.getSecond(), 2, e);
        case "MS" -> number(t.getNano() / 1_000_000, 3, e);
        case "US" -> number(t.getNano() / 1_000, 6, e);
        case "FF1", "FF2", "FF3", "FF4", "FF5", "FF6" -> {
          int digits = e.pattern().charAt(2) - '0';
          yield number(t.getNano() / (int) Math.pow(10, 9 - digits), digits, e);
        }
        case "OF" -> sign + (e.fillMode() ? String.valueOf(hours) : twoDigits(hours))
            + (minutes == 0 ? "" : ":" + twoDigits(minutes));
        case "TZH" -> sign + twoDigits(hours);
        case "TZM" -> twoDigits(minutes);
        case "TZ" -> Character.isLowerCase(e.written().charAt(0)) ? zoneName.toLowerCase(Locale.ROOT) : zoneName;
        case "AM", "PM" -> {
          String marker = t.getHour() < 12 ? "AM" : "PM";
          yield Character.isLowerCase(e.written().charAt(0)) ? marker.toLowerCase(Locale.ROOT) : marker;
        }
        case "J" -> String.valueOf(d.toEpochDay() + JULIAN_1970);
        default -> throw new AssertionError(e.pattern());
      });
      last = s.substring(before);
    }
    return s.toString();
  }

  /** The Julian day of 1970-01-01, PostgreSQL's {@code J} of that day. */
  private static final long JULIAN_1970 = 2_440_588;

  /** The ordinal suffix of the number {@code written} ({@code st}, {@code nd}, {@code rd}, {@code th}), in the suffix's case. */
  private static String ordinal(String written, String suffix) {
    String digits = written.strip();
    if (digits.isEmpty() || !Character.isDigit(digits.charAt(digits.length() - 1))) {
      return "";
    }
    int n = Math.floorMod(Integer.parseInt(digits.substring(Math.max(0, digits.length() - 2)).replace("-", "")), 100);
    String text = n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th";
    return Character.isUpperCase(suffix.charAt(0)) ? text.toUpperCase(Locale.ROOT) : text;
  }

  private static String twoDigits(int value) {
    return String.format(Locale.ROOT, "%02d", value);
  }

  private static String number(int value, int width, Element e) {
    String digits = String.valueOf(Math.abs(value));
    if (!e.fillMode() && digits.length() < width) {
      digits = "0".repeat(width - digits.length()) + digits;
    }
    return value < 0 ? "-" + digits : digits;
  }

  /** A month or day name in the pattern's case: all capitals, capitalised or lower; long names padded to 9. */
  private static String name(String name, Element e, boolean padded) {
    String written = e.written();
    String cased = Character.isLowerCase(written.charAt(0)) ? name.toLowerCase(Locale.ROOT)
        : Character.isUpperCase(written.charAt(1)) ? name.toUpperCase(Locale.ROOT) : name;
    return padded && !e.fillMode() ? String.format(Locale.ROOT, "%-9s", cased) : cased;
  }

  /**
   * The DuckDB {@code strftime} format that writes the same text, if every pattern has one: numbers,
   * {@code Mon}, {@code Dy}, {@code FMMonth}, {@code FMDay}, {@code IW}, {@code AM}. Padded names, {@code Q},
   * {@code D}, week-of-year and the like have none.
   */
  Optional<String> strftime() {
    StringBuilder s = new StringBuilder();
    for (Element e : elements) {
      if (e.isLiteral()) {
        s.append(e.text().replace("%", "%%"));
        continue;
      }
      String fill = e.fillMode() ? "-" : "";
      String written = e.written();
      boolean capitalised = written.length() > 1 && Character.isUpperCase(written.charAt(0))
          && Character.isLowerCase(written.charAt(1));
      String directive = switch (e.pattern()) {
        case "YYYY" -> e.fillMode() ? null : "%Y";
        case "YY" -> "%" + fill + "y";
        case "MM" -> "%" + fill + "m";
        case "DD" -> "%" + fill + "d";
        case "DDD" -> "%" + fill + "j";
        case "HH24" -> "%" + fill + "H";
        case "HH12", "HH" -> "%" + fill + "I";
        case "MI" -> "%" + fill + "M";
        case "SS" -> "%" + fill + "S";
        case "IW" -> e.fillMode() ? null : "%V";
        case "MON" -> capitalised ? "%b" : null;
        case "DY" -> capitalised ? "%a" : null;
        case "MONTH" -> capitalised && e.fillMode() ? "%B" : null;
        case "DAY" -> capitalised && e.fillMode() ? "%A" : null;
        case "AM", "PM" -> Character.isUpperCase(written.charAt(0)) ? "%p" : null;
        default -> null;
      };
      if (directive == null) {
        return Optional.empty();
      }
      s.append(directive);
    }
    return Optional.of(s.toString());
  }

  /**
   * {@code to_date}: reads the year, month (number or name) and day the template names; text between
   * them is skipped, as PostgreSQL skips it. Missing parts are 1 (year 1, January, day 1).
   */
  LocalDate parseDate(String text) {
    return parseDateTime(text, "to_date").toLocalDate();
  }

  /**
   * {@code to_timestamp}: as {@link #parseDate}, with the time of day too ({@code HH24}, {@code HH12} with
   * {@code AM}/{@code PM}, {@code MI}, {@code SS}, {@code MS}, {@code US}); missing time fields are 0.
   */
  LocalDateTime parseDateTime(String text) {
    return parseDateTime(text, "to_timestamp");
  }

  private LocalDateTime parseDateTime(String text, String function) {
    Objects.requireNonNull(text, "text");
    int hour = 0;
    int minute = 0;
    int second = 0;
    int nanos = 0;
    Boolean pm = null;
    int year = 1;
    int month = 1;
    int day = 1;
    Integer dayOfYear = null;
    Integer isoWeek = null;
    Integer isoDay = null;
    int at = 0;
    for (int k = 0; k < elements.size(); k++) {
      Element e = elements.get(k);
      if (e.isLiteral()) {
        at = Math.min(text.length(), at + e.text().length());
        continue;
      }
      while (at < text.length() && text.charAt(at) == ' ') {
        at++;
      }
      switch (e.pattern()) {
        case ORDINAL -> {
          while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
          }
        }
        case "MONTH", "MON" -> {
          Month m = monthNamed(text, at, e.pattern().equals("MON"));
          month = m.getValue();
          at += e.pattern().equals("MON") ? 3 : m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).length();
        }
        case "DAY", "DY" -> {
          while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
          }
        }
        case "AM", "PM" -> {
          if (text.regionMatches(true, at, "AM", 0, 2) || text.regionMatches(true, at, "PM", 0, 2)) {
            pm = Character.toUpperCase(text.charAt(at)) == 'P';
            at += 2;
          } else {
            throw new PgSqlException("22007", "invalid value \"" + text.substring(at) + "\" for \"" + e.written()
                + "\"");
          }
        }
        default -> {
          int width = switch (e.pattern()) {
            case "YYYY", "IYYY" -> k + 1 < elements.size() && elements.get(k + 1).isLiteral() ? Integer.MAX_VALUE : 4;
            case "DDD", "MS" -> 3;
            case "US" -> 6;
            default -> e.pattern().length() == 1 ? 1 : 2;
          };
          int start = at;
          if (at < text.length() && text.charAt(at) == '-' && e.pattern().startsWith("Y")) {
            at++;
          }
          while (at < text.length() && at - start < width && Character.isDigit(text.charAt(at))) {
            at++;
          }
          if (at == start) {
            throw new PgSqlException("22007", "invalid value \"" + text.substring(at) + "\" for \"" + e.written()
                + "\"");
          }
          int value = Integer.parseInt(text.substring(start, at));
          switch (e.pattern()) {
            case "YYYY", "IYYY" -> year = value;
            case "YY" -> year = value < 70 ? 2000 + value : 1900 + value;
            case "MM" -> month = value;
            case "DD" -> day = value;
            case "DDD" -> dayOfYear = value;
            case "IW" -> isoWeek = value;
            case "ID" -> isoDay = value;
            case "HH24", "HH12", "HH" -> hour = value;
            case "MI" -> minute = value;
            case "SS" -> second = value;
            case "MS" -> nanos = value * (int) Math.pow(10, 9 - (at - start));
            case "US" -> nanos = value * (int) Math.pow(10, 9 - (at - start));
            default -> { } // other fields do not change a date-time
          }
        }
      }
    }
    if (pm != null) {
      hour = hour % 12 + (pm ? 12 : 0);
    }
    try {
      // an ISO week (IYYY-IW, and ID its day, Monday if none) names its day, as in PostgreSQL
      LocalDate date = isoWeek != null ? LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, isoWeek)
          .with(java.time.temporal.ChronoField.DAY_OF_WEEK, isoDay == null ? 1 : isoDay)
          : dayOfYear != null ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
      return date.atTime(hour, minute, second, nanos);
    } catch (DateTimeException e) {
      throw new PgSqlException("22008", "date/time field value out of range: \"" + text + "\"");
    }
  }

  private static Month monthNamed(String text, int at, boolean abbreviated) {
    for (Month m : Month.values()) {
      String name = m.getDisplayName(abbreviated ? TextStyle.SHORT : TextStyle.FULL, Locale.ENGLISH);
      if (text.regionMatches(true, at, name, 0, name.length())) {
        return m;
      }
    }
    throw new PgSqlException("22007", "invalid value \"" + text.substring(at) + "\" for a month name in to_date");
  }
}
