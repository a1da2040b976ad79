package org.marketingsql.metrics.ltv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Minimises a negative log-likelihood over the logarithms of strictly positive parameters.
 *
 * <p>Working on logs turns the positivity constraints into a box that is never active at an
 * interior optimum and makes the problem better scaled (r and a are typically below 1 while α is in
 * the tens). BOBYQA does the global approach; a Nelder-Mead pass from its answer and a second
 * BOBYQA pass polish the optimum so that published estimates are reproduced to all printed digits.
 */
final class LogParameterOptimizer {
  /** log-parameters are confined to [−LOG_BOUND, LOG_BOUND], i.e. about [1e-13, 1e13]. */
  static final double LOG_BOUND = 30.0;

  /** An optimum this close to the box edge means the parameter ran away: not identified. */
  private static final double EDGE = 1.0;

  private static final int MAX_EVALUATIONS = 20_000;

  private LogParameterOptimizer() {}

  /** Result: the parameters (not their logs) and the minimised objective. */
  record Optimum(double[] parameters, double value) {}

  /**
   * @param objective value to minimise as a function of the parameters themselves
   * @param start starting parameters, all &gt; 0; at least two (BOBYQA's minimum dimension)
   * @param names parameter names for error messages
   */
  static Optimum minimize(ToDoubleFunction<double[]> objective, double[] start, String[] names) {
    int n = start.length;
    if (n < 2 || names.length != n) {
      throw new IllegalArgumentException(
          "need at least two parameters, each named: " + n + " values, " + names.length + " names");
    }
    ObjectiveFunction f =
        new ObjectiveFunction(
            logs -> {
              double[] p = new double[n];
              for (int i = 0; i < n; i++) {
                p[i] = Math.exp(logs[i]);
              }
              double value = objective.applyAsDouble(p);
              // the optimisers need finite values; a huge one steers them away from the region
              return Double.isFinite(value) ? value : 1e100;
            });
    double[] lower = new double[n];
    double[] upper = new double[n];
    double[] guess = new double[n];
    double[] steps = new double[n];
    Arrays.fill(lower, -LOG_BOUND);
    Arrays.fill(upper, LOG_BOUND);
    Arrays.fill(steps, 0.2);
    for (int i = 0; i < n; i++) {
      if (!(start[i] > 0) || !Double.isFinite(start[i])) {
        throw new IllegalArgumentException("start value of " + names[i] + " must be > 0");
      }
      guess[i] = Math.max(-LOG_BOUND + EDGE, Math.min(LOG_BOUND - EDGE, Math.log(start[i])));
    }
    // Each stage may fail on awkward surfaces (BOBYQA stops when a flat likelihood no longer
    // reduces its quadratic model, typically when a parameter runs off to the box edge). Keep the
    // best point any stage reached, so such data are reported as not identified below instead of
    // as an optimiser failure; only if every stage fails is the optimiser error passed on.
    PointValuePair best = null;
    MathRuntimeException failure = null;
    try {
      best = bobyqa(f, guess, lower, upper, n);
    } catch (MathRuntimeException e) {
      failure = e;
    }
    try {
      PointValuePair nm =
          new SimplexOptimizer(1e-15, 1e-15)
              .optimize(
                  new MaxEval(MAX_EVALUATIONS),
                  f,
                  GoalType.MINIMIZE,
                  new InitialGuess(best != null ? best.getPoint() : guess),
                  new NelderMeadSimplex(steps));
      best = better(best, nm);
    } catch (MathRuntimeException e) {
      failure = e;
    }
    if (best == null) {
      throw new LtvModelException(
          "maximum-likelihood fit did not converge: " + failure.getMessage(), failure);
    }
    try {
      double[] clamped = best.getPoint().clone();
      for (int i = 0; i < n; i++) {
        clamped[i] = Math.max(-LOG_BOUND + 0.5, Math.min(LOG_BOUND - 0.5, clamped[i]));
      }
      best = better(best, bobyqa(f, clamped, lower, upper, n));
    } catch (MathRuntimeException e) {
      // polishing is optional: the Nelder-Mead point stands
    }
    double[] logs = best.getPoint();
    double[] params = new double[n];
    for (int i = 0; i < n; i++) {
      if (Math.abs(logs[i]) > LOG_BOUND - EDGE) {
        throw new LtvModelException(
            "parameter "
                + names[i]
                + " diverged to "
                + Math.exp(logs[i])
                + ": the data do not identify the model (too few or too uniform customers)");
      }
      params[i] = Math.exp(logs[i]);
    }
    if (!Double.isFinite(best.getValue()) || best.getValue() >= 1e100) {
      throw new LtvModelException("likelihood is not finite at the optimum: data not usable");
    }
    return new Optimum(params, best.getValue());
  }

  private static PointValuePair better(PointValuePair current, PointValuePair candidate) {
    if (current == null) {
      return candidate;
    }
    return candidate.getValue() <= current.getValue() ? candidate : current;
  }

  private static PointValuePair bobyqa(
      ObjectiveFunction f, double[] guess, double[] lower, double[] upper, int n) {
    return new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-10)
        .optimize(
            new MaxEval(MAX_EVALUATIONS),
            f,
            GoalType.MINIMIZE,
            new InitialGuess(guess),
            new SimpleBounds(lower, upper));
  }
}
