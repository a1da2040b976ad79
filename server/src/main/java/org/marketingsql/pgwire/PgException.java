package org.marketingsql.pgwire;

import java.sql.SQLException;
import java.util.Optional;

/** An error to send to the client as ErrorResponse with its SQLSTATE. */
public class PgException extends Exception {
  private final String sqlState;
  /** Where in the statement's text the error is, as PostgreSQL's Position field counts: 1-based characters, 0 for none. */
  private final int position;
  /** PostgreSQL's HINT, null for none. */
  private final String hint;

  PgException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  PgException(String sqlState, String message, Throwable cause) {
    this(sqlState, message, 0, null, cause);
  }

  PgException(String sqlState, String message, int position, String hint, Throwable cause) {
    super(message, cause);
    if (position < 0) {
      throw new IllegalArgumentException("an error's position is not negative: " + position);
    }
    this.sqlState = sqlState;
    this.position = position;
    this.hint = hint;
  }

  /** Throws SQLSTATE 25006 unless {@code sql} reads (see {@link org.marketingsql.readonly.ReadOnlyGate}). */
  static void unlessReadOnly(String sql) throws PgException {
    Optional<String> refusal = org.marketingsql.readonly.ReadOnlyGate.refusal(sql);
    if (refusal.isPresent()) {
      throw new PgException(org.marketingsql.readonly.ReadOnlyGate.SQL_STATE, refusal.get());
    }
  }

  public String sqlState() {
    return sqlState;
  }

  /** The 1-based character of the statement the error is at (psql draws its caret there), 0 for none. */
  int position() {
    return position;
  }

  /** PostgreSQL's HINT for the error, null for none. */
  String hint() {
    return hint;
  }

  /**
   * The driver's SQLSTATE when it gave one, else the first one among its causes (Calcite wraps the store's
   * error, such as 53300 when every read session of the store stayed busy, in one without a state); XX000
   * (internal error) otherwise.
   */
  static PgException of(SQLException e) {
    String state = null;
    for (Throwable t = e; t != null && state == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
        state = sql.getSQLState();
      }
    }
    return new PgException(state != null ? state : "XX000", message(e), e);
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    // Calcite repeats the whole statement in front of the reason; the client already has the statement.
    if (m != null && m.startsWith("Error while executing SQL \"")) {
      int end = m.lastIndexOf("\": ");
      if (end > 0) {
        m = m.substring(end + 3);
      }
    }
    // Calcite wraps the useful message; the innermost cause names the column or table. An error the driver gave a
    // state says all in its own words.
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    boolean complete = e instanceof SQLException s && s.getSQLState() != null;
    if (!complete && root != e && root.getMessage() != null && (m == null || !m.contains(root.getMessage()))) {
      m = (m == null ? "" : m + ": ") + root.getMessage();
    }
    m = m == null ? e.toString() : m;
    // PostgreSQL's messages are one line: what follows (a stack, a plan) is for the server's log
    int line = m.indexOf('\n');
    return line < 0 ? m : m.substring(0, line).stripTrailing();
  }
}
