package org.marketingsql.sql;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * An error Calcite's validator raised, in PostgreSQL's words and without Calcite's "From line 1, column 8 to line
 * 1, column 13: " prefix: {@code column "x" does not exist}, {@code relation "finance.x" does not exist},
 * {@code function f(integer) does not exist}, {@code column "x" must
 * appear in the GROUP BY clause or be used in an aggregate function}, {@code for SELECT DISTINCT, ORDER BY expressions
 * must appear in select list}; other messages as Calcite words them. Where
 * it is, as the validator counted it (1-based line and column of the text Calcite parsed). Public, since the
 * driver and the PostgreSQL port both read it.
 *
 * @param message PostgreSQL's message, one line
 * @param line the line of the part of the statement that is wrong, 1-based, 0 when Calcite did not say
 * @param column its column, 1-based, 0 when Calcite did not say
 */
public record PgValidationError(String message, int line, int column) {
  /** PostgreSQL's HINT for a call no function's signature takes. */
  public static final String NO_FUNCTION_HINT =
      "No function matches the given name and argument types. You might need to add explicit type casts.";
  /** Calcite's prefix of a validation error, which a position replaces. */
  private static final Pattern FROM_LINE = Pattern.compile(
      "^From line \\d+, column \\d+ to line \\d+, column \\d+: ");
  private static final Pattern COLUMN_IN_TABLE = Pattern.compile("^Column '([^']*)' not found in table '([^']*)'$");
  private static final Pattern COLUMN = Pattern.compile("^Column '([^']*)' not found in any table$");
  private static final Pattern OBJECT = Pattern.compile("^(?:Object|Table) '([^']*)' not found(?: within '([^']*)')?$");
  private static final Pattern NOT_GROUPED = Pattern.compile("^Expression '([^']*)' is not being grouped$");
  private static final Pattern NO_SIGNATURE = Pattern.compile("^No match found for function signature ([^(]+)\\((.*)\\)$");
  /** Calcite's words for an ORDER BY item of a SELECT DISTINCT that is not in its select list. */
  private static final Pattern NOT_SELECTED = Pattern.compile("^Expression '([^']*)' is not in the select clause$");
  private static final Pattern AMBIGUOUS = Pattern.compile("^Column '([^']*)' is ambiguous$");

  public PgValidationError {
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("a position is not negative: line " + line + ", column " + column);
    }
  }

  /** The validation error among {@code e} and its causes, when the statement parsed but did not validate. */
  public static Optional<PgValidationError> in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CalciteContextException context) {
        int line = Math.max(0, context.getPosLine());
        return Optional.of(new PgValidationError(pgMessage(validationMessage(context)), line,
            line == 0 ? 0 : Math.max(0, context.getPosColumn())));
      }
    }
    return Optional.empty();
  }

  /** The validator's own message: the context's cause's, else the context's without its position prefix. */
  private static String validationMessage(CalciteContextException context) {
    Throwable cause = context.getCause();
    String m = cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(context.getMessage());
    m = FROM_LINE.matcher(m).replaceFirst("");
    // "x: x", as a message wrapped in another of the same text reads
    int half = m.indexOf(": ");
    if (half > 0 && m.substring(half + 2).equals(m.substring(0, half))) {
      m = m.substring(0, half);
    }
    int newline = m.indexOf('\n');
    return (newline < 0 ? m : m.substring(0, newline)).strip();
  }

  /** Calcite's words for what PostgreSQL names otherwise; other messages as they are. */
  public static String pgMessage(String calcite) {
    Matcher m = COLUMN_IN_TABLE.matcher(calcite);
    if (m.matches()) {
      return "column " + m.group(2).toLowerCase(Locale.ROOT) + "." + m.group(1) + " does not exist";
    }
    m = COLUMN.matcher(calcite);
    if (m.matches()) {
      return "column \"" + m.group(1) + "\" does not exist";
    }
    m = OBJECT.matcher(calcite);
    if (m.matches()) {
      return "relation \"" + (m.group(2) == null ? "" : m.group(2) + ".") + m.group(1) + "\" does not exist";
    }
    m = NOT_GROUPED.matcher(calcite);
    if (m.matches()) {
      return "column \"" + m.group(1).toLowerCase(Locale.ROOT)
          + "\" must appear in the GROUP BY clause or be used in an aggregate function";
    }
    if (NOT_SELECTED.matcher(calcite).matches()) {
      return "for SELECT DISTINCT, ORDER BY expressions must appear in select list";
    }
    m = AMBIGUOUS.matcher(calcite);
    if (m.matches()) {
      return "column reference \"" + m.group(1) + "\" is ambiguous";
    }
    m = NO_SIGNATURE.matcher(calcite);
    if (m.matches()) {
      String arguments = m.group(2).replaceAll("<([A-Z ]+)>", "$1").toLowerCase(Locale.ROOT)
          .replace("character", "text").replace("decimal", "numeric");
      return "function " + m.group(1).toLowerCase(Locale.ROOT) + "(" + arguments + ") does not exist";
    }
    return calcite;
  }

  /**
   * PostgreSQL's message for a call of {@code function} that no signature of it takes, with the arguments' types:
   * {@code function upper(text, text) does not exist}. The one wording of it: for a call whose arguments no
   * signature takes, and for one with more or fewer arguments than the function has (Calcite's "Invalid number of
   * arguments to function …").
   */
  public static String noSuchFunction(String function, java.util.List<org.apache.calcite.rel.type.RelDataType> arguments) {
    return "function " + function.toLowerCase(Locale.ROOT) + "(" + arguments.stream().map(PgSignatures::pgName)
        .collect(java.util.stream.Collectors.joining(", ")) + ") does not exist";
  }

  /** {@link #message} with where, for a client that cannot show a position: {@code … at line 1, column 8}. */
  public String located() {
    return line == 0 ? message : message + " at line " + line + ", column " + column;
  }
}
