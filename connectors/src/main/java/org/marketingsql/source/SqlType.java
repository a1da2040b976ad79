package org.marketingsql.source;

/**
 * The SQL types of the columns sources load into the store (API tables, export layouts, finance
 * facts), written so that every store (DuckDB, PostgreSQL) takes them as they are.
 */
public enum SqlType {
  VARCHAR("VARCHAR", 0, 0),
  BIGINT("BIGINT", 0, 0),
  BOOLEAN("BOOLEAN", 0, 0),
  DATE("DATE", 0, 0),
  TIMESTAMP("TIMESTAMP", 0, 0),
  /** Amounts of money, and counts a platform reports with fractions (conversions): exact, never floating point. */
  MONEY("DECIMAL(18,6)", 18, 6),
  /** An FX rate: reporting-currency units per unit of a currency (the finance facts' fx_rate). */
  FX_RATE("DECIMAL(18,8)", 18, 8),
  /**
   * A money operand widened before it is multiplied: DuckDB multiplies two DECIMAL(18, s) in 64 bits and
   * fails beyond them, although the product, cast back to {@link #MONEY}, fits. Platform ad and order
   * exports load their amounts as this type too: it holds whatever amount an export carries.
   */
  WIDE_MONEY("DECIMAL(38,6)", 38, 6);

  private final String sql;
  private final int precision;
  private final int scale;

  SqlType(String sql, int precision, int scale) {
    this.sql = sql;
    this.precision = precision;
    this.scale = scale;
  }

  /** Whether this is a DECIMAL type, with a {@link #precision()} and {@link #scale()}. */
  public boolean isDecimal() {
    return precision > 0;
  }

  /** All digits of a DECIMAL type; 0 for the other types. */
  public int precision() {
    return precision;
  }

  /** Digits after the decimal point of a DECIMAL type; 0 for the other types. */
  public int scale() {
    return scale;
  }

  /** The type as written in {@code CREATE TABLE}, e.g. {@code DECIMAL(18,6)}. */
  public String sql() {
    return sql;
  }
}
