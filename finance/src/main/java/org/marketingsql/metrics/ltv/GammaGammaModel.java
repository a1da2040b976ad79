package org.marketingsql.metrics.ltv;

import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of average transaction value, Fader, Hardie &amp; Lee (2005), "RFM and CLV:
 * Using Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 415-430,
 * section 4, as written up in Fader &amp; Hardie, "The Gamma-Gamma Model of Monetary Value" (2013
 * technical note).
 *
 * <p>A customer's transaction values are Gamma(p, ν) with mean p/ν; ν varies across customers as
 * Gamma(q, γ). Only repeat transactions are modelled, so only customers with x ≥ 1 enter the fit.
 * The model assumes spend is independent of the purchase process, so it combines with
 * {@link BgNbdModel} multiplicatively for lifetime value.
 */
public final class GammaGammaModel {
  private GammaGammaModel() {}

  private static final String[] NAMES = {"p", "q", "gamma"};

  /**
   * Fits p, q, γ by maximum likelihood on the customers with frequency ≥ 1 (the others are
   * ignored: they have no repeat transaction whose value the model describes).
   *
   * @throws LtvModelException when no customer has a repeat transaction, or a repeat customer has
   *     a zero mean spend (a Gamma variable is positive, the likelihood is then zero)
   */
  public static GammaGammaFit fit(List<CustomerHistory> histories) {
    Objects.requireNonNull(histories, "histories");
    List<CustomerHistory> repeat = histories.stream().filter(h -> h.frequency() >= 1).toList();
    if (repeat.isEmpty()) {
      throw new LtvModelException(
          "Gamma-Gamma needs customers with at least one repeat transaction (frequency >= 1), got "
              + (histories.isEmpty() ? "no customers" : "none among " + histories.size()));
    }
    for (CustomerHistory h : repeat) {
      if (!(h.monetaryValue() > 0)) {
        throw new LtvModelException(
            "Gamma-Gamma needs positive mean repeat spend, customer "
                + h.customerId()
                + " has "
                + h.monetaryValue()
                + "; drop or correct zero-value repeat customers first");
      }
    }
    HistoryTable table = HistoryTable.of(repeat, h -> new double[] {h.monetaryValue(), 0.0});
    double n = table.customers;
    LogParameterOptimizer.Optimum optimum =
        LogParameterOptimizer.minimize(
            p -> -logLikelihood(p[0], p[1], p[2], table) / n, new double[] {1, 1, 1}, NAMES);
    double[] p = optimum.parameters();
    double ll = logLikelihood(p[0], p[1], p[2], table);
    if (!Double.isFinite(ll)) {
      throw new LtvModelException("Gamma-Gamma log-likelihood is not finite at the optimum: " + ll);
    }
    return new GammaGammaFit(p[0], p[1], p[2], ll, repeat.size());
  }

  /**
   * Log-likelihood of the mean repeat spend m̄ of x transactions: the density of m̄<sub>x</sub>
   * after integrating ν out (the same objective as lifetimes' GammaGammaFitter):
   *
   * <pre>
   * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄)
   * </pre>
   */
  static double logLikelihood(double p, double q, double gamma, HistoryTable t) {
    // the x-only part ln Γ(px+q) − ln Γ(px) + px ln x is computed once per distinct x
    double[] xTerm = new double[t.maxX + 1];
    for (int k = 1; k <= t.maxX; k++) {
      double pk = p * k;
      xTerm[k] = Gamma.logGamma(pk + q) - Gamma.logGamma(pk) + pk * Math.log(k);
    }
    double constant = q * Math.log(gamma) - Gamma.logGamma(q);
    double sum = 0.0;
    for (int i = 0; i < t.x.length; i++) {
      int x = t.x[i];
      double m = t.u[i];
      double px = p * x;
      double row =
          xTerm[x] + constant + (px - 1) * Math.log(m) - (px + q) * Math.log(gamma + x * m);
      sum += t.weight[i] * row;
    }
    return sum;
  }

  /**
   * Expected mean transaction value of a customer with x repeat transactions of mean value m̄,
   * E[M | p, q, γ, m̄<sub>x</sub>, x] = p(γ + x m̄)/(px + q − 1), the posterior mean of p/ν: a
   * weighted average of the population mean pγ/(q−1) and the customer's own mean. With x = 0 it is
   * the population mean.
   *
   * @throws LtvModelException if q ≤ 1: the population mean spend pγ/(q−1) is then infinite, so
   *     the shrinkage target of the estimate (and the estimate for x = 0) does not exist
   */
  public static double expectedOrderValue(GammaGammaFit fit, double x, double meanValue) {
    Objects.requireNonNull(fit, "fit");
    if (!Double.isFinite(x) || x < 0 || x != Math.rint(x)) {
      throw new IllegalArgumentException("frequency must be a whole number >= 0: " + x);
    }
    if (!Double.isFinite(meanValue) || meanValue < 0) {
      throw new IllegalArgumentException("mean value must be finite and >= 0: " + meanValue);
    }
    if (fit.q() <= 1) {
      throw new LtvModelException(
          "expected order value needs q > 1 (finite mean spend across customers), fitted q = "
              + fit.q());
    }
    double value = fit.p() * (fit.gamma() + x * meanValue) / (fit.p() * x + fit.q() - 1);
    if (!Double.isFinite(value)) {
      throw new LtvModelException("expected order value is not finite: " + value);
    }
    return value;
  }

  /** {@link #expectedOrderValue(GammaGammaFit, double, double)} for a summarised customer. */
  public static double expectedOrderValue(GammaGammaFit fit, CustomerHistory h) {
    return expectedOrderValue(fit, h.frequency(), h.monetaryValue());
  }
}
