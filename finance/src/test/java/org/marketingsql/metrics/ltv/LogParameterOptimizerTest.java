package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogParameterOptimizerTest {
  @Test
  void findsTheMinimumOfASmoothFunctionOfPositiveParameters() {
    LogParameterOptimizer.Optimum optimum =
        LogParameterOptimizer.minimize(
            p -> Math.pow(Math.log(p[0] / 0.25), 2) + Math.pow(Math.log(p[1] / 40.0), 2),
            new double[] {1, 1},
            new String[] {"u", "v"});
    assertEquals(0.25, optimum.parameters()[0], 1e-6);
    assertEquals(40.0, optimum.parameters()[1], 1e-4);
  }

  @Test
  void reportsAParameterThatRunsAwayAsNotIdentified() {
    LtvModelException e =
        assertThrows(
            LtvModelException.class,
            () ->
                LogParameterOptimizer.minimize(
                    p -> 1.0 / (1.0 + p[0]) + Math.pow(Math.log(p[1]), 2),
                    new double[] {1, 1},
                    new String[] {"u", "v"}));
    assertEquals(true, e.getMessage().contains("u diverged"), e.getMessage());
  }
}
