package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocaleNumbersTest {
  private static final Path FILE = Path.of("report.csv");

  private static LocaleNumbers decided(Locale locale, String... evidence) throws ExportException {
    LocaleNumbers numbers = new LocaleNumbers(FILE, locale);
    for (int i = 0; i < evidence.length; i++) {
      numbers.observe(evidence[i], i + 2, "Cost");
    }
    numbers.decide();
    return numbers;
  }

  @Test
  void decimalPointNumbersWithThousandsCurrencyAndParentheses() throws Exception {
    LocaleNumbers n = decided(null, "1,234.56");
    assertEquals(new BigDecimal("14117313"), n.parse("14,117,313"));
    assertEquals(new BigDecimal("1234.56"), n.parse("$1,234.56"));
    assertEquals(new BigDecimal("-12.50"), n.parse("(12.50)"));
    assertEquals(new BigDecimal("-12.50"), n.parse("-$12.50"));
    assertEquals(new BigDecimal("5"), n.parse("USD 5"));
    assertEquals(new BigDecimal("0.5"), n.parse("0.5"));
  }

  @Test
  void decimalCommaNumbersWithDotThousandsAndEuroSign() throws Exception {
    LocaleNumbers n = decided(null, "12,50");
    assertEquals(new BigDecimal("1234.56"), n.parse("1.234,56"));
    assertEquals(new BigDecimal("1234.56"), n.parse("1.234,56 €"));
    assertEquals(new BigDecimal("1234.56"), n.parse("1 234,56"));
    assertEquals(new BigDecimal("1000"), n.parse("1.000"));
  }

  @Test
  void dashesAndEmptyCellsAreNothing() throws Exception {
    LocaleNumbers n = decided(null);
    assertNull(n.parse("--"));
    assertNull(n.parse(""));
    assertNull(n.parse(null));
  }

  @Test
  void theLocaleDecidesWhatTheFileCannot() throws Exception {
    assertEquals(new BigDecimal("1234"), decided(Locale.US, "1,234").parse("1,234"));
    assertEquals(new BigDecimal("1.234"), decided(Locale.GERMANY, "1,234").parse("1,234"));
  }

  @Test
  void onlyAmbiguousNumbersAndNoLocaleIsRefused() {
    ExportException e = assertThrows(ExportException.class, () -> decided(null, "1,234", "12"));
    assertEquals("report.csv line 2, column Cost: '1,234' could be a whole number with a thousands separator or a"
        + " decimal, and no other number in the file tells which; set the source's locale (e.g. en-US or de-DE)",
        e.getMessage());
  }

  @Test
  void mixedConventionsAreRefused() {
    ExportException e = assertThrows(ExportException.class, () -> decided(null, "1,234.50", "12,50"));
    assertTrue(e.getMessage().startsWith("report.csv: mixes number formats"), e.getMessage());
  }

  @Test
  void valuesThatBreakTheFilesConventionAreNotNumbers() throws Exception {
    LocaleNumbers n = decided(null, "1,234.56");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.parse("12,50"));
    assertEquals("is not a number written with a decimal point (as the rest of the file)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> n.parse("< 10%"));
    assertThrows(IllegalArgumentException.class, () -> n.parse("1,23,456"));
  }

  @Test
  void evidenceKnowsWhichSeparatorCanOnlyBeADecimal() {
    assertEquals(LocaleNumbers.Convention.DECIMAL_COMMA, LocaleNumbers.evidence("0,500"));
    assertEquals(LocaleNumbers.Convention.DECIMAL_COMMA, LocaleNumbers.evidence("1.234.567"));
    assertEquals(LocaleNumbers.Convention.DECIMAL_POINT, LocaleNumbers.evidence("1234.567"));
    assertNull(LocaleNumbers.evidence("1,234"));
    assertNull(LocaleNumbers.evidence("12"));
  }
}
