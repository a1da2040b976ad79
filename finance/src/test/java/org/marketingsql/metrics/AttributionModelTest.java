package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionModelTest {
  private static final LocalDate ORDER = LocalDate.of(2025, 3, 10);
  private static final List<LocalDate> FOUR = List.of(ORDER.minusDays(6), ORDER.minusDays(4), ORDER.minusDays(2), ORDER);

  @Test
  void positionBasedSharesTwentyPercentAmongTheMiddleTouches() {
    assertArrayEquals(new double[] {0.4, 0.1, 0.1, 0.4}, AttributionModel.POSITION_BASED.weights(FOUR, ORDER, null), 1e-15);
    assertArrayEquals(new double[] {1}, AttributionModel.POSITION_BASED.weights(List.of(ORDER), ORDER, null));
  }

  @Test
  void timeDecayWeightsHalveEveryHalfLifeAndSumToOne() {
    // 2^-3, 2^-2, 2^-1, 1 over their sum 15/8
    assertArrayEquals(new double[] {1 / 15.0, 2 / 15.0, 4 / 15.0, 8 / 15.0},
        AttributionModel.TIME_DECAY.weights(FOUR, ORDER, 2.0), 1e-15);
  }

  @Test
  void firstLastAndLinearWeights() {
    assertArrayEquals(new double[] {1, 0, 0, 0}, AttributionModel.FIRST_TOUCH.weights(FOUR, ORDER, null));
    assertArrayEquals(new double[] {0, 0, 0, 1}, AttributionModel.LAST_TOUCH.weights(FOUR, ORDER, null));
    assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, AttributionModel.LINEAR.weights(FOUR, ORDER, null));
  }

  @Test
  void ofReadsSqlNamesAndListsTheKnownOnesOtherwise() {
    assertEquals(AttributionModel.TIME_DECAY, AttributionModel.of("time_decay"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttributionModel.of("u_shaped"));
    assertEquals("unknown attribution model 'u_shaped'; known models: [first_touch, last_touch, linear, time_decay,"
        + " position_based]", e.getMessage());
  }
}
