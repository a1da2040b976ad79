package org.marketingsql.metrics.ltv;

/**
 * Maximum-likelihood estimates of the BG/NBD model (FHL 2005, section 3): purchase rates
 * λ ~ Gamma(shape r, rate α), dropout probabilities p ~ Beta(a, b).
 *
 * @param r shape of the transaction-rate distribution
 * @param alpha rate (scale parameter, in the time unit of the data) of the transaction-rate
 *     distribution
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution
 * @param logLikelihood log-likelihood at the estimates (equation 7 summed over customers)
 * @param customers number of customers fitted
 */
public record BgNbdFit(
    double r, double alpha, double a, double b, double logLikelihood, int customers) {
  public BgNbdFit {
    requirePositive("r", r);
    requirePositive("alpha", alpha);
    requirePositive("a", a);
    requirePositive("b", b);
    if (!Double.isFinite(logLikelihood)) {
      throw new IllegalArgumentException("logLikelihood must be finite: " + logLikelihood);
    }
    if (customers < 0) {
      throw new IllegalArgumentException("customers must be >= 0: " + customers);
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0: " + value);
    }
  }
}
