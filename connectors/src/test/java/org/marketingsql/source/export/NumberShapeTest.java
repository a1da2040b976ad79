package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NumberShapeTest {

  private final NumberShape shape = new NumberShape();

  private boolean scan(String s) {
    return shape.scan(s.toCharArray(), 0, s.length());
  }

  @Test
  void scanCountsDigitsBeforeAndAfterThePoint() {
    assertTrue(scan("-123.4500"));
    assertTrue(shape.negative);
    assertTrue(shape.hasPoint);
    assertEquals(3, shape.intDigits);
    assertEquals(4, shape.scale);
    assertFalse(shape.leadingZero);
  }

  @Test
  void scanSeesLeadingZerosButNotASingleZero() {
    assertTrue(scan("00123"));
    assertTrue(shape.leadingZero);
    assertTrue(scan("0.5"));
    assertFalse(shape.leadingZero);
    assertTrue(scan("0"));
    assertFalse(shape.leadingZero);
  }

  @Test
  void scanRejectsWhatIsNotAPlainDecimalNumber() {
    assertFalse(scan("12,3"));
    assertFalse(scan(".5"));
    assertFalse(scan("5."));
    assertFalse(scan("-"));
    assertFalse(scan("1e5"));
    assertFalse(scan("+1"));
    assertFalse(scan("1.2.3"));
    assertFalse(scan(""));
  }
}
