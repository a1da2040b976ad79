package org.marketingsql.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk load for PostgreSQL: rows already parsed and checked by our readers stream as plain CSV
 * ({@link CsvLine}) into one {@code COPY ... FROM STDIN} inside the caller's transaction, with no file
 * in between. The copy starts with the first row, so a writer that gets none sends nothing.
 */
final class PostgresCopyWriter implements RowWriter {
  private static final int FLUSH_BYTES = 1 << 16;
  private final Connection connection;
  private final String target;
  private final String sql;
  private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 1024);
  private CopyIn copy;

  PostgresCopyWriter(Connection connection, String schema, String table, List<String> columns) {
    this.connection = connection;
    this.target = Sql.quote(schema) + "." + Sql.quote(table);
    String names = columns.isEmpty() ? ""
        : " (" + columns.stream().map(Sql::quote).collect(Collectors.joining(", ")) + ")";
    this.sql = "COPY " + target + names + " FROM STDIN (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"',"
        + " ESCAPE '\"', NULL '')";
  }

  @Override
  public void write(Object[] row) throws SQLException {
    CsvLine.append(buffer, row);
    if (buffer.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (copy == null) {
      copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    buffer.setLength(0);
    try {
      copy.writeToCopy(bytes, 0, bytes.length);
    } catch (SQLException e) {
      throw new SQLException("copying rows into " + target + " failed: " + e.getMessage(), e.getSQLState(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (buffer.length() > 0) {
      flush();
    }
    if (copy != null) {
      try {
        copy.endCopy();
      } catch (SQLException e) {
        throw new SQLException("copying rows into " + target + " failed: " + e.getMessage(), e.getSQLState(), e);
      } finally {
        copy = null;
      }
    }
  }
}
