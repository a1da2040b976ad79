package org.marketingsql.sql;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * A text read as PostgreSQL reads a value of a type, so that one which is none is refused in PostgreSQL's words:
 * {@code invalid input syntax for type integer: "x"} (22P02; 22007 for a date or a timestamp), {@code value
 * "3000000000" is out of range for type integer} and {@code "1e39" is out of range for type real} (22003), {@code
 * date/time field value out of range: "2024-13-01"} (22008). Integers (an optional sign and digits, blanks around
 * them), numerics, reals and double precisions (digits with a point and an exponent, {@code NaN}, {@code
 * Infinity}), booleans ({@link PgCasts#bool}), dates and timestamps (as the driver reads them, with their fields
 * in range, in the forms {@link PgDateInput} reads) are checked; a text of any other type is left to its cast.
 * Used for an element of an array literal ({@code '{1,x}'::int[]}) while the statement is read, and by {@link
 * #INPUT} for a cast of a text.
 */
public final class PgTextInput {
  /**
   * {@code pg_text_input(text, type)}: the text, once {@link #input} has read it as a value of {@code type}, which the
   * driver puts between a text and its cast to a number, a boolean, a date or a timestamp. In the store it is the text
   * itself ({@link StoreCalls}), and the store's cast gives the store's error.
   */
  public static final SqlOperator INPUT = new PgFunction("PG_TEXT_INPUT", true, true, null, ReturnTypes.ARG0,
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER), List.of("text", "type"),
      List.of(method()));
  /** The types by the names a cast writes, as PostgreSQL names them in its messages. */
  private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("int2", "smallint"),
      Map.entry("smallint", "smallint"), Map.entry("int4", "integer"), Map.entry("int", "integer"),
      Map.entry("integer", "integer"), Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
      Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"), Map.entry("float4", "real"),
      Map.entry("real", "real"), Map.entry("float8", "double precision"), Map.entry("float", "double precision"),
      Map.entry("double precision", "double precision"), Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
      Map.entry("date", "date"), Map.entry("timestamp", "timestamp"),
      Map.entry("timestamp without time zone", "timestamp"));
  private static final Map<String, Long> MIN = Map.of("smallint", (long) Short.MIN_VALUE, "integer",
      (long) Integer.MIN_VALUE, "bigint", Long.MIN_VALUE);
  private static final Map<String, Long> MAX = Map.of("smallint", (long) Short.MAX_VALUE, "integer",
      (long) Integer.MAX_VALUE, "bigint", Long.MAX_VALUE);
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(inf|infinity)|nan");
  /** A date, and a timestamp's date and time, written as numbers: their fields must be in range. */
  private static final Pattern DATE_TIME = Pattern.compile(
      "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T]([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\\.[0-9]+)?)?)?");

  private PgTextInput() {
  }

  private static java.lang.reflect.Method method() {
    try {
      return PgTextInput.class.getMethod("input", String.class, String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgTextInput lacks input(String, String)", e);
    }
  }

  /**
   * {@code text} as the text of a value of {@code type} (lower case, as a cast writes it): as it is, a boolean as
   * {@code true} or {@code false}, which every cast reads; PostgreSQL's error when it is none.
   */
  public static String input(String text, String type) {
    check(text, type);
    String pg = TYPES.get(type);
    if (pg.equals("date") || pg.equals("timestamp")) {
      // PostgreSQL's other forms ('March 1, 2024', '2024-03-01 10:00') in the one the cast reads
      return PgDateInput.read(text).map(f -> pg.equals("date") ? f.dateText() : f.timestampText()).orElse(text);
    }
    String bool = pg.equals("boolean") ? PgCasts.bool("'" + text + "'") : null;
    return bool == null ? text : bool.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The error PostgreSQL gives for {@code text} as a value of {@code type} (lower case), which another reader (the
   * store) refused: {@link #check}'s, else (a text PostgreSQL would read) {@code invalid input syntax}.
   */
  public static PgSqlException error(String text, String type) {
    try {
      check(text, type);
    } catch (PgSqlException e) {
      return e;
    }
    String pg = TYPES.getOrDefault(type, type);
    return pg.equals("date") || pg.equals("timestamp")
        ? new PgSqlException("22007", "invalid input syntax for type " + pg + ": \"" + text + "\"") : invalid(pg, text);
  }

  /** Refuses {@code text} (not null) when it is no value of {@code type} (lower case). */
  static void check(String text, String type) {
    Objects.requireNonNull(text, "text");
    String pg = TYPES.get(Objects.requireNonNull(type, "type"));
    if (pg == null) {
      return;
    }
    String value = text.strip();
    switch (pg) {
      case "smallint", "integer", "bigint" -> checkInteger(text, pg);
      case "numeric" -> {
        if (!DECIMAL.matcher(value).matches() && !value.equalsIgnoreCase("nan")
            && !SPECIAL.matcher(value).matches()) {
          throw invalid(pg, text);
        }
      }
      case "real", "double precision" -> checkFloat(text, pg);
      case "boolean" -> {
        if (PgCasts.bool("'" + text + "'") == null) {
          throw invalid(pg, text);
        }
      }
      default -> checkDateTime(text, pg);
    }
  }

  private static void checkInteger(String text, String type) {
    String digits = text.strip();
    long value;
    try {
      // Java reads what PostgreSQL reads, and digits of other scripts too: those are refused below
      value = Long.parseLong(digits);
    } catch (NumberFormatException notALong) {
      throw INTEGER.matcher(digits).matches() ? outOfRange(type, text) : invalid(type, text);
    }
    if (!isAscii(digits)) {
      throw invalid(type, text);
    }
    if (value < MIN.get(type) || value > MAX.get(type)) {
      throw outOfRange(type, text);
    }
  }

  private static boolean isAscii(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static void checkFloat(String text, String type) {
    String value = text.strip();
    if (SPECIAL.matcher(value).matches()) {
      return;
    }
    if (!DECIMAL.matcher(value).matches()) {
      throw invalid(type, text);
    }
    BigDecimal exact = new BigDecimal(value);
    double read = type.equals("real") ? Float.parseFloat(value) : Double.parseDouble(value);
    if (Double.isInfinite(read) || read == 0 && exact.signum() != 0) {
      throw new PgSqlException("22003", "\"" + text + "\" is out of range for type " + type);
    }
  }

  private static void checkDateTime(String text, String type) {
    if (PgDateInput.read(text).isPresent()) {
      return;
    }
    String value = text.strip();
    Matcher fields = DATE_TIME.matcher(value);
    if (fields.matches() && (type.equals("timestamp") || fields.group(4) == null)) {
      try {
        LocalDate.of(Integer.parseInt(fields.group(1)), Integer.parseInt(fields.group(2)),
            Integer.parseInt(fields.group(3)));
        if (fields.group(4) != null) {
          LocalTime.of(Integer.parseInt(fields.group(4)), Integer.parseInt(fields.group(5)),
              fields.group(6) == null ? 0 : Integer.parseInt(fields.group(6)));
        }
        return;
      } catch (DateTimeException outOfRange) {
        PgSqlException e = new PgSqlException("22008", "date/time field value out of range: \"" + text + "\"");
        e.initCause(outOfRange);
        throw e;
      }
    }
    try {
      if (type.equals("date")) {
        DateTimeUtils.dateStringToUnixDate(value);
      } else {
        DateTimeUtils.timestampStringToUnixDate(value);
      }
    } catch (RuntimeException unread) {
      // PostgreSQL's state for a date-time text it cannot read: 22007, not 22P02
      PgSqlException e = new PgSqlException("22007", "invalid input syntax for type " + type + ": \"" + text + "\"");
      e.initCause(unread);
      throw e;
    }
  }

  private static PgSqlException invalid(String type, String text) {
    return new PgSqlException("22P02", "invalid input syntax for type " + type + ": \"" + text + "\"");
  }

  private static PgSqlException outOfRange(String type, String text) {
    return new PgSqlException("22003", "value \"" + text + "\" is out of range for type " + type);
  }
}
