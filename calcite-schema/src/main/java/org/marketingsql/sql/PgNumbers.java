package org.marketingsql.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The Java side of PostgreSQL's {@code numeric} functions: {@code ln}, {@code log} and {@code log10} of a
 * numeric are numeric, computed in decimal (not through double precision) to PostgreSQL's scale: at least
 * 16 significant digits, and never fewer decimals than the argument has ({@code log(100.0)} is
 * {@code 2.0000000000000000}, {@code ln(2.0)} is {@code 0.6931471805599453}); and {@code x::numeric} without a
 * precision keeps the value's own digits. Public, since Calcite's generated code calls these methods.
 */
public final class PgNumbers {
  /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: the significant digits a logarithm has at least. */
  private static final int MIN_SIG_DIGITS = 16;
  /** PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE. */
  private static final int MAX_SCALE = 1000;
  /** Working precision of the series: far more digits than any result keeps. */
  private static final MathContext WORK = new MathContext(60, RoundingMode.HALF_EVEN);
  private static final BigDecimal LN_10 = lnNearOne(BigDecimal.TEN);

  private PgNumbers() {
  }

  /** {@code ln(numeric)}: 2201E for zero or a negative number. */
  public static BigDecimal ln(BigDecimal x) {
    checkPositive(x);
    BigDecimal ln = naturalLog(x);
    return ln.setScale(Math.min(Math.max(scaleFor(ln), x.scale()), MAX_SCALE), RoundingMode.HALF_UP);
  }

  /** {@code ln(double precision)}. */
  public static double ln(double x) {
    if (x == 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of zero");
    }
    if (x < 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of a negative number");
    }
    return Math.log(x);
  }

  /** {@code log(double precision)}. */
  public static double log(double x) {
    return PgStrings.log(x);
  }

  /** {@code log(b, x)} of double precision numbers. */
  public static double log(double base, double x) {
    return PgStrings.log(base, x);
  }

  /** {@code log(numeric)}, {@code log10(numeric)}: the base-10 logarithm. */
  public static BigDecimal log(BigDecimal x) {
    return log(BigDecimal.TEN, x);
  }

  /** {@code log(b numeric, x numeric)}: the logarithm of x to base b; base 1 is a division by zero (22012). */
  public static BigDecimal log(BigDecimal base, BigDecimal x) {
    checkPositive(base);
    checkPositive(x);
    if (base.compareTo(BigDecimal.ONE) == 0) {
      throw new PgSqlException("22012", "division by zero");
    }
    BigDecimal result = naturalLog(x).divide(naturalLog(base), WORK);
    int scale = Math.max(scaleFor(result), Math.max(base.scale(), x.scale()));
    return result.setScale(Math.min(scale, MAX_SCALE), RoundingMode.HALF_UP);
  }

  /** {@code x::numeric}: an exact number as it is. */
  public static BigDecimal numeric(BigDecimal x) {
    return x;
  }

  /** {@code x::numeric} of a text or a double precision: its digits, as PostgreSQL reads them (22P02 when none). */
  public static BigDecimal numeric(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new PgSqlException("22P02", "invalid input syntax for type numeric: \"" + text + "\"");
    }
  }

  private static void checkPositive(BigDecimal x) {
    if (x.signum() == 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of zero");
    }
    if (x.signum() < 0) {
      throw new PgSqlException("2201E", "cannot take logarithm of a negative number");
    }
  }

  /** The decimals that give a result of this size {@link #MIN_SIG_DIGITS} significant digits, as PostgreSQL counts. */
  private static int scaleFor(BigDecimal result) {
    double abs = Math.abs(result.doubleValue());
    int weight = abs == 0 || Double.isNaN(abs) ? 0 : (int) Math.log10(abs);
    return Math.max(0, Math.min(MIN_SIG_DIGITS - weight, MAX_SCALE));
  }

  /** The natural logarithm of a positive x: x = m × 10^k with 1 ≤ m < 10, ln x = ln m + k ln 10. */
  private static BigDecimal naturalLog(BigDecimal x) {
    int k = x.precision() - x.scale() - 1;
    BigDecimal m = x.movePointLeft(k);
    return lnNearOne(m).add(LN_10.multiply(BigDecimal.valueOf(k), WORK), WORK);
  }

  /**
   * ln m for m in [1, 10]: square roots bring m near 1, then ln m = 2 atanh((m - 1) / (m + 1)), whose series
   * converges fast there.
   */
  private static BigDecimal lnNearOne(BigDecimal m) {
    int halvings = 0;
    BigDecimal r = m;
    BigDecimal near = new BigDecimal("1.01");
    while (r.compareTo(near) > 0) {
      r = r.sqrt(WORK);
      halvings++;
    }
    BigDecimal z = r.subtract(BigDecimal.ONE).divide(r.add(BigDecimal.ONE), WORK);
    BigDecimal z2 = z.multiply(z, WORK);
    BigDecimal term = z;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal epsilon = BigDecimal.ONE.movePointLeft(WORK.getPrecision() + 5);
    for (int n = 1; term.abs().compareTo(epsilon) > 0; n += 2) {
      sum = sum.add(term.divide(BigDecimal.valueOf(n), WORK), WORK);
      term = term.multiply(z2, WORK);
    }
    return sum.multiply(BigDecimal.valueOf(2).pow(halvings + 1), WORK);
  }
}
