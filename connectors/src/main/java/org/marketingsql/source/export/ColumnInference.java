package org.marketingsql.source.export;

/**
 * Infers one column's kind from its values: the narrowest kind that fits every non-empty value.
 *
 * <p>Each candidate kind is dropped at the first value it cannot hold; once all are dropped the
 * column is text and later values cost only a trim.
 */
final class ColumnInference {

  /** DECIMAL(38, s) holds at most 38 digits in total. */
  private static final int MAX_PRECISION = 38;

  private final NumberShape shape = new NumberShape();
  private boolean seen;
  private boolean maybeBoolean = true;
  private boolean maybeBigint = true;
  private boolean maybeDecimal = true;
  private boolean maybeDate = true;
  private boolean maybeTimestamp = true;
  private int maxIntDigits;
  private int maxScale;

  /** Takes the value in {@code [start, end)} of {@code value}. */
  void accept(char[] value, int start, int end) {
    int b = Values.trimStart(value, start, end);
    int e = Values.trimEnd(value, b, end);
    if (b == e) {
      return; // empty cells are null in every kind
    }
    seen = true;
    if (maybeBoolean && Values.parseBoolean(value, b, e) == null) {
      maybeBoolean = false;
    }
    if (maybeBigint || maybeDecimal) {
      acceptNumber(value, b, e);
    }
    if ((maybeDate || maybeTimestamp) && (e - b != 10 || Values.parseDate(value, b, e) == null)) {
      // not a date; a column mixing dates and timestamps is TIMESTAMP, so a date keeps both alive
      maybeDate = false;
      if (maybeTimestamp && Values.parseTimestamp(value, b, e) == null) {
        maybeTimestamp = false;
      }
    }
  }

  private void acceptNumber(char[] value, int b, int e) {
    if (!shape.scan(value, b, e) || shape.leadingZero) {
      // a leading zero means an identifier (zip code, article number) whose zeros matter
      maybeBigint = false;
      maybeDecimal = false;
      return;
    }
    if (maybeBigint && (shape.hasPoint || Values.parseLong(value, b, e) == null)) {
      maybeBigint = false;
    }
    maxIntDigits = Math.max(maxIntDigits, shape.intDigits);
    maxScale = Math.max(maxScale, shape.scale);
    if (maxScale > ColumnSpec.MAX_SCALE || maxIntDigits + maxScale > MAX_PRECISION) {
      maybeDecimal = false;
    }
  }

  ColumnSpec result(String name) {
    if (!seen) {
      return new ColumnSpec(name, Kind.VARCHAR, 0);
    }
    if (maybeBoolean) {
      return new ColumnSpec(name, Kind.BOOLEAN, 0);
    }
    if (maybeBigint) {
      return new ColumnSpec(name, Kind.BIGINT, 0);
    }
    if (maybeDecimal) {
      return new ColumnSpec(name, Kind.DECIMAL, maxScale);
    }
    if (maybeDate) {
      return new ColumnSpec(name, Kind.DATE, 0);
    }
    if (maybeTimestamp) {
      return new ColumnSpec(name, Kind.TIMESTAMP, 0);
    }
    return new ColumnSpec(name, Kind.VARCHAR, 0);
  }
}
