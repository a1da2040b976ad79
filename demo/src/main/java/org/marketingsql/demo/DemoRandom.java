package org.marketingsql.demo;

import java.util.SplittableRandom;

/**
 * Random draws for the demo company built only on {@link SplittableRandom#nextLong()} and
 * {@link StrictMath}, because those two are specified bit-for-bit: the convenience methods of
 * {@code RandomGenerator} (nextInt(bound), nextGaussian, ...) and {@code Math.log/exp} may change
 * between JDK releases or CPUs, and the demo files must never change.
 */
final class DemoRandom {
  private final SplittableRandom random;

  DemoRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  long nextLong() {
    return random.nextLong();
  }

  /** Uniform in [0, 1) with 53 random bits. */
  double uniform() {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound); the tiny modulo bias is irrelevant for demo data. */
  int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Long.remainderUnsigned(random.nextLong(), bound);
  }

  boolean chance(double probability) {
    return uniform() < probability;
  }

  /** Standard normal by Box-Muller; wasteful (one value per two uniforms) but stateless. */
  double gaussian() {
    double u1 = 1.0 - uniform(); // (0, 1] so the log is finite
    double u2 = uniform();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** Log-normal multiplier with median 1, used for day-to-day noise. */
  double noise(double sigma) {
    return StrictMath.exp(sigma * gaussian());
  }

  /** Exponential waiting time with the given rate (events per unit). */
  double exponential(double rate) {
    return -StrictMath.log(1.0 - uniform()) / rate;
  }

  /** Poisson count; Knuth's product method is fine for the small means used here (< 50). */
  int poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      // normal approximation keeps the loop short for large means
      return (int) Math.max(0, StrictMath.round(mean + StrictMath.sqrt(mean) * gaussian()));
    }
    double limit = StrictMath.exp(-mean);
    double product = uniform();
    int count = 0;
    while (product > limit) {
      count++;
      product *= uniform();
    }
    return count;
  }

  /** Gamma(shape, scale=1) by Marsaglia-Tsang, with the usual boost for shape below one. */
  double gamma(double shape) {
    if (shape <= 0) {
      throw new IllegalArgumentException("shape must be positive: " + shape);
    }
    if (shape < 1) {
      double u = 1.0 - uniform();
      return gamma(shape + 1) * StrictMath.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x = gaussian();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - uniform();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return d * v;
      }
    }
  }

  /** Beta(a, b) from two gammas. */
  double beta(double a, double b) {
    double x = gamma(a);
    double y = gamma(b);
    return x / (x + y);
  }
}
