package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LtvModelExceptionTest {
  @Test
  void keepsItsMessageAndCause() {
    ArithmeticException cause = new ArithmeticException("series did not converge");
    LtvModelException e = new LtvModelException("expected purchases undefined", cause);
    assertEquals("expected purchases undefined", e.getMessage());
    assertSame(cause, e.getCause());
  }
}
