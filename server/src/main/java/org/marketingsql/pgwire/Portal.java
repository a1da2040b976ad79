package org.marketingsql.pgwire;

/**
 * A bound statement (Bind): the SQL with its parameters in place, the result formats asked for, and,
 * once Describe or Execute ran it, the open result that Execute sends rows from.
 */
final class Portal implements AutoCloseable {
  final String sql;
  final short[] resultFormats;
  Result result;

  Portal(String sql, short[] resultFormats) {
    this.sql = sql;
    this.resultFormats = resultFormats;
  }

  @Override
  public void close() {
    if (result != null) {
      result.close();
    }
  }
}
