package org.marketingsql.source;

/**
 * The SQL types of the columns API sources sync into the store, written so that every store
 * (DuckDB, PostgreSQL) takes them as they are.
 */
public enum SqlType {
  VARCHAR("VARCHAR"),
  BIGINT("BIGINT"),
  BOOLEAN("BOOLEAN"),
  DATE("DATE"),
  TIMESTAMP("TIMESTAMP"),
  /** Amounts of money, and counts a platform reports with fractions (conversions): exact, never floating point. */
  MONEY("DECIMAL(18,6)"),
  /** An FX rate: reporting-currency units per unit of a currency (the finance facts' fx_rate). */
  FX_RATE("DECIMAL(18,8)"),
  /**
   * A money operand widened before it is multiplied: DuckDB multiplies two DECIMAL(18, s) in 64 bits and
   * fails beyond them, although the product, cast back to {@link #MONEY}, fits.
   */
  WIDE_MONEY("DECIMAL(38,6)");

  private final String sql;

  SqlType(String sql) {
    this.sql = sql;
  }

  /** The type as written in {@code CREATE TABLE}, e.g. {@code DECIMAL(18,6)}. */
  public String sql() {
    return sql;
  }
}
