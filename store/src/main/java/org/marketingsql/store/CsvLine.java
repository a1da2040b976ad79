package org.marketingsql.store;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One row as a line of the plain CSV the stores' bulk loaders read: comma-separated, ISO dates, plain
 * decimals, every text quoted (so an empty text stays empty) and NULL as an empty unquoted field.
 */
final class CsvLine {
  private CsvLine() {
  }

  /** Appends the row and its newline to {@code line}. */
  static void append(StringBuilder line, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      Object value = row[i];
      if (value == null) {
        continue;
      }
      if (value instanceof String s) {
        quote(line, s);
      } else if (value instanceof BigDecimal d) {
        line.append(d.toPlainString());
      } else if (value instanceof LocalDateTime t) {
        line.append(t.toLocalDate()).append(' ').append(t.toLocalTime());
      } else {
        line.append(value);
      }
    }
    line.append('\n');
  }

  private static void quote(StringBuilder line, String s) {
    // Always quoted: an empty quoted field is an empty string, an unquoted empty one is NULL.
    line.append('"');
    if (s.indexOf('"') < 0) {
      line.append(s);
    } else {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"') {
          line.append('"');
        }
        line.append(c);
      }
    }
    line.append('"');
  }
}
