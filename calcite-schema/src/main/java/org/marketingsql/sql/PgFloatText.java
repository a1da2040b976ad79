package org.marketingsql.sql;

import java.math.BigDecimal;

/**
 * A {@code double precision} or {@code real} value as PostgreSQL's text output writes it (PostgreSQL 12 and later,
 * {@code extra_float_digits} 1): the shortest digits that read back as the same value, in plain notation when the
 * decimal exponent is from -4 up to the type's digits (15 for double precision, 6 for real) and in exponent notation
 * outside that ({@code 1e+20}, {@code 1e-05}, {@code 1.234567e+06}); {@code 1}, not {@code 1.0}; {@code -0};
 * {@code NaN}, {@code Infinity} and {@code -Infinity}. Public: the driver's text of a double and the PostgreSQL port's
 * are this one.
 */
public final class PgFloatText {
  /** The exponents from which double precision and real are written in exponent notation (DBL_DIG, FLT_DIG). */
  private static final int DOUBLE_DIGITS = 15;
  private static final int REAL_DIGITS = 6;

  private PgFloatText() {
  }

  public static String ofDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return special(d);
    }
    return shortest(Double.toString(d), d == 0 && 1 / d < 0, DOUBLE_DIGITS);
  }

  public static String ofReal(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return special(f);
    }
    return shortest(Float.toString(f), f == 0 && 1 / f < 0, REAL_DIGITS);
  }

  private static String special(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
  }

  /** {@code shortest}, Java's shortest digits of the value ({@code 1.0E20}), written as PostgreSQL writes them. */
  private static String shortest(String shortest, boolean negativeZero, int digitsOfType) {
    BigDecimal value = new BigDecimal(shortest).stripTrailingZeros();
    if (value.signum() == 0) {
      return negativeZero ? "-0" : "0";
    }
    String digits = value.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - value.scale();
    String sign = value.signum() < 0 ? "-" : "";
    if (exponent >= -4 && exponent < digitsOfType) {
      return sign + value.abs().toPlainString();
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    int magnitude = Math.abs(exponent);
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
  }
}
