package org.marketingsql.sql;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Java side of the PostgreSQL functions on text, arrays and settings that {@link PgOperators} adds
 * ({@code format}, {@code parse_ident}, {@code current_setting}, {@code array_length} …), with
 * PostgreSQL's results and errors. Public, since Calcite's generated code calls them.
 */
public final class PgTexts {
  /**
   * What {@code current_setting} reads through the driver: the settings PostgreSQL reports to a client,
   * fixed, as this SQL has them (the server's PostgreSQL port answers from its session instead).
   */
  static final Map<String, String> SETTINGS = settings();

  private PgTexts() {
  }

  private static Map<String, String> settings() {
    Map<String, String> s = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    s.put("server_version", "15.0");
    s.put("server_version_num", "150000");
    s.put("server_encoding", "UTF8");
    s.put("client_encoding", "UTF8");
    s.put("DateStyle", "ISO, MDY");
    s.put("IntervalStyle", "postgres");
    s.put("TimeZone", "UTC");
    s.put("search_path", "marketing");
    s.put("standard_conforming_strings", "on");
    s.put("integer_datetimes", "on");
    s.put("max_identifier_length", "63");
    s.put("transaction_isolation", "read committed");
    s.put("default_transaction_isolation", "read committed");
    s.put("transaction_read_only", "on");
    s.put("default_transaction_read_only", "on");
    s.put("lc_collate", "C");
    s.put("lc_ctype", "C");
    s.put("application_name", "");
    return Collections.unmodifiableMap(s);
  }

  /** {@code current_setting(name)}: 42704 for a setting it does not know. */
  public static String currentSetting(String name) {
    return currentSetting(name, false);
  }

  /** {@code current_setting(name, missing_ok)}: null instead of the error when {@code missingOk}. */
  public static String currentSetting(String name, boolean missingOk) {
    String value = SETTINGS.get(name);
    if (value == null && !missingOk) {
      throw new PgSqlException("42704", "unrecognized configuration parameter \"" + name + "\"");
    }
    return value;
  }

  /** {@code parse_ident(text)}: strict. */
  /** {@code string_to_array(text, delimiter)}: null for a null text. */
  public static List<String> stringToArray(String text, String delimiter) {
    return stringToArray(text, delimiter, null);
  }

  /** {@code string_to_array(text, delimiter, null_text)}, as PostgreSQL 15 splits. */
  public static List<String> stringToArray(String text, String delimiter, String nullText) {
    if (text == null) {
      return null;
    }
    List<String> fields = new ArrayList<>();
    if (text.isEmpty()) {
      return fields;
    }
    if (delimiter == null) {
      text.codePoints().forEach(c -> fields.add(Character.toString(c)));
    } else if (delimiter.isEmpty()) {
      fields.add(text);
    } else {
      int from = 0;
      for (int at; (at = text.indexOf(delimiter, from)) >= 0; from = at + delimiter.length()) {
        fields.add(text.substring(from, at));
      }
      fields.add(text.substring(from));
    }
    if (nullText != null) {
      fields.replaceAll(f -> f.equals(nullText) ? null : f);
    }
    return fields;
  }

  public static List<String> parseIdent(String text) {
    return parseIdent(text, true);
  }

  /**
   * {@code parse_ident(text, strict)}: the dot-separated names of a qualified identifier, unquoted ones
   * in lower case, quoted ones as written with {@code ""} read as {@code "}; not strict, text after the
   * last name is ignored.
   */
  public static List<String> parseIdent(String text, boolean strict) {
    List<String> names = new ArrayList<>();
    int at = skipSpace(text, 0);
    while (true) {
      StringBuilder name = new StringBuilder();
      if (at < text.length() && text.charAt(at) == '"') {
        at++;
        while (true) {
          int quote = text.indexOf('"', at);
          if (quote < 0) {
            throw invalidIdentifier(text, "String has unclosed double quotes.");
          }
          name.append(text, at, quote);
          at = quote + 1;
          if (at < text.length() && text.charAt(at) == '"') {
            name.append('"');
            at++;
          } else {
            break;
          }
        }
        if (name.isEmpty()) {
          throw invalidIdentifier(text, "Quoted identifier must not be empty.");
        }
      } else {
        int start = at;
        while (at < text.length() && identifierChar(text.charAt(at), at == start)) {
          at++;
        }
        if (at == start) {
          throw invalidIdentifier(text, names.isEmpty() && at >= text.length() ? null
              : at < text.length() && text.charAt(at) == '.' ? "No valid identifier before \".\"."
              : names.isEmpty() ? null : "No valid identifier after \".\".");
        }
        name.append(text.substring(start, at).toLowerCase(Locale.ROOT));
      }
      names.add(name.toString());
      at = skipSpace(text, at);
      if (at < text.length() && text.charAt(at) == '.') {
        at = skipSpace(text, at + 1);
        continue;
      }
      if (at < text.length() && strict) {
        throw invalidIdentifier(text, null);
      }
      return names;
    }
  }

  private static boolean identifierChar(char c, boolean first) {
    return Character.isLetter(c) || c == '_' || c >= 0x80 || !first && (Character.isDigit(c) || c == '$');
  }

  private static int skipSpace(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  private static PgSqlException invalidIdentifier(String text, String detail) {
    return new PgSqlException("22023", "string is not a valid identifier: \"" + text + "\""
        + (detail == null ? "" : " (" + detail + ")"));
  }

  public static String format(String format) {
    return formatWith(format);
  }

  public static String format(String format, String a1) {
    return formatWith(format, a1);
  }

  public static String format(String format, String a1, String a2) {
    return formatWith(format, a1, a2);
  }

  public static String format(String format, String a1, String a2, String a3) {
    return formatWith(format, a1, a2, a3);
  }

  public static String format(String format, String a1, String a2, String a3, String a4) {
    return formatWith(format, a1, a2, a3, a4);
  }

  public static String format(String format, String a1, String a2, String a3, String a4, String a5) {
    return formatWith(format, a1, a2, a3, a4, a5);
  }

  public static String format(String format, String a1, String a2, String a3, String a4, String a5, String a6) {
    return formatWith(format, a1, a2, a3, a4, a5, a6);
  }

  public static String format(String format, String a1, String a2, String a3, String a4, String a5, String a6,
      String a7) {
    return formatWith(format, a1, a2, a3, a4, a5, a6, a7);
  }

  public static String format(String format, String a1, String a2, String a3, String a4, String a5, String a6,
      String a7, String a8) {
    return formatWith(format, a1, a2, a3, a4, a5, a6, a7, a8);
  }

  /** The most arguments {@code format} takes after its format. */
  static final int FORMAT_ARGUMENTS = 8;

  /**
   * {@code format(fmt, …)}: {@code %s} the value as text (null as nothing), {@code %I} an identifier quoted
   * when it needs quotes, {@code %L} a literal (null as NULL), {@code %%} a percent sign; each with an
   * optional argument position {@code n$}, {@code -} to left-justify and a width.
   */
  static String formatWith(String format, String... arguments) {
    if (format == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (++i >= format.length()) {
        throw new PgSqlException("22023", "unterminated format() type specifier");
      }
      if (format.charAt(i) == '%') {
        out.append('%');
        continue;
      }
      int position = -1;
      int digits = i;
      while (digits < format.length() && Character.isDigit(format.charAt(digits))) {
        digits++;
      }
      if (digits > i && digits < format.length() && format.charAt(digits) == '$') {
        position = width(format.substring(i, digits));
        if (position == 0) {
          throw new PgSqlException("22023", "format specifies argument 0, but arguments are numbered from 1");
        }
        i = digits + 1;
      }
      boolean left = false;
      while (i < format.length() && format.charAt(i) == '-') {
        left = true;
        i++;
      }
      int widthStart = i;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        i++;
      }
      int width = i > widthStart ? width(format.substring(widthStart, i)) : 0;
      if (i >= format.length()) {
        throw new PgSqlException("22023", "unterminated format() type specifier");
      }
      char type = format.charAt(i);
      if (type != 's' && type != 'I' && type != 'L') {
        throw new PgSqlException("22023", "unrecognized format() type specifier \"" + type + "\"");
      }
      int index = position > 0 ? position - 1 : next;
      if (index >= arguments.length) {
        throw new PgSqlException("22023", "too few arguments for format()");
      }
      next = index + 1;
      String value = arguments[index];
      String text = switch (type) {
        case 's' -> value == null ? "" : value;
        case 'I' -> {
          if (value == null) {
            throw new PgSqlException("22004", "null values cannot be formatted as an SQL identifier");
          }
          yield quoteIdent(value);
        }
        default -> value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
      };
      if (text.length() < width) {
        String pad = " ".repeat(width - text.length());
        text = left ? text + pad : pad + text;
      }
      PgStrings.checkLength((long) out.length() + text.length(), "format");
      out.append(text);
    }
    return out.toString();
  }

  /** A width or argument position of {@code format}: 22003 past PostgreSQL's integer, 54000 past the text limit. */
  private static int width(String digits) {
    if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
      throw new PgSqlException("22003", "number is out of range");
    }
    int width = Integer.parseInt(digits);
    PgStrings.checkLength(width, "format");
    return width;
  }

  /** A name as PostgreSQL's {@code quote_ident} writes it: quoted unless it is lower case and plain. */
  static String quoteIdent(String name) {
    return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** {@code array_length(array, dimension)}: null for an empty array or a dimension it does not have. */
  public static Integer arrayLength(Object array, int dimension) {
    List<?> items = items(array);
    return dimension != 1 || items.isEmpty() ? null : items.size();
  }

  /** {@code array_upper(array, dimension)}: arrays here start at 1, so the upper bound is the length. */
  public static Integer arrayUpper(Object array, int dimension) {
    return arrayLength(array, dimension);
  }

  /** {@code array_lower(array, dimension)}: 1, or null for an empty array or another dimension. */
  public static Integer arrayLower(Object array, int dimension) {
    return dimension != 1 || items(array).isEmpty() ? null : 1;
  }

  /** {@code array_to_string(array, delimiter)}: the non-null elements joined; null for a null array or delimiter. */
  public static String arrayToString(Object array, String delimiter) {
    return arrayToString(array, delimiter, null);
  }

  /** {@code array_to_string(array, delimiter, null_text)}: null elements as {@code nullText}, or left out when it is null. */
  public static String arrayToString(Object array, String delimiter, String nullText) {
    if (array == null || delimiter == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (Object item : items(array)) {
      if (item == null && nullText == null) {
        continue;
      }
      out.append(first ? "" : delimiter).append(item == null ? nullText : String.valueOf(item));
      first = false;
    }
    return out.toString();
  }

  /**
   * An array's elements: Calcite's arrays are lists; the server's catalog columns hold Java arrays or, for
   * a one-element value, the value itself.
   */
  /** {@code array_remove(array, element)}: the elements not equal to {@code element}, in order; null for a null array. */
  public static List<Object> arrayRemove(Object array, Object element) {
    if (array == null) {
      return null;
    }
    List<Object> kept = new ArrayList<>();
    for (Object item : items(array)) {
      if (!Objects.equals(item, element)) {
        kept.add(item);
      }
    }
    return kept;
  }

  private static List<?> items(Object array) {
    return array instanceof List<?> list ? list : array instanceof Object[] a ? Arrays.asList(a) : List.of(array);
  }

  /** {@code make_date(year, month, day)} as days since 1970-01-01; a negative year is BC. */
  public static int makeDate(int year, int month, int day) {
    try {
      return Math.toIntExact(LocalDate.of(year < 0 ? year + 1 : year, month, day).toEpochDay());
    } catch (DateTimeException e) {
      throw new PgSqlException("22008", "date field value out of range: " + year + "-" + String.format(Locale.ROOT,
          "%02d-%02d", month, day));
    }
  }

  /**
   * {@code to_timestamp(text, format)} as milliseconds since 1970-01-01 00:00: a timestamptz of the session's local
   * time the text names, held as that local time.
   */
  public static long toTimestamp(String text, String format) {
    LocalDateTime t = PgDateFormat.parse(format).parseDateTime(text);
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /**
   * {@code to_timestamp(seconds)}: the instant that many seconds after 1970-01-01 00:00 UTC, a timestamptz, held as
   * the session's local time of it.
   */
  public static long toTimestamp(org.apache.calcite.DataContext root, double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw new PgSqlException("22008", "timestamp out of range: \"" + seconds + "\"");
    }
    return PgTimeZones.sessionTime(root, Math.round(seconds * 1000d));
  }
}
