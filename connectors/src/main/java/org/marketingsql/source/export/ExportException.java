package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An export could not be read or one of its values did not convert.
 *
 * <p>The message names the file, the line, the column and the value so a user can fix the export
 * in an editor, e.g. {@code orders.csv line 17, column amount: '12,3x' is not a decimal number}.
 */
public final class ExportException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Values longer than this are cut in the message (never in {@link #value()}): a stray quote can swallow a page. */
  private static final int MAX_VALUE_IN_MESSAGE = 80;

  private final transient Path file;
  private final long line;
  private final String column;
  private final String value;

  ExportException(Path file, long line, String column, String value, String problem, Throwable cause) {
    super(message(file, line, column, problem), cause);
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.column = column;
    this.value = value;
  }

  /** About the whole file, e.g. it cannot be opened. */
  static ExportException ofFile(Path file, String problem, Throwable cause) {
    return new ExportException(file, 0, null, null, problem, cause);
  }

  /** About one line, e.g. the wrong number of fields. */
  static ExportException ofLine(Path file, long line, String problem, Throwable cause) {
    return new ExportException(file, line, null, null, problem, cause);
  }

  /** About one value; the problem follows the quoted value, e.g. {@code is not a date}. */
  public static ExportException ofValue(Path file, long line, String column, String value, String problem) {
    return new ExportException(file, line, column, value, "'" + shorten(value) + "' " + problem, null);
  }

  /** The export the problem is in. */
  public Path file() {
    return file;
  }

  /** The 1-based physical line of the problem, 0 when the problem is not about a line. */
  public long line() {
    return line;
  }

  /** The column the problem is in, or {@code null}. */
  public String column() {
    return column;
  }

  /** The value that did not convert, as written in the file, or {@code null}. */
  public String value() {
    return value;
  }

  private static String message(Path file, long line, String column, String problem) {
    Path name = file == null ? null : file.getFileName();
    StringBuilder sb = new StringBuilder(String.valueOf(name == null ? file : name));
    if (line > 0) {
      sb.append(" line ").append(line);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    return sb.append(": ").append(problem).toString();
  }

  private static String shorten(String value) {
    return value.length() <= MAX_VALUE_IN_MESSAGE ? value : value.substring(0, MAX_VALUE_IN_MESSAGE) + "...";
  }
}
