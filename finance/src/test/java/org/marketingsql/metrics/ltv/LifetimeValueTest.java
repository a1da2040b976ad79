package org.marketingsql.metrics.ltv;

import org.junit.jupiter.api.Test;
import org.marketingsql.config.LtvTimeUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class LifetimeValueTest {
  /** The published CDNOW estimates (weeks). */
  private static final BgNbdFit PURCHASES = new BgNbdFit(0.243, 4.414, 0.793, 2.426, 0, 0);
  private static final GammaGammaFit SPEND = new GammaGammaFit(6.25, 3.74, 15.44, 0, 0);
  private static final CustomerHistory REGULAR = new CustomerHistory("c", 4, 30, 38, 20);

  @Test
  void twelveMonthsInWeeksAreAJulianYearOfWeeks() {
    LifetimeValue ltv = new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 0, 1);
    assertEquals(365.25 / 7, ltv.horizon(12), 1e-12);
  }

  @Test
  void withoutDiscountingItIsExpectedPurchasesTimesExpectedOrderValueTimesMargin() {
    LifetimeValue ltv = new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 0, 0.5);
    double purchases = BgNbdModel.expectedPurchases(PURCHASES, 365.25 / 7, REGULAR);
    double orderValue = GammaGammaModel.expectedOrderValue(SPEND, REGULAR);
    assertEquals(purchases * orderValue * 0.5, ltv.predictedMargin(REGULAR, 12), 1e-9);
  }

  @Test
  void oneMonthIsDiscountedByATwelfthOfAYear() {
    LifetimeValue ltv = new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 0.1, 1);
    double firstMonth = BgNbdModel.expectedPurchases(PURCHASES, 365.25 / 12 / 7, REGULAR);
    assertEquals(firstMonth / Math.pow(1.1, 1 / 12.0), ltv.discountedPurchases(REGULAR, 1), 1e-12);
  }

  @Test
  void discountingAYearLosesLessThanTheAnnualRate() {
    double undiscounted = new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 0, 1).discountedPurchases(REGULAR, 12);
    double discounted = new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 0.1, 1).discountedPurchases(REGULAR, 12);
    assertTrue(discounted < undiscounted && discounted > undiscounted / 1.1, discounted + " vs " + undiscounted);
  }

  @Test
  void constructorRefusesADiscountRateOfOneOrMore() {
    assertThrows(IllegalArgumentException.class, () -> new LifetimeValue(PURCHASES, SPEND, LtvTimeUnit.WEEK, 1, 1));
  }
}
