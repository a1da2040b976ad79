package org.marketingsql.jdbc;

import java.sql.SQLException;
import java.util.Optional;
import org.marketingsql.sql.PgSqlException;
import org.marketingsql.sql.PgSyntaxError;
import org.marketingsql.sql.PgValidationError;
import org.marketingsql.sql.PlanFailures;

/**
 * The one line a driver error says, in PostgreSQL's words as the PostgreSQL port says them, with where in the
 * statement when Calcite knew it: {@code syntax error at or near "on" at line 1, column 17}, {@code column "x"
 * does not exist at line 1, column 8}, {@code relation "finance.x" does not exist …}; a statement the planner
 * could not plan as {@link PlanFailures#MESSAGE} (or {@code MATCH_RECOGNIZE is not supported}); a statement the
 * store refused as the store's own first line, never the statement the driver sent it (which names the store's
 * internal tables). The whole of it stays in the exception's causes, for a program that wants Calcite's detail.
 */
final class ErrorMessages {
  /** The most characters a message has, as on the PostgreSQL port. */
  static final int MAX = 1000;
  /** Calcite repeats the whole statement in front of the reason; the client has the statement. */
  private static final String EXECUTING = "Error while executing SQL \"";

  private ErrorMessages() {
  }

  /** What {@code e}, whose SQLSTATE is {@code state}, says to a client: one line of at most {@link #MAX} characters. */
  static String of(Throwable e, String state) {
    Optional<PgSyntaxError> syntax = PgSyntaxError.in(e);
    if (syntax.isPresent()) {
      return cut(syntax.get().located());
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgSqlException pg) {
        return cut(pg.getMessage());
      }
    }
    Optional<PgValidationError> validation = PgValidationError.in(e);
    if (validation.isPresent()) {
      return cut(validation.get().located());
    }
    if (PlanFailures.isPlanFailure(e)) {
      return PlanFailures.unsupportedFeature(e).map(f -> f + " is not supported").orElse(PlanFailures.MESSAGE);
    }
    if (PlanFailures.isStoreStatementFailure(e)) {
      return cut(store(e, state));
    }
    if (state.equals("22012")) {
      return "division by zero";
    }
    Optional<String> overflow = overflow(e);
    if (overflow.isPresent()) {
      return overflow.get();
    }
    if (state.equals("21000")) {
      return "more than one row returned by a subquery used as an expression";
    }
    return cut(own(e));
  }

  /**
   * The store's own words for why it refused the statement, which its error carries after the statement the driver
   * sent; for an error that is the store's (not the data's), none of them: they may name its internal tables.
   */
  private static String store(Throwable e, String state) {
    Throwable own = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && !String.valueOf(t.getMessage()).contains("While executing SQL [")
          && !String.valueOf(t.getMessage()).startsWith(EXECUTING)) {
        own = t;
      }
    }
    Optional<PgSqlException> conversion = StoreConversionError.of(e);
    if (conversion.isPresent()) {
      return conversion.get().getMessage();
    }
    String text = firstLine(String.valueOf(own.getMessage()));
    if (own == e || state.startsWith("42") || state.equals("58000") || state.equals("XX000")) {
      return "the store could not run the statement";
    }
    return text.startsWith("ERROR: ") ? text.substring("ERROR: ".length()) : text;
  }

  /** {@code e}'s own message without Calcite's repetition of the statement, else its innermost cause's; one line. */
  private static String own(Throwable e) {
    String m = e.getMessage();
    if (m != null && m.startsWith(EXECUTING) && m.lastIndexOf("\": ") > 0) {
      m = m.substring(m.lastIndexOf("\": ") + 3);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if ((m == null || m.isBlank()) && root.getMessage() != null) {
      m = root.getMessage();
    }
    return m == null || m.isBlank() ? "internal error" : firstLine(m);
  }

  /**
   * PostgreSQL's words for Calcite's checked integer arithmetic past its type's range: "smallint out of range",
   * "integer out of range", "bigint out of range"; and for a numeric too wide for its cast ({@code 1000::numeric(5,2)}):
   * "numeric field overflow".
   */
  static Optional<String> overflow(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (isNumericFieldOverflow(t)) {
        return Optional.of("numeric field overflow");
      }
      if (!(t instanceof ArithmeticException)) {
        continue;
      }
      if (message.endsWith("does not fit in a SMALLINT")) {
        return Optional.of("smallint out of range");
      }
      if (message.equals("integer overflow")) {
        return Optional.of("integer out of range");
      }
      if (message.equals("long overflow")) {
        return Optional.of("bigint out of range");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code t} is Calcite's refusal of a numeric too wide for the precision of the DECIMAL it is cast to. */
  static boolean isNumericFieldOverflow(Throwable t) {
    String message = String.valueOf(t.getMessage());
    return message.startsWith("Value ") && message.contains(" cannot be represented as a DECIMAL(");
  }

  private static String firstLine(String m) {
    int line = m.indexOf('\n');
    return (line < 0 ? m : m.substring(0, line)).stripTrailing();
  }

  /** At most {@link #MAX} characters, the last an ellipsis when cut, as the PostgreSQL port cuts. */
  static String cut(String m) {
    String line = firstLine(m);
    return line.length() <= MAX ? line : line.substring(0, MAX - 1) + "\u2026";
  }
}
