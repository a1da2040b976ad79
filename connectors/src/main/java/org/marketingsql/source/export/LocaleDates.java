package org.marketingsql.source.export;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads dates as ad platforms write them: ISO ({@code 2025-07-08}), numeric in the account's order
 * ({@code 7/8/2025}, {@code 08/07/2025}, {@code 08.07.2025}), with month names in the export's language
 * ({@code Jul 8, 2025}, {@code 8 July 2025}, {@code 27 January 2026}), and months ({@code July 2025},
 * the first day of the month, for reports broken down by month).
 *
 * <p>{@code 01/02/2026} is January 2 in the US and February 1 nearly everywhere else. The order is
 * decided once per file: by the source's configured locale, otherwise by the file's own dates (a
 * {@code 13/01/2026} proves day first). A file whose slashed dates all could be either is refused with
 * a message saying to set the locale; it is never guessed. Dotted dates ({@code 08.07.2025}) are day
 * first everywhere.
 */
final class LocaleDates {

  /** Orders of the numbers in a slashed date. */
  enum Order { DAY_FIRST, MONTH_FIRST }

  private final Path file;
  private final Locale locale;
  private final List<DateTimeFormatter> named;
  private final List<DateTimeFormatter> months;
  private Order order;
  private Evidence dayFirst;
  private Evidence monthFirst;
  private Evidence ambiguous;

  private record Evidence(long line, String column, String value) {}

  /**
   * @param file the export, for messages
   * @param locale the source's configured locale, or null: month names are then read in English, the
   *     language of the headers this package recognises, and the order of slashed dates comes from the file
   */
  LocaleDates(Path file, Locale locale) {
    this.file = Objects.requireNonNull(file, "file");
    this.locale = locale;
    // the locale's month names first, then English ones: a de-DE source for decimal commas may still
    // hold an English-language export ("July 8, 2025")
    List<Locale> languages = locale == null || locale.getLanguage().equals("en") ? List.of(Locale.ENGLISH)
        : List.of(locale, Locale.ENGLISH);
    named = new ArrayList<>();
    List<DateTimeFormatter> monthFormats = new ArrayList<>();
    for (Locale language : languages) {
      for (String pattern : List.of("MMM d, uuuu", "MMMM d, uuuu", "d MMM uuuu", "d MMMM uuuu", "d. MMMM uuuu",
          "d. MMM uuuu", "EEE, MMM d, uuuu", "EEEE, MMMM d, uuuu")) {
        named.add(formatter(pattern, language));
      }
      monthFormats.add(formatter("MMMM uuuu", language));
      monthFormats.add(formatter("MMM uuuu", language));
    }
    months = List.copyOf(monthFormats);
    if (locale != null) {
      String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(
          FormatStyle.SHORT, null, IsoChronology.INSTANCE, locale);
      order = pattern.indexOf('M') < pattern.indexOf('d') ? Order.MONTH_FIRST : Order.DAY_FIRST;
    }
  }

  private static DateTimeFormatter formatter(String pattern, Locale locale) {
    return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(locale);
  }

  /** First pass: notes which order a slashed date proves, if any. */
  void observe(String raw, long line, String column) {
    int[] parts = raw == null ? null : numeric(raw.trim());
    if (parts == null || parts[3] != '/' && parts[3] != '-') {
      return;
    }
    Evidence here = new Evidence(line, column, raw.trim());
    if (parts[0] > 12 && parts[1] <= 12) {
      dayFirst = dayFirst == null ? here : dayFirst;
    } else if (parts[1] > 12 && parts[0] <= 12) {
      monthFirst = monthFirst == null ? here : monthFirst;
    } else if (parts[0] != parts[1] && ambiguous == null) {
      ambiguous = here; // 05/05 reads the same either way
    }
  }

  /**
   * Ends the first pass: fixes the order of slashed dates.
   *
   * @throws ExportException when the file proves both orders, or has ambiguous dates and no locale
   */
  void decide() throws ExportException {
    if (order != null) {
      return;
    }
    if (dayFirst != null && monthFirst != null) {
      throw ExportException.ofFile(file, "mixes date orders: '" + dayFirst.value + "' (line " + dayFirst.line
          + ") is day first, '" + monthFirst.value + "' (line " + monthFirst.line + ") month first", null);
    }
    if (dayFirst == null && monthFirst == null && ambiguous != null) {
      throw ExportException.ofValue(file, ambiguous.line, ambiguous.column, ambiguous.value,
          "is ambiguous: day/month or month/day, and no other date in the file tells which; set the source's "
              + "locale (en-US for month first, en-GB or de-DE for day first)");
    }
    order = monthFirst != null ? Order.MONTH_FIRST : Order.DAY_FIRST;
  }

  /**
   * Second pass: the date of {@code raw}, or null for an empty cell or {@code --}.
   *
   * @throws IllegalArgumentException with the problem when {@code raw} is not a date this reader knows
   */
  LocalDate parse(String raw) {
    if (raw == null || LocaleNumbers.isNothing(raw.trim())) {
      return null;
    }
    String text = raw.trim();
    try {
      int[] parts = numeric(text);
      if (parts != null) {
        if (parts[3] == '.') {
          return LocalDate.of(parts[2], parts[1], parts[0]);
        }
        if (order == null) {
          throw new IllegalStateException("decide() first");
        }
        return order == Order.DAY_FIRST ? LocalDate.of(parts[2], parts[1], parts[0])
            : LocalDate.of(parts[2], parts[0], parts[1]);
      }
      LocalDate iso = iso(text);
      if (iso != null) {
        return iso;
      }
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("is not a day of the calendar"
          + (order == null ? "" : " (read " + (order == Order.DAY_FIRST ? "day" : "month") + " first"
          + (locale == null ? ", as the file's other dates" : ", as the source's locale " + locale.toLanguageTag())
          + ")"), e);
    }
    LocalDate date = textual(text);
    if (date == null) {
      throw new IllegalArgumentException("is not a date (e.g. 2025-07-08, 7/8/2025 or Jul 8, 2025)");
    }
    return date;
  }

  /** A date written with month names, or a month ({@code July 2025}) as its first day; null if neither. */
  LocalDate textual(String text) {
    for (DateTimeFormatter f : named) {
      try {
        return LocalDate.parse(text, f);
      } catch (DateTimeParseException e) {
        // try the next shape
      }
    }
    for (DateTimeFormatter f : months) {
      try {
        return YearMonth.parse(text, f).atDay(1);
      } catch (DateTimeParseException e) {
        // try the next shape
      }
    }
    return null;
  }

  /**
   * A report's date range as platforms write it above the header ({@code July 8, 2025 - July 31, 2025}),
   * or null when the line is not one ({@code All time} is not: it has no dates).
   */
  LocalDate[] range(String line) {
    String text = line.replace("\"", "").trim();
    for (String dash : List.of(" - ", " \u2013 ", " \u2014 ")) {
      int at = text.indexOf(dash);
      if (at > 0) {
        LocalDate start = dateOrNull(text.substring(0, at).trim());
        LocalDate end = dateOrNull(text.substring(at + dash.length()).trim());
        if (start != null && end != null && !end.isBefore(start)) {
          return new LocalDate[] {start, end};
        }
      }
    }
    return null;
  }

  private LocalDate dateOrNull(String text) {
    LocalDate iso = iso(text);
    return iso != null ? iso : textual(text);
  }

  private static LocalDate iso(String text) {
    if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
        && (text.length() == 10 || text.charAt(10) == ' ' || text.charAt(10) == 'T')) {
      char[] chars = text.toCharArray();
      return Values.parseDate(chars, 0, 10);
    }
    return null;
  }

  /** {@code a/b/yyyy}, {@code a-b-yyyy} or {@code a.b.yyyy} as {a, b, year, separator}; null otherwise. */
  private static int[] numeric(String text) {
    char sep = 0;
    int[] parts = new int[3];
    int part = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        parts[part] = parts[part] * 10 + (c - '0');
        digits++;
      } else if ((c == '/' || c == '.' || c == '-') && part < 2 && digits >= 1 && digits <= 2
          && (sep == 0 || sep == c)) {
        sep = c;
        part++;
        digits = 0;
      } else {
        return null;
      }
    }
    if (part != 2 || digits != 4) {
      return null;
    }
    return new int[] {parts[0], parts[1], parts[2], sep};
  }
}
