package org.marketingsql.metrics.ltv;

import java.util.List;
import java.util.Objects;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284. Equation numbers refer to
 * that paper.
 *
 * <p>While active, a customer buys as a Poisson process with rate λ; after every repeat purchase
 * she becomes inactive with probability p. Across customers λ ~ Gamma(r, α) and p ~ Beta(a, b).
 *
 * <p>All times (recency, age, horizon) are in the unit of the histories that were fitted.
 */
public final class BgNbdModel {
  private BgNbdModel() {}

  private static final String[] NAMES = {"r", "alpha", "a", "b"};

  /**
   * Fits r, α, a, b by maximum likelihood.
   *
   * @throws LtvModelException when there are no customers, no customer has a repeat transaction
   *     (the dropout process is then unobservable), or the optimum is not finite
   */
  public static BgNbdFit fit(List<CustomerHistory> histories) {
    Objects.requireNonNull(histories, "histories");
    if (histories.isEmpty()) {
      throw new LtvModelException("BG/NBD needs customers to fit, got none");
    }
    if (histories.stream().noneMatch(h -> h.frequency() > 0)) {
      throw new LtvModelException(
          "BG/NBD needs at least one customer with a repeat transaction (frequency >= 1); all "
              + histories.size()
              + " customers bought only once, so purchase and dropout rates are not identified");
    }
    if (histories.stream().allMatch(h -> h.age() == 0)) {
      throw new LtvModelException(
          "BG/NBD needs customers observed for some time; every customer has age 0");
    }
    HistoryTable table = HistoryTable.of(histories, h -> new double[] {h.recency(), h.age()});
    double meanAge = histories.stream().mapToDouble(CustomerHistory::age).average().orElse(1.0);
    double[] start = {1.0, meanAge > 0 ? meanAge : 1.0, 1.0, 1.0};
    double n = table.customers;
    LogParameterOptimizer.Optimum optimum =
        LogParameterOptimizer.minimize(
            p -> -logLikelihood(p[0], p[1], p[2], p[3], table) / n, start, NAMES);
    double[] p = optimum.parameters();
    double ll = logLikelihood(p[0], p[1], p[2], p[3], table);
    if (!Double.isFinite(ll)) {
      throw new LtvModelException("BG/NBD log-likelihood is not finite at the optimum: " + ll);
    }
    return new BgNbdFit(p[0], p[1], p[2], p[3], ll, histories.size());
  }

  /** Log-likelihood of the histories at the given parameters (equation 7). */
  static double logLikelihood(double r, double alpha, double a, double b, List<CustomerHistory> h) {
    HistoryTable table = HistoryTable.of(h, c -> new double[] {c.recency(), c.age()});
    return logLikelihood(r, alpha, a, b, table);
  }

  /**
   * Equation 6 in logs, summed with multiplicities:
   *
   * <pre>
   * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
   *        + ln[ (α+T)^−(r+x) + δ(x&gt;0) a/(b+x−1) (α+t_x)^−(r+x) ]
   * </pre>
   *
   * using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1). The x-only terms are built by the recurrences
   * Γ(r+k+1) = (r+k)Γ(r+k) and B(a, b+k+1)/B(a, b+k) = (b+k)/(a+b+k), once per distinct x instead
   * of once per customer.
   */
  static double logLikelihood(double r, double alpha, double a, double b, HistoryTable t) {
    int maxX = t.maxX;
    double[] xTerm = new double[maxX + 1];
    double acc = 0.0;
    for (int k = 0; k <= maxX; k++) {
      xTerm[k] = acc;
      acc += Math.log(r + k) + Math.log(b + k) - Math.log(a + b + k);
    }
    double rLogAlpha = r * Math.log(alpha);
    double logA = Math.log(a);
    double sum = 0.0;
    for (int i = 0; i < t.x.length; i++) {
      int x = t.x[i];
      double rx = r + x;
      double first = -rx * Math.log(alpha + t.v[i]);
      double row;
      if (x > 0) {
        double second = logA - Math.log(b + x - 1) - rx * Math.log(alpha + t.u[i]);
        row = logSumExp(first, second);
      } else {
        row = first;
      }
      sum += t.weight[i] * (xTerm[x] + rLogAlpha + row);
    }
    return sum;
  }

  /**
   * Probability that a customer with history (x, t<sub>x</sub>, T) is still active at T (Fader,
   * Hardie &amp; Lee, "Computing P(alive) Using the BG/NBD Model", technical note):
   * 1 / (1 + δ(x&gt;0) a/(b+x−1) ((α+T)/(α+t<sub>x</sub>))^(r+x)).
   * It is 1 for x = 0 because in the model customers only drop out right after a repeat purchase.
   */
  public static double probabilityAlive(BgNbdFit fit, double x, double tx, double age) {
    Objects.requireNonNull(fit, "fit");
    checkHistory(x, tx, age);
    double p =
        1.0 / (1.0 + Math.exp(logOddsDead(fit.r(), fit.alpha(), fit.a(), fit.b(), x, tx, age)));
    return requireFinite(p, "probabilityAlive");
  }

  /** {@link #probabilityAlive(BgNbdFit, double, double, double)} for a summarised customer. */
  public static double probabilityAlive(BgNbdFit fit, CustomerHistory h) {
    return probabilityAlive(fit, h.frequency(), h.recency(), h.age());
  }

  /**
   * Expected number of purchases in the next {@code horizon} time units of a customer with history
   * (x, t<sub>x</sub>, T), E[Y(t) | X = x, t<sub>x</sub>, T], equation 10:
   *
   * <pre>
   *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
   *   ─────────────────────────────────────────────────────────────────────────────────
   *              1 + δ(x&gt;0) a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)
   * </pre>
   *
   * With x = t<sub>x</sub> = T = 0 this is equation 9, E[X(t)] for a newly acquired customer.
   *
   * @throws LtvModelException if the expectation is not finite for these parameters
   */
  public static double expectedPurchases(
      BgNbdFit fit, double horizon, double x, double tx, double age) {
    Objects.requireNonNull(fit, "fit");
    checkHistory(x, tx, age);
    if (!(horizon >= 0) || !Double.isFinite(horizon)) {
      throw new IllegalArgumentException("horizon must be finite and >= 0: " + horizon);
    }
    if (horizon == 0) {
      return 0.0;
    }
    double a = fit.a();
    double value;
    // (a−1) in the denominator is a removable singularity of equation 10 (the bracket vanishes
    // too); near it, interpolate linearly between two points on either side.
    double h = 1e-5;
    if (Math.abs(a - 1.0) < h) {
      double below = conditionalExpectation(fit, 1.0 - h, horizon, x, tx, age);
      double above = conditionalExpectation(fit, 1.0 + h, horizon, x, tx, age);
      value = below + (above - below) * (a - (1.0 - h)) / (2 * h);
    } else {
      value = conditionalExpectation(fit, a, horizon, x, tx, age);
    }
    return requireFinite(value, "expectedPurchases");
  }

  /**
   * {@link #expectedPurchases(BgNbdFit, double, double, double, double)} for a summarised
   * customer.
   */
  public static double expectedPurchases(BgNbdFit fit, double horizon, CustomerHistory h) {
    return expectedPurchases(fit, horizon, h.frequency(), h.recency(), h.age());
  }

  private static double conditionalExpectation(
      BgNbdFit fit, double a, double t, double x, double tx, double age) {
    double r = fit.r();
    double alpha = fit.alpha();
    double b = fit.b();
    double rx = r + x;
    double c = a + b + x - 1;
    double z = t / (alpha + age + t);
    Hypergeometric2F1.Result f;
    try {
      f = Hypergeometric2F1.evaluate(rx, b + x, c, z);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new LtvModelException(
          "expected purchases undefined for a=" + a + ", b=" + b + ", x=" + x + ", t=" + t, e);
    }
    double logPower = rx * (Math.log(alpha + age) - Math.log(alpha + age + t));
    double logMagnitude = logPower + f.logAbs();
    // 1 − power·2F1 without cancellation when the product is close to 1 (short horizons)
    double bracket = f.sign() > 0 ? -Math.expm1(logMagnitude) : 1.0 + Math.exp(logMagnitude);
    double numerator = c / (a - 1.0) * bracket;
    double alive = 1.0 / (1.0 + Math.exp(logOddsDead(r, alpha, a, b, x, tx, age)));
    return numerator * alive;
  }

  /** ln[a/(b+x−1) ((α+T)/(α+t_x))^(r+x)], or −∞ for x = 0. */
  private static double logOddsDead(
      double r, double alpha, double a, double b, double x, double tx, double age) {
    if (x == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.log(a)
        - Math.log(b + x - 1)
        + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
  }

  private static void checkHistory(double x, double tx, double age) {
    if (!Double.isFinite(x) || x < 0 || x != Math.rint(x)) {
      throw new IllegalArgumentException("frequency must be a whole number >= 0: " + x);
    }
    if (!Double.isFinite(age) || age < 0) {
      throw new IllegalArgumentException("age must be finite and >= 0: " + age);
    }
    if (!Double.isFinite(tx) || tx < 0 || tx > age) {
      throw new IllegalArgumentException("recency must be in [0, age=" + age + "]: " + tx);
    }
  }

  private static double requireFinite(double value, String what) {
    if (!Double.isFinite(value)) {
      throw new LtvModelException(what + " is not finite (" + value + ") for these parameters");
    }
    return value;
  }

  static double logSumExp(double p, double q) {
    double max = Math.max(p, q);
    return max + Math.log1p(Math.exp(Math.min(p, q) - max));
  }
}
