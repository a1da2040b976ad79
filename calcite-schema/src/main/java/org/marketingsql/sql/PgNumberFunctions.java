package org.marketingsql.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The Java side of PostgreSQL's {@code factorial}, {@code width_bucket}, {@code scale}, {@code min_scale} and
 * {@code trim_scale}, exact, with PostgreSQL's results and errors. Public, since Calcite's generated code calls these
 * methods.
 */
public final class PgNumberFunctions {
  /** PostgreSQL's bound on factorial's argument: a larger one's result overflows its numeric format. */
  private static final long MAX_FACTORIAL = 32177;

  private PgNumberFunctions() {
  }

  /** {@code factorial(n)}: numeric; 1 for 0 and 1, {@code 22003} for a negative number and past 32177. */
  public static BigDecimal factorial(long n) {
    if (n < 0) {
      throw new PgSqlException("22003", "factorial of a negative number is undefined");
    }
    if (n > MAX_FACTORIAL) {
      throw new PgSqlException("22003", "value overflows numeric format");
    }
    BigInteger product = BigInteger.ONE;
    for (long i = 2; i <= n; i++) {
      product = product.multiply(BigInteger.valueOf(i));
    }
    return new BigDecimal(product);
  }

  /**
   * {@code width_bucket(x, low, high, count)}: which of count equal buckets between low and high holds x, 0 below
   * them and count + 1 above (high may be below low: the buckets then run downwards), computed exactly.
   */
  public static int widthBucket(BigDecimal x, BigDecimal low, BigDecimal high, int count) {
    if (count <= 0) {
      throw new PgSqlException("2201G", "count must be greater than zero");
    }
    int direction = low.compareTo(high);
    if (direction == 0) {
      throw new PgSqlException("2201G", "lower bound cannot equal upper bound");
    }
    boolean ascending = direction < 0;
    if (ascending ? x.compareTo(low) < 0 : x.compareTo(low) > 0) {
      return 0;
    }
    if (ascending ? x.compareTo(high) >= 0 : x.compareTo(high) <= 0) {
      if (count == Integer.MAX_VALUE) {
        throw new PgSqlException("22003", "integer out of range");
      }
      return count + 1;
    }
    BigDecimal offset = x.subtract(low).abs().multiply(BigDecimal.valueOf(count));
    return offset.divide(high.subtract(low).abs(), 0, RoundingMode.FLOOR).intValueExact() + 1;
  }

  /** {@code scale(x)}: the decimals x is written with. */
  public static int scale(BigDecimal x) {
    return Math.max(x.scale(), 0);
  }

  /** {@code min_scale(x)}: the fewest decimals that write x exactly. */
  public static int minScale(BigDecimal x) {
    return Math.max(x.stripTrailingZeros().scale(), 0);
  }

  /** {@code trim_scale(x)}: x without the zeros that end its decimals. */
  public static BigDecimal trimScale(BigDecimal x) {
    BigDecimal stripped = x.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
