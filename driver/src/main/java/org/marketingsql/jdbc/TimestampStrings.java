package org.marketingsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import org.marketingsql.sql.PgTimeZones;

/**
 * {@code getString} of a statement's TIMESTAMP columns as PostgreSQL writes a timestamp: the local time with its
 * fraction of a second, without trailing zeros ({@code 2024-03-01 10:15:30.123}, {@code 2024-03-01 10:15:30.5},
 * {@code 2024-03-01 10:15:30}). Calcite writes a TIMESTAMP to its type's precision, which for most values (a
 * timestamptz literal or cast, {@code AT TIME ZONE}, the store's columns) is whole seconds, and pads the fraction
 * with zeros where it writes one. A timestamptz column (type name {@code TIMESTAMP WITH TIME ZONE}) holds the
 * session's local time, and is written as that local time, as any TIMESTAMP.
 */
final class TimestampStrings {
  private final ResultSet rows;
  private boolean[] timestamps;

  TimestampStrings(ResultSet rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  /** Whether {@code argument} (a column's index or label) names a TIMESTAMP column, whose text {@link #text} answers. */
  boolean answers(Object argument) throws SQLException {
    int column = column(argument);
    if (timestamps == null) {
      int count = rows.getMetaData().getColumnCount();
      boolean[] kinds = new boolean[count + 1];
      for (int i = 1; i <= count; i++) {
        kinds[i] = rows.getMetaData().getColumnType(i) == Types.TIMESTAMP;
      }
      timestamps = kinds;
    }
    return column > 0 && column < timestamps.length && timestamps[column];
  }

  /**
   * The current row's value of the column {@code argument} names (its index or label), as PostgreSQL's text; null for
   * NULL. Read as the number Calcite holds (milliseconds since 1970 counted as if in UTC, in the proleptic Gregorian
   * calendar, as PostgreSQL counts), not through a {@code Timestamp}, whose calendar is Julian before 1582-10-15.
   */
  String text(Object argument) throws SQLException {
    long held = rows.getLong(column(argument));
    if (rows.wasNull()) {
      return null;
    }
    return PgTimeZones.heldText(held);
  }

  private int column(Object argument) throws SQLException {
    return argument instanceof Integer index ? index : rows.findColumn(String.valueOf(argument));
  }
}
