package org.marketingsql.metrics.ltv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Customers simulated from the BG/NBD and Gamma-Gamma generative stories with a fixed seed, in
 * weeks on a day grid like CDNOW: first purchases spread over the first 12 weeks, calibration end
 * on day 272.
 */
final class SyntheticCustomers {
  private static final int END_DAY = 272;
  private static final int COHORT_DAYS = 84;

  private SyntheticCustomers() {}

  static List<CustomerHistory> generate(
      int count, long seed, BgNbdFit purchases, GammaGammaFit spend) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CustomerHistory> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int startDay = random.nextInt(COHORT_DAYS);
      double age = (END_DAY - startDay) / 7.0;
      double lambda = gamma(random, purchases.r()) / purchases.alpha();
      double pa = gamma(random, purchases.a());
      double dropout = pa / (pa + gamma(random, purchases.b()));
      int x = 0;
      double last = 0.0;
      double t = 0.0;
      while (true) {
        t += -Math.log(1.0 - random.nextDouble()) / lambda;
        if (t > age) {
          break;
        }
        x++;
        last = t;
        if (random.nextDouble() < dropout) {
          break;
        }
      }
      double recency = x == 0 ? 0.0 : Math.min(age, Math.floor(last * 7.0) / 7.0);
      double monetary = 0.0;
      if (x > 0) {
        double nu = gamma(random, spend.q()) / spend.gamma();
        // the sum of x Gamma(p, ν) values is Gamma(px, ν)
        monetary = gamma(random, spend.p() * x) / nu / x;
      }
      result.add(new CustomerHistory("c" + i, x, recency, age, monetary));
    }
    return result;
  }

  /** Gamma(shape, rate 1) by Marsaglia and Tsang (2000), boosted for shape &lt; 1. */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1.0) {
      return gamma(random, shape + 1.0) * Math.pow(random.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double z = normal(random);
      double v = 1.0 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  private static double normal(SplittableRandom random) {
    // Box-Muller; one of the pair is enough here
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
