package org.marketingsql.source.export;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/**
 * Receives FastCSV's records as character ranges in one reused buffer instead of one string per field.
 *
 * <p>Most export cells are numbers and dates; parsing them straight from the characters instead of
 * making a string per cell ({@code CsvRecord}) made a pass about 1.5 times faster. The reader hands out this same object for every
 * record, so a record is only valid until the next one is read.
 */
final class RecordBuffer extends AbstractBaseCsvCallbackHandler<RecordBuffer> {

  /** The characters of all fields of the record, field after field. */
  private char[] chars = new char[1024];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int count;
  private int length;
  private boolean quoted;

  @Override
  protected void handleBegin(long startingLineNumber) {
    count = 0;
    length = 0;
    quoted = false;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    // the parser's buffer is refilled and compacted while a record is read, so the field is copied
    if (length + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + len));
    }
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    System.arraycopy(buf, offset, chars, length, len);
    starts[count] = length;
    length += len;
    ends[count] = length;
    count++;
    this.quoted |= quoted;
  }

  @Override
  protected RecordBuffer buildRecord() {
    return this;
  }

  /** The 1-based physical line the record starts on. */
  long line() {
    return getStartingLineNumber();
  }

  int fieldCount() {
    return count;
  }

  /** The characters of every field; field {@code i} is {@code [start(i), end(i))}. */
  char[] chars() {
    return chars;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  String field(int field) {
    return new String(chars, starts[field], ends[field] - starts[field]);
  }

  /**
   * Whether the record is a line of nothing but whitespace, which exports use as a separator, not as
   * a row. A quoted empty field ({@code ""}) is a value, not a blank line.
   */
  boolean isBlank() {
    if (count != 1 || quoted) {
      return false;
    }
    return Values.trimStart(chars, 0, ends[0]) == ends[0];
  }
}
