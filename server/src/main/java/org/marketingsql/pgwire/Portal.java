package org.marketingsql.pgwire;

import java.util.Objects;

/**
 * A bound statement (Bind): the SQL with its parameters in place, the statement as the client wrote it (with
 * its {@code $n}: what an error's position counts in), the statement as the query log shows it, the result
 * formats asked for, and, once Describe or Execute ran it, the open result that Execute
 * sends rows from.
 */
final class Portal implements AutoCloseable {
  final String sql;
  final String written;
  final String logged;
  final short[] resultFormats;
  Result result;

  Portal(String sql, String written, String logged, short[] resultFormats) {
    this.sql = Objects.requireNonNull(sql, "sql");
    this.written = Objects.requireNonNull(written, "written");
    this.logged = Objects.requireNonNull(logged, "logged");
    this.resultFormats = resultFormats;
  }

  @Override
  public void close() {
    if (result != null) {
      result.close();
    }
  }
}
