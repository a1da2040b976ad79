package org.marketingsql.source.export;

import java.util.Objects;

/**
 * A column of an export: snake_case name, kind, and for {@link Kind#DECIMAL} its scale (0..12).
 *
 * <p>The scale is 0 for every other kind, so two specs of the same column compare equal.
 *
 * @param name the column name, not blank
 * @param kind the column's kind
 * @param scale digits after the decimal point for DECIMAL (0..12), otherwise 0
 */
public record ColumnSpec(String name, Kind kind, int scale) {

  /** The largest scale a DECIMAL column may have; wider fractions stay text. */
  public static final int MAX_SCALE = 12;

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
    } else if (scale != 0) {
      throw new IllegalArgumentException(
          "only DECIMAL columns have a scale; column " + name + " is " + kind + " with scale " + scale);
    }
  }

  /** The SQL type to declare the column with, e.g. {@code DECIMAL(38,2)}. */
  public String sqlType() {
    return switch (kind) {
      case BOOLEAN -> "BOOLEAN";
      case BIGINT -> "BIGINT";
      // precision 38 is DuckDB's maximum and holds any amount an export will carry
      case DECIMAL -> "DECIMAL(38," + scale + ")";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
      case VARCHAR -> "VARCHAR";
    };
  }
}
