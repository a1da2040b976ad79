package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Floating-point values in text as PostgreSQL 15 writes them; each expectation is PostgreSQL 15's own output. */
class PgFloatTextTest {
  @ParameterizedTest(name = "{0}::float8 is {1}")
  @CsvSource({"1.0, 1", "0.5, 0.5", "1e20, 1e+20", "1e-5, 1e-05", "123456789012345678, 1.2345678901234568e+17",
      "1e15, 1e+15", "1e16, 1e+16", "123456789012345.6, 123456789012345.6", "0.0001, 0.0001", "0.00012, 0.00012",
      "-0.0, -0", "0, 0", "1.5e300, 1.5e+300", "2.5e-300, 2.5e-300", "12345678.9, 12345678.9", "-42.25, -42.25",
      "0.1, 0.1", "NaN, NaN", "Infinity, Infinity", "-Infinity, -Infinity"})
  void aDoublePrecisionIsWrittenWithItsShortestDigitsAndPostgresqlsExponents(String value, String expected) {
    assertEquals(expected, PgFloatText.ofDouble(Double.parseDouble(value)));
  }

  @ParameterizedTest(name = "{0}::real is {1}")
  @CsvSource({"0.1, 0.1", "1.0, 1", "1e6, 1e+06", "123456, 123456", "1234567, 1.234567e+06", "1e-4, 0.0001",
      "0.00001, 1e-05", "-3.5, -3.5"})
  void aRealIsWrittenWithItsOwnShortestDigitsNotThoseOfTheDoubleItWidensTo(String value, String expected) {
    assertEquals(expected, PgFloatText.ofReal(Float.parseFloat(value)));
  }
}
