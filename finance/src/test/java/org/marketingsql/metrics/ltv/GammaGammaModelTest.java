package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GammaGammaModelTest {
  @Test
  void fitReproducesTheLifetimesEstimatesOnCdnowRepeatCustomers() {
    // lifetimes documentation: GammaGammaFitter on the CDNOW calibration data, 946 subjects
    GammaGammaFit fit = GammaGammaModel.fit(CdnowFixture.histories());

    assertEquals(6.25, fit.p(), 0.01);
    assertEquals(3.74, fit.q(), 0.01);
    assertEquals(15.44, fit.gamma(), 0.01);
    assertEquals(946, fit.customers());
  }

  @Test
  void expectedOrderValueIsTheClosedFormWeightedAverage() {
    GammaGammaFit fit = new GammaGammaFit(6.25, 3.74, 15.44, 0, 0);
    double x = 3;
    double m = 40;
    double populationMean = fit.p() * fit.gamma() / (fit.q() - 1);
    double weight = fit.p() * x / (fit.p() * x + fit.q() - 1);
    assertEquals(
        (1 - weight) * populationMean + weight * m,
        GammaGammaModel.expectedOrderValue(fit, x, m),
        1e-12);
  }

  @Test
  void expectedOrderValueWithoutRepeatPurchasesIsThePopulationMean() {
    GammaGammaFit fit = new GammaGammaFit(6.25, 3.74, 15.44, 0, 0);
    assertEquals(6.25 * 15.44 / 2.74, GammaGammaModel.expectedOrderValue(fit, 0, 0), 1e-12);
  }

  @Test
  void expectedOrderValueRejectsQAtMostOne() {
    GammaGammaFit fit = new GammaGammaFit(6.25, 0.9, 15.44, 0, 0);
    LtvModelException e =
        assertThrows(LtvModelException.class, () -> GammaGammaModel.expectedOrderValue(fit, 2, 30));
    assertTrue(e.getMessage().contains("q > 1"), e.getMessage());
  }

  @Test
  void fitIgnoresCustomersWithoutRepeatPurchases() {
    List<CustomerHistory> histories = CdnowFixture.histories();
    GammaGammaFit all = GammaGammaModel.fit(histories);
    GammaGammaFit repeatOnly =
        GammaGammaModel.fit(histories.stream().filter(h -> h.frequency() > 0).toList());
    assertEquals(repeatOnly, all);
  }

  @Test
  void fitRecoversTheParametersOfAMillionSimulatedCustomers() {
    GammaGammaFit truth = new GammaGammaFit(6.25, 3.74, 15.44, 0, 0);
    BgNbdFit purchases = new BgNbdFit(0.2426, 4.4136, 0.7929, 2.4259, 0, 0);
    List<CustomerHistory> histories = SyntheticCustomers.generate(1_000_000, 7L, purchases, truth);

    long start = System.nanoTime();
    GammaGammaFit fit = GammaGammaModel.fit(histories);
    System.out.printf(
        "Gamma-Gamma fit of %d repeat customers took %d ms: %s%n",
        fit.customers(), (System.nanoTime() - start) / 1_000_000, fit);

    assertEquals(truth.p(), fit.p(), 0.05 * truth.p());
    assertEquals(truth.q(), fit.q(), 0.05 * truth.q());
    assertEquals(truth.gamma(), fit.gamma(), 0.05 * truth.gamma());
  }

  @Test
  void fitRejectsDataWithoutRepeatBuyers() {
    List<CustomerHistory> oneTimers = List.of(new CustomerHistory("a", 0, 0, 10, 0));
    LtvModelException e =
        assertThrows(LtvModelException.class, () -> GammaGammaModel.fit(oneTimers));
    assertTrue(e.getMessage().contains("repeat"), e.getMessage());
  }

  @Test
  void fitRejectsRepeatBuyersWithZeroSpend() {
    List<CustomerHistory> histories =
        List.of(new CustomerHistory("a", 2, 5, 10, 0), new CustomerHistory("b", 1, 3, 10, 20));
    assertThrows(LtvModelException.class, () -> GammaGammaModel.fit(histories));
  }
}
