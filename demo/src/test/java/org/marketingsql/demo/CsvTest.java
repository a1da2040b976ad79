package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvTest {
  private static String decimal(long units, int scale) {
    return Csv.decimal(new StringBuilder(), units, scale).toString();
  }

  @Test
  void decimalsKeepLeadingZerosOfTheFractionAndAFixedScale() {
    assertEquals("0.05", decimal(5, 2));
    assertEquals("1.00", decimal(100, 2));
    assertEquals("123.45", decimal(12_345, 2));
    assertEquals("1.0850", decimal(10_850, 4));
    assertEquals("0.0001", decimal(1, 4));
    assertEquals("-0.50", decimal(-50, 2));
    assertEquals("7", decimal(7, 0));
  }

  @Test
  void textThatWouldNeedQuotingIsRejected() {
    assertEquals("Brand - Search US", Csv.plain("Brand - Search US"));
    assertThrows(IllegalArgumentException.class, () -> Csv.plain("a,b"));
    assertThrows(IllegalArgumentException.class, () -> Csv.plain("say \"hi\""));
    assertThrows(IllegalArgumentException.class, () -> Csv.plain(""));
  }
}
