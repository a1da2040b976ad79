package org.marketingsql.config;

/**
 * The SQL types of money, rates and the finance facts' columns, defined once: the store's tables, the
 * connectors' columns and the facts' SQL use these names, so a money column is the same DECIMAL everywhere.
 */
public final class SqlTypes {
  /** An amount of money, in any currency: 12 digits before the point, 6 after. */
  public static final String MONEY = "DECIMAL(18,6)";
  /**
   * A money operand widened before it is multiplied: DuckDB multiplies two DECIMAL(18, s) in 64 bits and
   * fails beyond them, although the product, cast back to {@link #MONEY}, fits.
   */
  public static final String WIDE_MONEY = "DECIMAL(38,6)";
  /** An FX rate: reporting-currency units per unit of a currency. */
  public static final String FX_RATE = "DECIMAL(18,8)";
  public static final String DATE = "DATE";
  public static final String TIMESTAMP = "TIMESTAMP";
  public static final String VARCHAR = "VARCHAR";
  public static final String INTEGER = "INTEGER";

  private SqlTypes() {
  }
}
