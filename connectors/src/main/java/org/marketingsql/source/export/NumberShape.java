package org.marketingsql.source.export;

/**
 * The shape of a number written as {@code -?\d+(\.\d+)?}: how many digits before and after the point.
 *
 * <p>Mutable and reused per column so that scanning millions of cells allocates nothing.
 */
final class NumberShape {

  boolean negative;
  /** Digits before the point. */
  int intDigits;
  /** Digits after the point, 0 without a point. */
  int scale;
  boolean hasPoint;
  /** A zero followed by more integer digits, like {@code 00123}: a code rather than a number. */
  boolean leadingZero;

  /** Scans {@code [b, e)}; returns whether it is a number, and if so fills the fields. */
  boolean scan(char[] s, int b, int e) {
    int i = b;
    negative = i < e && s[i] == '-';
    if (negative) {
      i++;
    }
    int start = i;
    while (i < e && isDigit(s[i])) {
      i++;
    }
    intDigits = i - start;
    if (intDigits == 0) {
      return false;
    }
    leadingZero = intDigits > 1 && s[start] == '0';
    hasPoint = false;
    scale = 0;
    if (i == e) {
      return true;
    }
    if (s[i] != '.') {
      return false;
    }
    hasPoint = true;
    int fractionStart = ++i;
    while (i < e && isDigit(s[i])) {
      i++;
    }
    scale = i - fractionStart;
    return i == e && scale > 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
