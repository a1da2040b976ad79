package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static Long parseLong(String s) {
    return Values.parseLong(s.toCharArray(), 0, s.length());
  }

  private static Boolean parseBoolean(String s) {
    return Values.parseBoolean(s.toCharArray(), 0, s.length());
  }

  private static LocalDate parseDate(String s) {
    return Values.parseDate(s.toCharArray(), 0, s.length());
  }

  private static LocalDateTime parseTimestamp(String s) {
    return Values.parseTimestamp(s.toCharArray(), 0, s.length());
  }

  private static BigDecimal toDecimal(String s, int scale) {
    char[] chars = s.toCharArray();
    NumberShape shape = new NumberShape();
    shape.scan(chars, 0, chars.length);
    return Values.toDecimal(chars, 0, chars.length, shape, scale);
  }

  @Test
  void trimFindsTheRangeWithoutSurroundingWhitespace() {
    char[] s = "x \t ab c \ry".toCharArray();
    int b = Values.trimStart(s, 1, s.length - 1);
    assertEquals("ab c", new String(s, b, Values.trimEnd(s, b, s.length - 1) - b));
    char[] blank = "   ".toCharArray();
    assertEquals(3, Values.trimStart(blank, 0, 3));
    assertEquals(3, Values.trimEnd(blank, 3, 3));
  }

  @Test
  void parseBooleanIgnoresCaseAndRejectsOtherWords() {
    assertEquals(Boolean.TRUE, parseBoolean("TRUE"));
    assertEquals(Boolean.TRUE, parseBoolean("tRuE"));
    assertEquals(Boolean.FALSE, parseBoolean("False"));
    assertNull(parseBoolean("yes"));
    assertNull(parseBoolean("1"));
    assertNull(parseBoolean("trux"));
    assertNull(parseBoolean("falsy"));
  }

  @Test
  void parseLongCoversTheWholeRangeAndNoMore() {
    assertEquals(Long.MAX_VALUE, parseLong("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, parseLong("-9223372036854775808"));
    assertNull(parseLong("9223372036854775808"));
    assertNull(parseLong("-9223372036854775809"));
    assertNull(parseLong("12345678901234567890"));
  }

  @Test
  void parseLongAcceptsLeadingZerosAndRejectsEverythingElse() {
    assertEquals(123L, parseLong("00123"));
    assertEquals(0L, parseLong("-0"));
    assertEquals(-42L, parseLong("-42"));
    assertNull(parseLong("-"));
    assertNull(parseLong("+1"));
    assertNull(parseLong("1.0"));
    assertNull(parseLong("1e3"));
    assertNull(parseLong("12a"));
    assertNull(parseLong("92233720368547758x7"));
  }

  @Test
  void toDecimalHasExactlyTheRequestedScale() {
    assertEquals(new BigDecimal("12.50"), toDecimal("12.5", 2));
    assertEquals(new BigDecimal("-3.000"), toDecimal("-3", 3));
    assertEquals(new BigDecimal("12345678901234567890123.456789"), toDecimal("12345678901234567890123.456789", 6));
    assertEquals(new BigDecimal("-0.10"), toDecimal("-0.1", 2));
  }

  @Test
  void parseDateReadsIsoDatesThatExist() {
    assertEquals(LocalDate.of(2024, 2, 29), parseDate("2024-02-29"));
    assertNull(parseDate("2023-02-29"));
    assertNull(parseDate("1900-02-29"));
    assertEquals(LocalDate.of(2000, 2, 29), parseDate("2000-02-29"));
    assertNull(parseDate("2024-04-31"));
    assertNull(parseDate("2024-13-01"));
    assertNull(parseDate("2024-00-10"));
    assertNull(parseDate("31.01.2024"));
    assertNull(parseDate("2024/01/31"));
    assertNull(parseDate("2024-1-31"));
  }

  @Test
  void parseTimestampReadsMinutesSecondsAndFractions() {
    assertEquals(LocalDateTime.of(2024, 1, 31, 8, 15), parseTimestamp("2024-01-31 08:15"));
    assertEquals(LocalDateTime.of(2024, 1, 31, 8, 15, 59), parseTimestamp("2024-01-31T08:15:59"));
    assertEquals(LocalDateTime.of(2024, 1, 31, 8, 15, 59, 120_000_000), parseTimestamp("2024-01-31 08:15:59.12"));
    assertEquals(LocalDateTime.of(2024, 1, 31, 8, 15, 59, 123_456_789), parseTimestamp("2024-01-31 08:15:59.123456789"));
  }

  @Test
  void parseTimestampRejectsWhatIsNotAnIsoTimestamp() {
    assertNull(parseTimestamp("2024-01-31"));
    assertNull(parseTimestamp("2024-01-31 24:00"));
    assertNull(parseTimestamp("2024-01-31 23:60"));
    assertNull(parseTimestamp("2024-01-31 08:15:"));
    assertNull(parseTimestamp("2024-01-31 08:15:5"));
    assertNull(parseTimestamp("2024-01-31 08:15:59."));
    assertNull(parseTimestamp("2024-01-31 08:15:59.1234567891"));
    assertNull(parseTimestamp("2024-01-31 08:15:59Z"));
    assertNull(parseTimestamp("2024-01-31x08:15"));
    assertNull(parseTimestamp("2024-02-30 08:15"));
  }
}
