package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CustomerHistoryTest {
  @Test
  void acceptsAConsistentHistory() {
    assertDoesNotThrow(() -> new CustomerHistory("a", 2, 30.43, 38.86, 12.5));
  }

  @Test
  void rejectsAFractionalFrequency() {
    assertThrows(IllegalArgumentException.class, () -> new CustomerHistory("a", 1.5, 1, 2, 1));
  }

  @Test
  void rejectsARecencyAfterTheAge() {
    assertThrows(IllegalArgumentException.class, () -> new CustomerHistory("a", 1, 3, 2, 1));
  }

  @Test
  void rejectsARecencyWithoutRepeatPurchases() {
    assertThrows(IllegalArgumentException.class, () -> new CustomerHistory("a", 0, 1, 2, 0));
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThrows(
        IllegalArgumentException.class, () -> new CustomerHistory("a", 1, 1, Double.NaN, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CustomerHistory("a", 1, 1, 2, Double.POSITIVE_INFINITY));
  }
}
