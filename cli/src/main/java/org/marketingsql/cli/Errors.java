package org.marketingsql.cli;

import java.sql.SQLException;

/** Turns an SQLException into the one line a user needs: SQLSTATE and the innermost useful message. */
final class Errors {
  private Errors() {
  }

  static String describe(SQLException e) {
    String message = e.getMessage();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + message;
  }
}
