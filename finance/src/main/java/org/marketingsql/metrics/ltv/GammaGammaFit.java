package org.marketingsql.metrics.ltv;

/**
 * Maximum-likelihood estimates of the Gamma-Gamma spend model (FHL 2005, "RFM and CLV", section
 * 4): transaction values z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate γ) across customers.
 *
 * @param p shape of the within-customer transaction value distribution
 * @param q shape of the across-customer distribution of ν
 * @param gamma rate of the across-customer distribution of ν (in money units)
 * @param logLikelihood log-likelihood at the estimates
 * @param customers number of repeat customers fitted
 */
public record GammaGammaFit(double p, double q, double gamma, double logLikelihood, int customers) {
  public GammaGammaFit {
    requirePositive("p", p);
    requirePositive("q", q);
    requirePositive("gamma", gamma);
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
