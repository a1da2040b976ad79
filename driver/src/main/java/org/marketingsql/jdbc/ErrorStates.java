package org.marketingsql.jdbc;

import java.util.Locale;
import java.util.regex.PatternSyntaxException;

/**
 * The SQLSTATE PostgreSQL gives an error like one Calcite or the store raised, read from its chain of
 * causes: a syntax error 42601; a validation error by what it names (42P01 an unknown table, 42703 an
 * unknown column, 42702 an ambiguous one, 42883 a function or operator without a matching signature, 42804
 * types that do not match, 42803 an expression neither grouped nor aggregated, 42P10 an ORDER BY item a SELECT DISTINCT
 * does not select, 42000 any other); a cancelled or
 * timed-out statement 57014; division by zero
 * 22012; a scalar sub-select of more than one row 21000; text that is not a number 22P02; a regular expression that
 * does not compile 2201B; a PostgreSQL function's own error its state; a day that does not exist 22008; a value out of
 * its type's range 22003; 58000
 * anything else.
 */
final class ErrorStates {
  private ErrorStates() {
  }

  static String of(Throwable e) {
    // a PostgreSQL error wherever it is: the parser wraps one raised while it reads the statement (DISTINCT ON)
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.marketingsql.sql.PgSqlException pg) {
        return pg.sqlState();
      }
    }
    java.util.Optional<org.marketingsql.sql.PgSqlException> conversion = StoreConversionError.of(e);
    if (conversion.isPresent()) {
      return conversion.get().sqlState();
    }
    boolean rejected = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (name.endsWith("SqlParseException")) {
        return "42601";
      }
      if (name.endsWith("SqlValidatorException")) {
        return validation(message);
      }
      if (name.endsWith("CalciteContextException")) {
        rejected = true; // its cause, the validator's own exception, says what was wrong
        continue;
      }
      if (name.endsWith("CancellationException") || message.contains("statement canceled")
          || message.contains("interrupt") || message.contains("timeout of")) {
        return "57014";
      }
      if (t instanceof ArithmeticException && (message.contains("by zero") || message.contains("division undefined"))
          || message.contains("division by zero")) {
        return "22012";
      }
      if (ErrorMessages.isNumericFieldOverflow(t)) {
        return "22003"; // a numeric too wide for its cast's precision
      }
      if (t instanceof ArithmeticException && message.contains("overflow")) {
        return "22003"; // integer arithmetic past its type's range
      }
      if (message.contains("more than one value in agg single_value")) {
        return "21000"; // a scalar sub-select of more than one row
      }
      if (t instanceof PatternSyntaxException) {
        return "2201B";
      }
      if (t instanceof NumberFormatException || message.contains("could not convert string")) {
        return "22P02";
      }
      if (message.contains("date/time field value out of range")) {
        return "22008"; // PostgreSQL's text input of a day that does not exist, its own error lost on the way
      }
      if (message.contains("out of range") && !(t instanceof IndexOutOfBoundsException)) {
        return "22003";
      }
    }
    return rejected ? "42000" : "58000";
  }

  /** A validation error's SQLSTATE, from Calcite's message (lower case). */
  private static String validation(String message) {
    if (message.startsWith("invalid input syntax for type") || message.startsWith("malformed array literal")) {
      return "22P02";
    }
    if (message.contains("must be a numeric literal between 0 and 1")) {
      return "22003"; // percentile_cont(1.5): PostgreSQL's "percentile value 1.5 is not between 0 and 1"
    }
    if (message.startsWith("column '") && message.contains("' is ambiguous")) {
      return "42702";
    }
    if (message.startsWith("column '") && message.contains("not found") || message.startsWith("unknown field")
        || message.startsWith("unknown identifier")) {
      return "42703";
    }
    if (message.startsWith("object '") && message.contains("not found") || message.startsWith("table '")
        && message.contains("not found")) {
      return "42P01";
    }
    if (message.startsWith("no match found for function signature") || message.startsWith("cannot apply '")
        || message.contains("is not defined") && message.startsWith("function")
        || message.startsWith("function ") && message.endsWith(") does not exist")) {
      return "42883";
    }
    if (message.contains("is not being grouped")) {
      return "42803";
    }
    if (message.startsWith("expression '") && message.endsWith("' is not in the select clause")) {
      return "42P10"; // an ORDER BY item of a SELECT DISTINCT that is not in its select list
    }
    if (message.contains("incompatible types") || message.contains("type mismatch") || message.contains("must be boolean") || message.contains("must be a condition")
        || message.startsWith("cannot assign to target field")) {
      return "42804";
    }
    return "42000";
  }
}
