package org.marketingsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Objects;
import org.marketingsql.sql.PgIntervalText;

/**
 * {@code getString} of a statement's interval columns as PostgreSQL writes an interval ({@link PgIntervalText}):
 * {@code interval '1 day' * 3} is {@code 3 days}, {@code 3 * interval '1 hour'} {@code 03:00:00}. Calcite writes the
 * count of its type's unit ({@code +3}), which says nothing of the unit.
 */
final class IntervalStrings {
  private static final String INTERVAL = "INTERVAL_";
  private final ResultSet rows;
  /** Per column, its interval type's name (INTERVAL_DAY, INTERVAL_HOUR_TO_SECOND …), null for another type. */
  private String[] intervals;

  IntervalStrings(ResultSet rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  /** Whether the column {@code argument} names (its index or label) is an interval column. */
  boolean answers(Object argument) throws SQLException {
    if (intervals == null) {
      int count = rows.getMetaData().getColumnCount();
      String[] types = new String[count + 1];
      for (int i = 1; i <= count; i++) {
        String name = rows.getMetaData().getColumnTypeName(i);
        boolean interval = rows.getMetaData().getColumnType(i) == Types.OTHER && name != null
            && name.toUpperCase(Locale.ROOT).startsWith(INTERVAL);
        types[i] = interval ? name.toUpperCase(Locale.ROOT) : null;
      }
      intervals = types;
    }
    int column = column(argument);
    return column > 0 && column < intervals.length && intervals[column] != null;
  }

  /** The current row's value of the column {@code argument} names, as PostgreSQL's text; null for NULL. */
  String text(Object argument) throws SQLException {
    int column = column(argument);
    Object value = rows.getObject(column);
    if (!(value instanceof Number number)) {
      return value == null ? null : value.toString();
    }
    String type = intervals[column];
    if (type.contains("YEAR") || type.contains("MONTH")) {
      return PgIntervalText.yearMonth(number.longValue());
    }
    return PgIntervalText.dayTime(number.longValue(), type.startsWith(INTERVAL + "DAY"));
  }

  private int column(Object argument) throws SQLException {
    return argument instanceof Integer index ? index : rows.findColumn(String.valueOf(argument));
  }
}
