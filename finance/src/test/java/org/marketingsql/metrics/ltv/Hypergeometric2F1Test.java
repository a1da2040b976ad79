package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Hypergeometric2F1Test {
  @Test
  void matchesTheLogarithmIdentity() {
    // 2F1(1, 1; 2; z) = −ln(1−z)/z
    for (double z : new double[] {-0.9, -0.3, 0.1, 0.5, 0.9, 0.999}) {
      double expected = -Math.log1p(-z) / z;
      assertEquals(expected, Hypergeometric2F1.value(1, 1, 2, z), 1e-12 * expected);
    }
  }

  @Test
  void matchesTheBinomialIdentity() {
    // 2F1(a, b; b; z) = (1−z)^−a
    assertEquals(Math.pow(0.3, -2.7), Hypergeometric2F1.value(2.7, 1.3, 1.3, 0.7), 1e-10);
  }

  @Test
  void matchesTheArcsineIdentity() {
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z
    double z = 0.8;
    assertEquals(Math.asin(z) / z, Hypergeometric2F1.value(0.5, 0.5, 1.5, z * z), 1e-13);
  }

  @Test
  void isAPolynomialWhenAIsANegativeInteger() {
    // 2F1(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    double b = 1.5;
    double c = 2.5;
    double z = 0.4;
    double expected = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
    assertEquals(expected, Hypergeometric2F1.value(-2, b, c, z), 1e-14);
  }

  @Test
  void logValueStaysFiniteWhereTheValueOverflows() {
    // 2F1(a, b; b; z) = (1−z)^−a has logarithm −a ln(1−z) = 2000 ln 2 here, beyond double range
    assertEquals(2000 * Math.log(2), Hypergeometric2F1.logValue(2000, 5, 5, 0.5), 1e-9);
  }

  @Test
  void rejectsArgumentsOutsideTheSeriesDomain() {
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, -2, 0.5));
    assertThrows(
        IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, Double.NaN));
  }
}
