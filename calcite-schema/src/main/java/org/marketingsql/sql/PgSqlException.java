package org.marketingsql.sql;

import java.util.Objects;

/**
 * An error a PostgreSQL function raises while it runs, with the SQLSTATE PostgreSQL gives it
 * ({@code 22007} a date-time text that does not fit its template, {@code 22023} an invalid argument,
 * {@code 42704} an unknown setting, {@code 54000} a result over a limit). Public, since the driver reads
 * the state and Calcite's generated code reaches the functions that throw it.
 */
public final class PgSqlException extends RuntimeException {
  private final String sqlState;

  public PgSqlException(String sqlState, String message) {
    super(Objects.requireNonNull(message, "message"));
    if (sqlState == null || sqlState.length() != 5) {
      throw new IllegalArgumentException("an SQLSTATE has five characters: " + sqlState);
    }
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
