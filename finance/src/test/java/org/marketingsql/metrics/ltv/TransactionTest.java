package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TransactionTest {
  @Test
  void rejectsANegativeAmount() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Transaction("a", LocalDate.of(2024, 1, 1), new BigDecimal("-1")));
  }

  @Test
  void rejectsABlankCustomerId() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Transaction(" ", LocalDate.of(2024, 1, 1), BigDecimal.ONE));
  }

  @Test
  void rejectsMissingFields() {
    assertThrows(NullPointerException.class, () -> new Transaction("a", null, BigDecimal.ONE));
  }
}
