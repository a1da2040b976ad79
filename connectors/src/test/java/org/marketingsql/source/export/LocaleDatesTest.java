package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocaleDatesTest {
  private static final Path FILE = Path.of("report.csv");

  private static LocaleDates decided(Locale locale, String... evidence) throws ExportException {
    LocaleDates dates = new LocaleDates(FILE, locale);
    for (int i = 0; i < evidence.length; i++) {
      dates.observe(evidence[i], i + 4, "Day");
    }
    dates.decide();
    return dates;
  }

  @Test
  void isoNamedAndDottedDatesNeedNoDecision() throws Exception {
    LocaleDates d = decided(null);
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("2025-07-08"));
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("Jul 8, 2025"));
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("July 8, 2025"));
    assertEquals(LocalDate.of(2026, 1, 27), d.parse("27 January 2026"));
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("08.07.2025"));
    assertEquals(LocalDate.of(2025, 7, 1), d.parse("July 2025"));
    assertNull(d.parse("--"));
  }

  @Test
  void theFilesOtherDatesDecideTheOrderOfSlashedDates() throws Exception {
    assertEquals(LocalDate.of(2026, 2, 1), decided(null, "13/01/2026", "01/02/2026").parse("01/02/2026"));
    assertEquals(LocalDate.of(2026, 1, 2), decided(null, "01/13/2026", "01/02/2026").parse("01/02/2026"));
  }

  @Test
  void theLocaleDecidesTheOrderOfSlashedDates() throws Exception {
    assertEquals(LocalDate.of(2026, 1, 2), decided(Locale.US, "01/02/2026").parse("01/02/2026"));
    assertEquals(LocalDate.of(2026, 2, 1), decided(Locale.UK, "01/02/2026").parse("01/02/2026"));
  }

  @Test
  void ambiguousDatesWithoutLocaleAreRefusedNotGuessed() {
    ExportException e = assertThrows(ExportException.class, () -> decided(null, "01/02/2026", "05/05/2026"));
    assertEquals(4, e.line());
    assertEquals("Day", e.column());
  }

  @Test
  void bothOrdersInOneFileAreRefused() {
    ExportException e = assertThrows(ExportException.class, () -> decided(null, "13/01/2026", "01/13/2026"));
    assertTrue(e.getMessage().startsWith("report.csv: mixes date orders"), e.getMessage());
  }

  @Test
  void aSlashedDateAgainstTheOrderIsNotADay() throws Exception {
    LocaleDates d = decided(Locale.US);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.parse("13/01/2026"));
    assertEquals("is not a day of the calendar (read month first, as the source's locale en-US)", e.getMessage());
  }

  @Test
  void reportRangesInUsAndUkWritingAndAllTime() {
    LocaleDates d = new LocaleDates(FILE, null);
    assertArrayEquals(new LocalDate[] {LocalDate.of(2025, 7, 8), LocalDate.of(2025, 7, 31)},
        d.range("July 8, 2025 - July 31, 2025"));
    assertArrayEquals(new LocalDate[] {LocalDate.of(2026, 1, 27), LocalDate.of(2026, 2, 23)},
        d.range("27 January 2026 - 23 February 2026"));
    assertNull(d.range("All time"));
  }

  @Test
  void monthNamesInTheLocalesLanguageAndInEnglish() throws Exception {
    LocaleDates d = decided(Locale.GERMANY);
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("8. Juli 2025"));
    assertEquals(LocalDate.of(2025, 7, 8), d.parse("July 8, 2025"));
    assertEquals(LocalDate.of(2025, 7, 1), d.parse("Juli 2025"));
  }
}
