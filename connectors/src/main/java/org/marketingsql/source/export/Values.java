package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Hand-written parsers for the values of an export, working on a range {@code [b, e)} of a char array
 * (the record buffer the CSV parser filled, so no string is made for values that are not text).
 *
 * <p>They sit on the hot path of every load, so they use no regex, no formatter and no exceptions:
 * a value that does not parse gives {@code null} (or {@code false}) and the caller reports it.
 */
final class Values {

  /** Digits of {@link Long#MAX_VALUE}; a 19-digit number fits a long when it is not larger. */
  private static final String MAX_LONG_DIGITS = "9223372036854775807";
  /** Digits of {@link Long#MIN_VALUE} without its sign. */
  private static final String MIN_LONG_DIGITS = "9223372036854775808";

  private Values() {}

  /** Index of the first character in {@code [b, e)} that is not whitespace (as {@link String#trim} sees it). */
  static int trimStart(char[] s, int b, int e) {
    while (b < e && s[b] <= ' ') {
      b++;
    }
    return b;
  }

  /** Index after the last character in {@code [b, e)} that is not whitespace. */
  static int trimEnd(char[] s, int b, int e) {
    while (e > b && s[e - 1] <= ' ') {
      e--;
    }
    return e;
  }

  /** {@code true} / {@code false} in any case, otherwise {@code null}. */
  static Boolean parseBoolean(char[] s, int b, int e) {
    int len = e - b;
    if (len == 4 && equalsIgnoreCase(s, b, "true")) {
      return Boolean.TRUE;
    }
    if (len == 5 && equalsIgnoreCase(s, b, "false")) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Whether the characters at {@code b} are {@code word} (lower-case ASCII) in any case. */
  private static boolean equalsIgnoreCase(char[] s, int b, String word) {
    for (int k = 0; k < word.length(); k++) {
      // setting bit 5 lower-cases ASCII letters; the word has only letters, so no other char matches
      if ((s[b + k] | 0x20) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** {@code -?\d+} fitting a long (leading zeros allowed), otherwise {@code null}. */
  static Long parseLong(char[] s, int b, int e) {
    return isLong(s, b, e) ? toLong(s, b, e) : null;
  }

  /** Whether {@code s[b, e)} is an optional minus and digits within the BIGINT range. */
  static boolean isLong(char[] s, int b, int e) {
    int i = b;
    boolean negative = i < e && s[i] == '-';
    if (negative) {
      i++;
    }
    if (e - i <= 0) {
      return false;
    }
    for (int k = i; k < e; k++) {
      if (s[k] < '0' || s[k] > '9') {
        return false;
      }
    }
    // skip leading zeros so their count does not limit the range
    while (i < e - 1 && s[i] == '0') {
      i++;
    }
    int digits = e - i;
    return digits < 19 || digits == 19 && fitsLong(s, i, negative);
  }

  /** The value of {@code s[b, e)}, which {@link #isLong} accepts. */
  static long toLong(char[] s, int b, int e) {
    int i = b;
    boolean negative = s[i] == '-';
    if (negative) {
      i++;
    }
    // accumulate negatively so Long.MIN_VALUE fits
    long value = 0;
    for (; i < e; i++) {
      value = value * 10 - (s[i] - '0');
    }
    return negative ? value : -value;
  }

  private static boolean fitsLong(char[] s, int i, boolean negative) {
    String limit = negative ? MIN_LONG_DIGITS : MAX_LONG_DIGITS;
    for (int k = 0; k < 19; k++) {
      char c = s[i + k];
      char l = limit.charAt(k);
      if (c != l) {
        return c < l;
      }
    }
    return true;
  }

  /**
   * A decimal number with at most {@code scale} decimals, {@code setScale}d to exactly {@code scale}.
   * The caller has checked {@code shape} (scanned from the same range) is a number that fits.
   */
  static BigDecimal toDecimal(char[] s, int b, int e, NumberShape shape, int scale) {
    BigDecimal value;
    if (shape.intDigits + shape.scale <= 18) {
      // common case: the unscaled digits fit a long, which avoids BigDecimal's string parser
      long unscaled = 0;
      int i = shape.negative ? b + 1 : b;
      for (; i < e; i++) {
        char c = s[i];
        if (c != '.') {
          unscaled = unscaled * 10 + (c - '0');
        }
      }
      value = BigDecimal.valueOf(shape.negative ? -unscaled : unscaled, shape.scale);
    } else {
      value = new BigDecimal(s, b, e - b);
    }
    // widening the scale never rounds; the caller rejected values with more decimals
    return value.setScale(scale);
  }

  /** An ISO date {@code yyyy-MM-dd} that exists in the calendar, otherwise {@code null}. */
  static LocalDate parseDate(char[] s, int b, int e) {
    return isDate(s, b, e) ? toDate(s, b) : null;
  }

  /** Whether {@code s[b, e)} is a valid {@code yyyy-MM-dd} date. */
  static boolean isDate(char[] s, int b, int e) {
    return e - b == 10 && isDate(s, b);
  }

  /** The date at {@code b}, which {@link #isDate(char[], int, int)} accepts. */
  static LocalDate toDate(char[] s, int b) {
    return LocalDate.of(digits(s, b, 4), digits(s, b + 5, 2), digits(s, b + 8, 2));
  }

  /**
   * An ISO timestamp {@code yyyy-MM-dd HH:mm[:ss[.fraction]]}, with a space or {@code T} between
   * date and time and up to 9 fraction digits, otherwise {@code null}.
   */
  static LocalDateTime parseTimestamp(char[] s, int b, int e) {
    int len = e - b;
    if (len < 16 || !isDate(s, b)) {
      return null;
    }
    char sep = s[b + 10];
    if (sep != ' ' && sep != 'T' || s[b + 13] != ':') {
      return null;
    }
    int hour = digits(s, b + 11, 2);
    int minute = digits(s, b + 14, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return null;
    }
    int second = 0;
    int nano = 0;
    if (len > 16) {
      if (len < 19 || s[b + 16] != ':') {
        return null;
      }
      second = digits(s, b + 17, 2);
      if (second < 0 || second > 59) {
        return null;
      }
      if (len > 19) {
        int fractionDigits = len - 20;
        if (s[b + 19] != '.' || fractionDigits < 1 || fractionDigits > 9) {
          return null;
        }
        nano = digits(s, b + 20, fractionDigits);
        if (nano < 0) {
          return null;
        }
        for (int k = fractionDigits; k < 9; k++) {
          nano *= 10;
        }
      }
    }
    return LocalDateTime.of(
        digits(s, b, 4), digits(s, b + 5, 2), digits(s, b + 8, 2), hour, minute, second, nano);
  }

  /** Whether the 10 characters at {@code b} are a valid {@code yyyy-MM-dd} date. */
  private static boolean isDate(char[] s, int b) {
    if (s[b + 4] != '-' || s[b + 7] != '-') {
      return false;
    }
    int year = digits(s, b, 4);
    int month = digits(s, b + 5, 2);
    int day = digits(s, b + 8, 2);
    return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** The non-negative number of {@code n} ASCII digits at {@code i}, or -1 if one is not a digit. */
  private static int digits(char[] s, int i, int n) {
    int value = 0;
    for (int k = i; k < i + n; k++) {
      int d = s[k] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
