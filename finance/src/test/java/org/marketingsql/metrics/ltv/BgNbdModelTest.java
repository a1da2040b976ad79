package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgNbdModelTest {
  /** FHL (2005), section 4: estimates on the CDNOW calibration data. */
  private static final BgNbdFit PUBLISHED = new BgNbdFit(0.243, 4.414, 0.793, 2.426, -9582.4, 2357);

  @Test
  void fitReproducesThePublishedCdnowEstimates() {
    BgNbdFit fit = BgNbdModel.fit(CdnowFixture.histories());

    assertEquals(0.243, fit.r(), 0.01);
    assertEquals(4.414, fit.alpha(), 0.01);
    assertEquals(0.793, fit.a(), 0.01);
    assertEquals(2.426, fit.b(), 0.01);
    assertEquals(-9582.4, fit.logLikelihood(), 0.05);
    assertEquals(2357, fit.customers());
  }

  @Test
  void fitReachesTheMaximumOfTheLikelihood() {
    List<CustomerHistory> histories = CdnowFixture.histories();
    BgNbdFit fit = BgNbdModel.fit(histories);
    double best = fit.logLikelihood();
    double[] p = {fit.r(), fit.alpha(), fit.a(), fit.b()};
    for (int i = 0; i < 4; i++) {
      for (double factor : new double[] {0.999, 1.001}) {
        double[] q = p.clone();
        q[i] *= factor;
        assertTrue(BgNbdModel.logLikelihood(q[0], q[1], q[2], q[3], histories) < best);
      }
    }
  }

  @Test
  void expectedPurchasesReproducesThePapersExampleCustomer() {
    // FHL (2005) section 4: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks
    assertEquals(1.226, BgNbdModel.expectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86), 0.0005);
  }

  @Test
  void expectedPurchasesGrowsAtTheRateOfAnActiveCustomerTimesProbabilityAlive() {
    // d/dt E[Y(t)] at t = 0 is P(alive) E[λ | alive] = P(alive) (r+x)/(α+T), since the posterior
    // of λ of an active customer is Gamma(r+x, α+T): an independent check of equation 10
    double x = 3;
    double tx = 20;
    double age = 35;
    double t = 1e-6;
    double slope = BgNbdModel.expectedPurchases(PUBLISHED, t, x, tx, age) / t;
    double expected =
        BgNbdModel.probabilityAlive(PUBLISHED, x, tx, age)
            * (PUBLISHED.r() + x)
            / (PUBLISHED.alpha() + age);
    assertEquals(expected, slope, 1e-5 * expected);
  }

  @Test
  void expectedPurchasesOverAVeryLongHorizonIsTheMeanNumberOfPurchasesBeforeDropout() {
    // with a > 1, an active customer makes E[1/p | x] = (a+b+x−1)/(a−1) more purchases in total
    BgNbdFit fit = new BgNbdFit(0.5, 5.0, 3.0, 2.0, 0.0, 0);
    double x = 2;
    double alive = BgNbdModel.probabilityAlive(fit, x, 10, 20);
    double limit = alive * (fit.a() + fit.b() + x - 1) / (fit.a() - 1);
    assertEquals(limit, BgNbdModel.expectedPurchases(fit, 1e5, x, 10, 20), 1e-4 * limit);
  }

  @Test
  void expectedPurchasesIsContinuousAcrossTheRemovableSingularityAtAEqualsOne() {
    double at = expectedWithA(1.0);
    double below = expectedWithA(0.999);
    double above = expectedWithA(1.001);
    assertTrue(Double.isFinite(at));
    assertEquals((below + above) / 2, at, 1e-4);
  }

  private static double expectedWithA(double a) {
    return BgNbdModel.expectedPurchases(new BgNbdFit(0.3, 4, a, 2.5, 0, 0), 39, 2, 30, 38);
  }

  @Test
  void expectedPurchasesOfANewCustomerIsEquationNine() {
    // E[X(t)] = (a+b−1)/(a−1) [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))]
    double t = 52;
    double r = PUBLISHED.r();
    double alpha = PUBLISHED.alpha();
    double a = PUBLISHED.a();
    double b = PUBLISHED.b();
    double expected =
        (a + b - 1)
            / (a - 1)
            * (1
                - Math.pow(alpha / (alpha + t), r)
                    * Hypergeometric2F1.value(r, b, a + b - 1, t / (alpha + t)));
    assertEquals(expected, BgNbdModel.expectedPurchases(PUBLISHED, t, 0, 0, 0), 1e-12);
  }

  @Test
  void expectedPurchasesOfAZeroHorizonIsZero() {
    assertEquals(0.0, BgNbdModel.expectedPurchases(PUBLISHED, 0, 2, 30.43, 38.86));
  }

  @Test
  void expectedPurchasesIsFiniteForVeryFrequentBuyers() {
    double value = BgNbdModel.expectedPurchases(PUBLISHED, 39, 2000, 38, 38.86);
    assertTrue(Double.isFinite(value) && value > 0, "got " + value);
  }

  @Test
  void probabilityAliveIsOneForACustomerWithoutRepeatPurchases() {
    assertEquals(1.0, BgNbdModel.probabilityAlive(PUBLISHED, 0, 0, 38.86));
  }

  @Test
  void probabilityAliveFollowsTheClosedForm() {
    double x = 2;
    double tx = 30.43;
    double age = 38.86;
    double odds =
        PUBLISHED.a()
            / (PUBLISHED.b() + x - 1)
            * Math.pow((PUBLISHED.alpha() + age) / (PUBLISHED.alpha() + tx), PUBLISHED.r() + x);
    assertEquals(1 / (1 + odds), BgNbdModel.probabilityAlive(PUBLISHED, x, tx, age), 1e-12);
  }

  @Test
  void probabilityAliveFallsAsTheLastPurchaseRecedes() {
    assertTrue(
        BgNbdModel.probabilityAlive(PUBLISHED, 5, 10, 38)
            < BgNbdModel.probabilityAlive(PUBLISHED, 5, 37, 38));
  }

  @Test
  void fitRecoversTheParametersOfAMillionSimulatedCustomers() {
    // not a timed benchmark: it shows a large base fits (the aggregation into distinct
    // (x, t_x, T) rows keeps it to seconds) and that the estimator is consistent
    BgNbdFit truth = new BgNbdFit(0.2426, 4.4136, 0.7929, 2.4259, 0, 0);
    GammaGammaFit spend = new GammaGammaFit(6.25, 3.74, 15.44, 0, 0);
    List<CustomerHistory> histories =
        SyntheticCustomers.generate(1_000_000, 20240601L, truth, spend);

    long start = System.nanoTime();
    BgNbdFit fit = BgNbdModel.fit(histories);
    System.out.printf(
        "BG/NBD fit of %d customers took %d ms: %s%n",
        histories.size(), (System.nanoTime() - start) / 1_000_000, fit);

    assertEquals(truth.r(), fit.r(), 0.05 * truth.r());
    assertEquals(truth.alpha(), fit.alpha(), 0.05 * truth.alpha());
    assertEquals(truth.a(), fit.a(), 0.05 * truth.a());
    assertEquals(truth.b(), fit.b(), 0.05 * truth.b());
  }

  @Test
  void fitRejectsDataWithoutRepeatBuyers() {
    List<CustomerHistory> oneTimers =
        List.of(new CustomerHistory("a", 0, 0, 10, 0), new CustomerHistory("b", 0, 0, 20, 0));
    LtvModelException e = assertThrows(LtvModelException.class, () -> BgNbdModel.fit(oneTimers));
    assertTrue(e.getMessage().contains("repeat"), e.getMessage());
  }

  @Test
  void fitRejectsAnEmptyCustomerList() {
    assertThrows(LtvModelException.class, () -> BgNbdModel.fit(List.of()));
  }

  @Test
  void predictionsRejectARecencyBeyondTheAge() {
    assertThrows(
        IllegalArgumentException.class, () -> BgNbdModel.probabilityAlive(PUBLISHED, 1, 40, 38));
  }
}
