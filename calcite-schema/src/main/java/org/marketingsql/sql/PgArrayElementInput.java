package org.marketingsql.sql;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * An element of an array literal ({@code '{1,x}'::int[]}) read as PostgreSQL reads a value of the element type, so
 * that one which is none is refused while the statement is read, in PostgreSQL's words: {@code invalid input syntax
 * for type integer: "x"} (22P02; 22007 for a date), {@code value "3000000000" is out of range for type integer}
 * (22003). Integers (an optional sign and digits, blanks around them), booleans ({@link PgCasts#bool}) and dates (as
 * the driver reads a date) are checked; an element of any other type is left to its cast.
 */
final class PgArrayElementInput {
  /** The integer types by the names a cast writes, as PostgreSQL names them in its messages. */
  private static final Map<String, String> INTEGERS = Map.of("int2", "smallint", "smallint", "smallint",
      "int4", "integer", "int", "integer", "integer", "integer", "int8", "bigint", "bigint", "bigint");
  private static final Map<String, Long> MIN = Map.of("smallint", (long) Short.MIN_VALUE, "integer",
      (long) Integer.MIN_VALUE, "bigint", Long.MIN_VALUE);
  private static final Map<String, Long> MAX = Map.of("smallint", (long) Short.MAX_VALUE, "integer",
      (long) Integer.MAX_VALUE, "bigint", Long.MAX_VALUE);
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  private PgArrayElementInput() {
  }

  /** Refuses {@code element} (the element's text, not null) when it is no value of {@code type} (lower case). */
  static void check(String element, String type) {
    Objects.requireNonNull(element, "element");
    String integer = INTEGERS.get(Objects.requireNonNull(type, "type"));
    if (integer != null) {
      checkInteger(element, integer);
    } else if ((type.equals("bool") || type.equals("boolean")) && PgCasts.bool("'" + element + "'") == null) {
      throw invalid("boolean", element);
    } else if (type.equals("date")) {
      try {
        DateTimeUtils.dateStringToUnixDate(element.strip());
      } catch (RuntimeException notADate) {
        // PostgreSQL's state for a date-time text it cannot read: 22007, not 22P02
        PgSqlException e = new PgSqlException("22007", "invalid input syntax for type date: \"" + element + "\"");
        e.initCause(notADate);
        throw e;
      }
    }
  }

  private static void checkInteger(String element, String type) {
    String digits = element.strip();
    if (!INTEGER.matcher(digits).matches()) {
      throw invalid(type, element);
    }
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException tooLong) {
      throw outOfRange(type, element);
    }
    if (value < MIN.get(type) || value > MAX.get(type)) {
      throw outOfRange(type, element);
    }
  }

  private static PgSqlException invalid(String type, String element) {
    return new PgSqlException("22P02", "invalid input syntax for type " + type + ": \"" + element + "\"");
  }

  private static PgSqlException outOfRange(String type, String element) {
    return new PgSqlException("22003", "value \"" + element + "\" is out of range for type " + type);
  }
}
