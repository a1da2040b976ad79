package org.marketingsql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import org.marketingsql.sql.PgFloatText;

/**
 * {@code getString} of a statement's double precision and real columns as PostgreSQL writes them
 * ({@link PgFloatText}), as the PostgreSQL port sends them: {@code date_part('year', d)} is {@code 2025}, not Java's
 * {@code 2025.0}; {@code 1e20} is {@code 1e+20}.
 */
final class FloatStrings {
  private final ResultSet rows;
  /** Per column, its JDBC type when it is DOUBLE, FLOAT or REAL, else 0. */
  private int[] floats;

  FloatStrings(ResultSet rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  /** Whether the column {@code argument} names (its index or label) is a double precision or real column. */
  boolean answers(Object argument) throws SQLException {
    if (floats == null) {
      int count = rows.getMetaData().getColumnCount();
      int[] types = new int[count + 1];
      for (int i = 1; i <= count; i++) {
        int type = rows.getMetaData().getColumnType(i);
        types[i] = type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL ? type : 0;
      }
      floats = types;
    }
    int column = column(argument);
    return column > 0 && column < floats.length && floats[column] != 0;
  }

  /** The current row's value of the column {@code argument} names, as PostgreSQL's text; null for NULL. */
  String text(Object argument) throws SQLException {
    int column = column(argument);
    Object value = rows.getObject(column);
    if (!(value instanceof Number number)) {
      return value == null ? null : value.toString();
    }
    return floats[column] == Types.REAL ? PgFloatText.ofReal(number.floatValue())
        : PgFloatText.ofDouble(number.doubleValue());
  }

  private int column(Object argument) throws SQLException {
    return argument instanceof Integer index ? index : rows.findColumn(String.valueOf(argument));
  }
}
