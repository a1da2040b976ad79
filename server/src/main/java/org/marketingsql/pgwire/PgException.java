package org.marketingsql.pgwire;

import java.sql.SQLException;
import java.util.Optional;

/** An error to send to the client as ErrorResponse with its SQLSTATE. */
public class PgException extends Exception {
  private final String sqlState;

  PgException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  PgException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
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
    // Calcite wraps the useful message; the innermost cause names the column or table.
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && (m == null || !m.contains(root.getMessage()))) {
      m = (m == null ? "" : m + ": ") + root.getMessage();
    }
    return m == null ? e.toString() : m;
  }
}
