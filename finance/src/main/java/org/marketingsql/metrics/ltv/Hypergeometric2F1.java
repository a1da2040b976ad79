package org.marketingsql.metrics.ltv;

/**
 * Gauss hypergeometric function <sub>2</sub>F<sub>1</sub>(a, b; c; z) for real |z| &lt; 1 by its
 * power series, as needed by the BG/NBD conditional expectation (FHL 2005, equation 10).
 *
 * <p>The series Σ (a)<sub>n</sub>(b)<sub>n</sub>/((c)<sub>n</sub> n!) z<sup>n</sup> is summed with
 * each term obtained from the previous one by the ratio (a+n)(b+n)z/((c+n)(n+1)). For large a and
 * b (frequent buyers) intermediate terms can exceed the double range long before the series
 * converges, so the running sum and term carry a common scale factor whose logarithm is kept
 * separately; {@link #logAbs} therefore stays finite wherever the function does.
 */
final class Hypergeometric2F1 {
  /** Relative size of the remainder bound at which the series is considered converged. */
  private static final double TOLERANCE = 1e-15;

  /** Bound on the terms summed; reached only for z extremely close to 1. */
  private static final int MAX_TERMS = 10_000_000;

  private static final double RESCALE_THRESHOLD = 1e250;
  private static final double LOG_RESCALE = Math.log(RESCALE_THRESHOLD);

  private Hypergeometric2F1() {}

  /** Result as sign and log-magnitude: value = sign · exp(logAbs). */
  record Result(int sign, double logAbs) {
    double value() {
      return sign * Math.exp(logAbs);
    }
  }

  /** <sub>2</sub>F<sub>1</sub>(a, b; c; z). */
  static double value(double a, double b, double c, double z) {
    return evaluate(a, b, c, z).value();
  }

  /**
   * Natural logarithm of <sub>2</sub>F<sub>1</sub>(a, b; c; z).
   *
   * @throws ArithmeticException if the function is not positive at this point
   */
  static double logValue(double a, double b, double c, double z) {
    Result r = evaluate(a, b, c, z);
    if (r.sign() <= 0) {
      throw new ArithmeticException(
          "2F1(" + a + ", " + b + "; " + c + "; " + z + ") is not positive, it has no logarithm");
    }
    return r.logAbs();
  }

  /**
   * Sums the series.
   *
   * @throws IllegalArgumentException outside |z| &lt; 1 or when c is a non-positive integer (the
   *     series is undefined there)
   * @throws ArithmeticException if the series does not converge within the term budget
   */
  static Result evaluate(double a, double b, double c, double z) {
    if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(z))) {
      throw new IllegalArgumentException(
          "2F1 arguments must be finite: a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
    }
    if (!(Math.abs(z) < 1.0)) {
      throw new IllegalArgumentException("2F1 series needs |z| < 1, got z=" + z);
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("2F1 is undefined for c a non-positive integer: " + c);
    }
    double term = 1.0;
    double sum = 1.0;
    double logScale = 0.0;
    for (int n = 0; n < MAX_TERMS; n++) {
      double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      term *= ratio;
      sum += term;
      if (term == 0.0) {
        // a or b is a non-positive integer: the series is a polynomial and has ended
        return result(sum, logScale);
      }
      double absRatio = Math.abs(ratio);
      // Once n exceeds |a|, |b| and |c| the ratio moves monotonically towards |z| < 1, so the
      // tail is bounded by a geometric series with ratio max(|ratio|, |z|).
      if (n > Math.abs(a) + Math.abs(b) + Math.abs(c) && absRatio < 1.0) {
        double rho = Math.max(absRatio, Math.abs(z));
        double remainder = Math.abs(term) * rho / (1.0 - rho);
        if (remainder <= TOLERANCE * Math.abs(sum)) {
          return result(sum, logScale);
        }
      }
      if (Math.abs(term) > RESCALE_THRESHOLD || Math.abs(sum) > RESCALE_THRESHOLD) {
        term /= RESCALE_THRESHOLD;
        sum /= RESCALE_THRESHOLD;
        logScale += LOG_RESCALE;
      }
    }
    throw new ArithmeticException(
        "2F1("
            + a
            + ", "
            + b
            + "; "
            + c
            + "; "
            + z
            + ") series did not converge within "
            + MAX_TERMS
            + " terms");
  }

  private static Result result(double sum, double logScale) {
    if (sum == 0.0 || !Double.isFinite(sum)) {
      throw new ArithmeticException("2F1 series sum is " + sum + " (cancellation or overflow)");
    }
    return new Result(sum > 0 ? 1 : -1, Math.log(Math.abs(sum)) + logScale);
  }
}
