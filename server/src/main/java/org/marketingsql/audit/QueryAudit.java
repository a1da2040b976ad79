package org.marketingsql.audit;

import java.util.Objects;

/**
 * One line of a port's query log: who ran what from where, how long it took and how many rows it
 * returned; or that it was refused (SQLSTATE 42501: it reads what the user may not; 25006: it is not a
 * read) or failed, with the reason. The statement is on one line, shortened to 300 characters. Bound
 * parameter values are in it only when the server was asked to log them.
 *
 * @param user who ran it
 * @param address the client's address
 * @param statement the statement, with placeholders unless parameters are logged
 * @param rows rows returned (0 when refused or failed)
 * @param millis how long it took
 * @param sqlState null when it succeeded
 * @param reason null when it succeeded
 */
public record QueryAudit(String user, String address, String statement, long rows, long millis, String sqlState,
    String reason) {
  private static final int LONGEST = 300;

  public QueryAudit {
    Objects.requireNonNull(user, "user");
    address = address == null ? "?" : address;
    statement = statement == null ? "" : statement;
    if (rows < 0 || millis < 0) {
      throw new IllegalArgumentException("rows and millis must not be negative, found " + rows + " and " + millis);
    }
  }

  /** A statement that ran and returned {@code rows}. */
  public static QueryAudit ran(String user, String address, String statement, long rows, long millis) {
    return new QueryAudit(user, address, statement, rows, millis, null, null);
  }

  /** A statement refused or failed with {@code sqlState}, for {@code reason}. */
  public static QueryAudit failed(String user, String address, String statement, long millis, String sqlState,
      String reason) {
    return new QueryAudit(user, address, statement, 0, millis, sqlState == null ? "?????" : sqlState,
        reason == null ? "" : reason);
  }

  /** Whether the statement was refused by a rule (access, read-only) rather than failing. */
  public boolean refused() {
    return "42501".equals(sqlState) || "25006".equals(sqlState);
  }

  /** The log line. */
  public String line() {
    String outcome = sqlState == null ? "rows=" + rows
        : (refused() ? "refused" : "failed") + "=[" + sqlState + "] " + oneLine(reason);
    return "user=" + user + " address=" + address + " ms=" + millis + " " + outcome + " sql=" + oneLine(statement);
  }

  /**
   * {@code text} on one line, shortened: each run of white space (space, tab, line breaks, vertical tab, form feed)
   * one space, then stripped. One pass without a regular expression, since every statement writes a line; text past
   * what the line can show is looked at only for whether anything but white space follows.
   */
  static String oneLine(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    StringBuilder line = new StringBuilder(Math.min(text.length() - i, LONGEST + 2));
    boolean space = false;
    for (; i < text.length() && line.length() <= LONGEST; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        space = true;
        continue;
      }
      if (space) {
        line.append(' ');
        space = false;
      }
      line.append(c);
    }
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    // with more to come the line is cut anyway; else its end is stripped as the whole text's would be
    String shown = i < text.length() ? line.toString() : line.toString().stripTrailing();
    return shown.length() > LONGEST ? shown.substring(0, LONGEST) + "…" : shown;
  }

  @Override
  public String toString() {
    return line();
  }
}
