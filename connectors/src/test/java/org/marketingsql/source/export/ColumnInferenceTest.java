package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnInferenceTest {

  private static ColumnSpec infer(String... values) {
    ColumnInference inference = new ColumnInference();
    for (String value : values) {
      inference.accept(value.toCharArray(), 0, value.length());
    }
    return inference.result("c");
  }

  private static ColumnSpec spec(Kind kind, int scale) {
    return new ColumnSpec("c", kind, scale);
  }

  @Test
  void inferSeesTrueAndFalseAsBoolean() {
    assertEquals(spec(Kind.BOOLEAN, 0), infer("true", "FALSE", "", " True "));
  }

  @Test
  void inferSeesWholeNumbersAsBigint() {
    assertEquals(spec(Kind.BIGINT, 0), infer("1", "-20", "0", " 9223372036854775807 "));
  }

  @Test
  void inferSeesLeadingZeroNumbersAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("12", "00123"));
    assertEquals(spec(Kind.VARCHAR, 0), infer("1.5", "01.5"));
  }

  @Test
  void inferSeesNumbersTooLargeForALongAsDecimal() {
    assertEquals(spec(Kind.DECIMAL, 0), infer("1", "92233720368547758070"));
  }

  @Test
  void inferSeesDecimalsWithTheLargestScaleSeen() {
    assertEquals(spec(Kind.DECIMAL, 3), infer("1.5", "2", "-0.125", ""));
  }

  @Test
  void inferSeesMoreThanTwelveDecimalsAsText() {
    assertEquals(spec(Kind.DECIMAL, 12), infer("0.123456789012"));
    assertEquals(spec(Kind.VARCHAR, 0), infer("1.5", "0.1234567890123"));
  }

  @Test
  void inferSeesNumbersWithMoreThan38DigitsAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("1" + "0".repeat(38)));
  }

  @Test
  void inferSeesCommaDecimalsAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("1,5"));
  }

  @Test
  void inferSeesIsoDatesAsDate() {
    assertEquals(spec(Kind.DATE, 0), infer("2024-01-31", "", "2024-02-29"));
  }

  @Test
  void inferSeesOtherDateFormatsAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("2024-01-31", "31.01.2024"));
    assertEquals(spec(Kind.VARCHAR, 0), infer("2023-02-29"));
  }

  @Test
  void inferSeesIsoTimestampsAsTimestamp() {
    assertEquals(spec(Kind.TIMESTAMP, 0), infer("2024-01-31 08:15", "2024-01-31T08:15:00.5"));
  }

  @Test
  void inferSeesDatesMixedWithTimestampsAsTimestamp() {
    assertEquals(spec(Kind.TIMESTAMP, 0), infer("2024-01-31", "2024-01-31 08:15:00", "2024-02-01"));
  }

  @Test
  void inferSeesTimestampsMixedWithTextAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("2024-01-31 08:15", "soon"));
  }

  @Test
  void inferSeesMixedKindsAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer("true", "1"));
    assertEquals(spec(Kind.VARCHAR, 0), infer("1", "2024-01-31"));
  }

  @Test
  void inferSeesAColumnWithoutValuesAsText() {
    assertEquals(spec(Kind.VARCHAR, 0), infer());
    assertEquals(spec(Kind.VARCHAR, 0), infer("", "  "));
  }
}
