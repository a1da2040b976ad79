package org.marketingsql.source.export;

import java.util.Objects;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * A column of an export: snake_case name, kind, and for {@link Kind#DECIMAL} its scale (0..12) and
 * precision (all digits, up to 38).
 *
 * <p>The scale is 0 and the precision {@link #MAX_PRECISION} for every other kind, so two specs of the
 * same column compare equal.
 *
 * @param name the column name, not blank
 * @param kind the column's kind
 * @param scale digits after the decimal point for DECIMAL (0..12), otherwise 0
 * @param precision digits in all for DECIMAL, at least the scale and at most 38; 38 for other kinds
 */
public record ColumnSpec(String name, Kind kind, int scale, int precision) {

  /** The largest scale a DECIMAL column may have; wider fractions stay text. */
  public static final int MAX_SCALE = 12;

  /** DuckDB's largest DECIMAL, which holds any amount an export will carry. */
  public static final int MAX_PRECISION = 38;

  /** A column of {@link #MAX_PRECISION} digits. */
  public ColumnSpec(String name, Kind kind, int scale) {
    this(name, kind, scale, MAX_PRECISION);
  }

  /** The column a declared one loads as: its kind, and a DECIMAL's precision and scale, from its SQL type. */
  static ColumnSpec of(SourceColumn column) {
    SqlType type = column.type();
    return type.isDecimal() ? new ColumnSpec(column.name(), Kind.DECIMAL, type.scale(), type.precision())
        : new ColumnSpec(column.name(), kindOf(type), 0);
  }

  /** The kind of values a column of an SQL type holds. */
  static Kind kindOf(SqlType type) {
    return switch (type) {
      case VARCHAR -> Kind.VARCHAR;
      case BIGINT -> Kind.BIGINT;
      case BOOLEAN -> Kind.BOOLEAN;
      case DATE -> Kind.DATE;
      case TIMESTAMP -> Kind.TIMESTAMP;
      case MONEY, FX_RATE, WIDE_MONEY -> Kind.DECIMAL;
    };
  }

  /** Checks the arguments. */
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name is blank");
    }
    if (kind == Kind.DECIMAL) {
      if (scale < 0 || scale > MAX_SCALE) {
        throw new IllegalArgumentException(
            "scale of DECIMAL column " + name + " must be 0.." + MAX_SCALE + ", was " + scale);
      }
      if (precision < Math.max(scale, 1) || precision > MAX_PRECISION) {
        throw new IllegalArgumentException("precision of DECIMAL column " + name + " must be " + Math.max(scale, 1)
            + ".." + MAX_PRECISION + ", was " + precision);
      }
    } else if (scale != 0 || precision != MAX_PRECISION) {
      throw new IllegalArgumentException("only DECIMAL columns have a scale and precision; column " + name + " is "
          + kind + " with scale " + scale + " and precision " + precision);
    }
  }

  /** The SQL type to declare the column with, e.g. {@code DECIMAL(38,2)}. */
  public String sqlType() {
    return switch (kind) {
      case BOOLEAN -> "BOOLEAN";
      case BIGINT -> "BIGINT";
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
      case VARCHAR -> "VARCHAR";
    };
  }
}
