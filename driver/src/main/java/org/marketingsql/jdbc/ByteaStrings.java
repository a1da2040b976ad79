package org.marketingsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import org.marketingsql.sql.PgBytea;

/**
 * {@code getString} of a statement's binary columns (PostgreSQL's {@code bytea}) as PostgreSQL writes them with its
 * default {@code bytea_output = hex}: {@code \x41}. Calcite writes the hexadecimal digits alone.
 */
final class ByteaStrings {
  private final ResultSet rows;
  private boolean[] binaries;

  ByteaStrings(ResultSet rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  /** Whether the column {@code argument} names (its index or label) is a binary column. */
  boolean answers(Object argument) throws SQLException {
    if (binaries == null) {
      int count = rows.getMetaData().getColumnCount();
      boolean[] kinds = new boolean[count + 1];
      for (int i = 1; i <= count; i++) {
        int type = rows.getMetaData().getColumnType(i);
        kinds[i] = type == Types.VARBINARY || type == Types.BINARY;
      }
      binaries = kinds;
    }
    int column = column(argument);
    return column > 0 && column < binaries.length && binaries[column];
  }

  /** The current row's value of the column {@code argument} names, as PostgreSQL's text; null for NULL. */
  String text(Object argument) throws SQLException {
    byte[] bytes = rows.getBytes(column(argument));
    return bytes == null ? null : PgBytea.text(bytes);
  }

  private int column(Object argument) throws SQLException {
    return argument instanceof Integer index ? index : rows.findColumn(String.valueOf(argument));
  }
}
