package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads numbers as ad platforms write them for people: thousands separators ({@code "14,117,313"},
 * {@code 1.234,56}, {@code 1 234,56}), currency symbols and codes ({@code $12.00}, {@code 12,00 €},
 * {@code USD 5}), negatives with a minus or in parentheses ({@code (12.50)}), and {@code --} or an empty
 * cell for "nothing".
 *
 * <p>Whether {@code ,} or {@code .} is the decimal separator is decided once per file, never per value:
 * by the source's configured locale, otherwise by the file's own unambiguous values (seen in a first
 * pass through {@link #observe}). {@code 1,234} alone could be either, so a file holding only such
 * values, or holding both conventions, is refused with a message saying to set the locale.
 */
final class LocaleNumbers {

  /** Which character separates the decimals. */
  enum Convention {
    DECIMAL_POINT('.', ','),
    DECIMAL_COMMA(',', '.');

    final char decimal;
    final char grouping;

    Convention(char decimal, char grouping) {
      this.decimal = decimal;
      this.grouping = grouping;
    }
  }

  private final Path file;
  private final Locale locale;
  private Convention convention;
  /** Evidence from the first pass: the first value proving each convention, and the first ambiguous one. */
  private Evidence point;
  private Evidence comma;
  private Evidence ambiguous;

  private record Evidence(long line, String column, String value) {}

  /**
   * @param file the export, for messages
   * @param locale the source's configured locale, or null to decide from the file's values
   */
  LocaleNumbers(Path file, Locale locale) {
    this.file = Objects.requireNonNull(file, "file");
    this.locale = locale;
    if (locale != null) {
      convention = DecimalFormatSymbols.getInstance(locale).getDecimalSeparator() == ',' ? Convention.DECIMAL_COMMA
          : Convention.DECIMAL_POINT;
    }
  }

  /** First pass: notes which convention {@code raw} proves, if any. Values that are not numbers are ignored here. */
  void observe(String raw, long line, String column) {
    String digits = raw == null ? null : digits(raw);
    if (digits == null) {
      return;
    }
    Convention proven = evidence(digits);
    Evidence here = new Evidence(line, column, raw.trim());
    if (proven == Convention.DECIMAL_POINT && point == null) {
      point = here;
    } else if (proven == Convention.DECIMAL_COMMA && comma == null) {
      comma = here;
    } else if (proven == null && ambiguous == null && (digits.indexOf(',') >= 0 || digits.indexOf('.') >= 0)) {
      ambiguous = here;
    }
  }

  /**
   * Ends the first pass: fixes the convention.
   *
   * @throws ExportException when the file mixes conventions, or has only ambiguous values and no locale
   */
  void decide() throws ExportException {
    if (convention != null) {
      return;
    }
    if (point != null && comma != null) {
      throw ExportException.ofFile(file, "mixes number formats: '" + point.value + "' (line " + point.line + ", column "
          + point.column + ") has a decimal point, '" + comma.value + "' (line " + comma.line + ", column "
          + comma.column + ") a decimal comma; set the source's locale (e.g. en-US or de-DE) to say which", null);
    }
    if (point == null && comma == null && ambiguous != null) {
      throw ExportException.ofValue(file, ambiguous.line, ambiguous.column, ambiguous.value,
          "could be a whole number with a thousands separator or a decimal, and no other number in the file "
              + "tells which; set the source's locale (e.g. en-US or de-DE)");
    }
    convention = comma != null ? Convention.DECIMAL_COMMA : Convention.DECIMAL_POINT;
  }

  /**
   * Second pass: the value of {@code raw}, or null when the cell says "nothing" (empty, {@code --}).
   *
   * @throws IllegalArgumentException with the problem, when {@code raw} is not a number in the file's convention
   */
  BigDecimal parse(String raw) {
    if (convention == null) {
      throw new IllegalStateException("decide() first");
    }
    if (raw == null || isNothing(raw.trim())) {
      return null;
    }
    String text = raw.trim();
    boolean negative = false;
    if (text.startsWith("(") && text.endsWith(")")) {
      negative = true;
      text = text.substring(1, text.length() - 1);
    }
    String digits = digits(text);
    if (digits == null) {
      throw new IllegalArgumentException("is not a number");
    }
    if (digits.startsWith("-")) {
      if (negative) {
        throw new IllegalArgumentException("is not a number (two minus signs)");
      }
      negative = true;
      digits = digits.substring(1);
    }
    StringBuilder plain = new StringBuilder(digits.length());
    int groupDigits = -1; // digits since the last grouping separator; -1 before the first
    int leadDigits = 0;
    boolean fraction = false;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c >= '0' && c <= '9') {
        plain.append(c);
        if (!fraction) {
          if (groupDigits >= 0) {
            groupDigits++;
          } else {
            leadDigits++;
          }
        }
      } else if (c == convention.decimal && !fraction) {
        if (groupDigits >= 0 && groupDigits != 3) {
          throw new IllegalArgumentException(notInFormat());
        }
        fraction = true;
        plain.append('.');
      } else if ((c == convention.grouping || c == ' ' || c == '\'') && !fraction) {
        if (leadDigits == 0 || leadDigits > 3 && groupDigits < 0 || groupDigits >= 0 && groupDigits != 3) {
          throw new IllegalArgumentException(notInFormat());
        }
        groupDigits = 0;
      } else {
        throw new IllegalArgumentException(notInFormat());
      }
    }
    if (groupDigits >= 0 && groupDigits != 3 && !fraction || plain.length() == 0 || plain.charAt(plain.length() - 1) == '.'
        || plain.charAt(0) == '.') {
      throw new IllegalArgumentException(notInFormat());
    }
    BigDecimal value = new BigDecimal(plain.toString());
    return negative ? value.negate() : value;
  }

  private String notInFormat() {
    return "is not a number written with a decimal " + (convention == Convention.DECIMAL_POINT ? "point" : "comma")
        + (locale != null ? " (the source's locale " + locale.toLanguageTag() + ")" : " (as the rest of the file)");
  }

  /** Whether a cell means "no value": platforms write {@code --} or leave it empty. */
  static boolean isNothing(String trimmed) {
    return trimmed.isEmpty() || trimmed.equals("--") || trimmed.equals("-") || trimmed.equals("\u2014");
  }

  /**
   * The number part of a cell: currency symbols and 3-letter codes, and spaces around them, removed;
   * a leading minus kept (also one written before the symbol); null when a character is left that no
   * number has.
   */
  private static String digits(String raw) {
    String s = raw.trim().replace('\u2212', '-').replace('\u00A0', ' ').replace('\u202F', ' ');
    boolean minus = false;
    boolean changed = true;
    while (changed && !s.isEmpty()) {
      changed = false;
      if (s.charAt(0) == '-' && s.length() > 1 && !Character.isDigit(s.charAt(1))) {
        minus = !minus;
        s = s.substring(1).trim();
        changed = true;
      }
      if (!s.isEmpty() && Character.getType(s.charAt(0)) == Character.CURRENCY_SYMBOL) {
        s = s.substring(1).trim();
        changed = true;
      }
      if (!s.isEmpty() && Character.getType(s.charAt(s.length() - 1)) == Character.CURRENCY_SYMBOL) {
        s = s.substring(0, s.length() - 1).trim();
        changed = true;
      }
      if (s.length() > 4 && isCode(s, 0) && s.charAt(3) == ' ') {
        s = s.substring(4).trim();
        changed = true;
      }
      if (s.length() > 4 && isCode(s, s.length() - 3) && s.charAt(s.length() - 4) == ' ') {
        s = s.substring(0, s.length() - 4).trim();
        changed = true;
      }
    }
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= '0' && c <= '9' || c == '.' || c == ',' || c == ' ' || c == '\'' || c == '-' && i == 0;
      if (!ok) {
        return null;
      }
    }
    if (minus) {
      if (s.startsWith("-")) {
        return null;
      }
      s = "-" + s;
    }
    return s;
  }

  private static boolean isCode(String s, int at) {
    for (int i = at; i < at + 3; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  /** The convention a number proves, or null when it proves none ({@code 1,234}, {@code 12}). */
  static Convention evidence(String digits) {
    int lastComma = digits.lastIndexOf(',');
    int lastPoint = digits.lastIndexOf('.');
    if (lastComma >= 0 && lastPoint >= 0) {
      return lastComma > lastPoint ? Convention.DECIMAL_COMMA : Convention.DECIMAL_POINT;
    }
    if (lastComma < 0 && lastPoint < 0) {
      return null;
    }
    char sep = lastComma >= 0 ? ',' : '.';
    int at = Math.max(lastComma, lastPoint);
    Convention asDecimal = sep == ',' ? Convention.DECIMAL_COMMA : Convention.DECIMAL_POINT;
    Convention asGrouping = sep == ',' ? Convention.DECIMAL_POINT : Convention.DECIMAL_COMMA;
    if (digits.indexOf(sep) != at) {
      return asGrouping; // two of them: only grouping repeats
    }
    String before = digits.startsWith("-") ? digits.substring(1, at) : digits.substring(0, at);
    int after = digits.length() - at - 1;
    if (after != 3 || before.equals("0") || before.isEmpty() || before.length() > 3) {
      return asDecimal; // a group has exactly 3 digits and never follows a lone 0 or 4 digits
    }
    return null;
  }
}
