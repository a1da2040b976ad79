package org.marketingsql.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Java side of PostgreSQL's {@code avg}, {@code var_samp}, {@code var_pop}, {@code stddev_samp} and
 * {@code stddev_pop} as {@link PgAverages} writes them out: from the count, the sum and the sum of squares, the same
 * numbers the store's SQL of {@link MomentStoreSql} gives. An exact number's average and variance are exact quotients
 * rounded half away from zero to {@value #MIN_SCALE} decimals (more when the argument has more), its standard
 * deviation the square root, in double precision, of that variance, written with the double's digits at the same
 * scale. Public because Calcite's generated code calls it.
 */
public final class PgMoments {
  /** The decimals of an exact number's average and variance, as PostgreSQL's sixteen significant digits from 1 on. */
  static final int MIN_SCALE = 16;

  private PgMoments() {
  }

  public static BigDecimal square(BigDecimal x) {
    return x.multiply(x);
  }

  public static Double square(double x) {
    return x * x;
  }

  public static BigDecimal avg(BigDecimal sum, long count) {
    return count == 0 ? null : sum.divide(BigDecimal.valueOf(count), Math.max(MIN_SCALE, sum.scale()), RoundingMode.HALF_UP);
  }

  public static Double avg(double sum, long count) {
    return count == 0 ? null : sum / count;
  }

  public static BigDecimal varSamp(BigDecimal squares, BigDecimal sum, long count) {
    return variance(squares, sum, count, true);
  }

  public static Double varSamp(double squares, double sum, long count) {
    return variance(squares, sum, count, true);
  }

  public static BigDecimal varPop(BigDecimal squares, BigDecimal sum, long count) {
    return variance(squares, sum, count, false);
  }

  public static Double varPop(double squares, double sum, long count) {
    return variance(squares, sum, count, false);
  }

  public static BigDecimal stddevSamp(BigDecimal squares, BigDecimal sum, long count) {
    return sqrt(variance(squares, sum, count, true));
  }

  public static Double stddevSamp(double squares, double sum, long count) {
    Double variance = variance(squares, sum, count, true);
    return variance == null ? null : Math.sqrt(variance);
  }

  public static BigDecimal stddevPop(BigDecimal squares, BigDecimal sum, long count) {
    return sqrt(variance(squares, sum, count, false));
  }

  public static Double stddevPop(double squares, double sum, long count) {
    Double variance = variance(squares, sum, count, false);
    return variance == null ? null : Math.sqrt(variance);
  }

  /** (n·Σx² − (Σx)²) / (n·(n − 1)), or over n² for the population; null for too few values. */
  private static BigDecimal variance(BigDecimal squares, BigDecimal sum, long count, boolean sample) {
    if (count < (sample ? 2 : 1)) {
      return null;
    }
    BigDecimal n = BigDecimal.valueOf(count);
    BigDecimal spread = n.multiply(squares).subtract(sum.multiply(sum));
    BigDecimal divisor = n.multiply(sample ? BigDecimal.valueOf(count - 1) : n);
    int scale = Math.max(MIN_SCALE, 2 * sum.scale());
    return spread.signum() <= 0 ? BigDecimal.ZERO.setScale(scale) : spread.divide(divisor, scale, RoundingMode.HALF_UP);
  }

  private static Double variance(double squares, double sum, long count, boolean sample) {
    if (count < (sample ? 2 : 1)) {
      return null;
    }
    double spread = (double) count * squares - sum * sum;
    return spread <= 0 ? 0.0 : spread / ((double) count * (double) (sample ? count - 1 : count));
  }

  /** The square root, in double precision, of a variance, with the double's shortest digits at the variance's scale. */
  private static BigDecimal sqrt(BigDecimal variance) {
    if (variance == null) {
      return null;
    }
    double root = Math.sqrt(Double.parseDouble(variance.toPlainString()));
    return new BigDecimal(Double.toString(root)).setScale(variance.scale(), RoundingMode.HALF_UP);
  }
}
