package org.marketingsql.readonly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Reads just enough SQL to serve the protocol: splits a simple query into statements, finds the first
 * keyword, and replaces {@code $n} placeholders, all outside quotes and comments.
 */
public final class SqlText {
  private SqlText() {
  }

  /** The statements of a simple query, trimmed, empty ones dropped. */
  public static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == ';') {
        add(out, sql.substring(start, i));
        start = i + 1;
        i++;
      } else {
        i = skipQuotedOrComment(sql, i);
      }
    }
    add(out, sql.substring(start));
    return out;
  }

  private static void add(List<String> out, String statement) {
    if (!stripComments(statement).isBlank()) {
      out.add(statement.strip());
    }
  }

  /** The first word of the statement, lower case, after comments and opening parentheses. */
  public static String firstKeyword(String sql) {
    String s = stripComments(sql).stripLeading();
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '(' || Character.isWhitespace(s.charAt(i)))) {
      i++;
    }
    int start = i;
    while (i < s.length() && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return s.substring(start, i).toLowerCase(Locale.ROOT);
  }

  /**
   * The text without comments (each replaced by a space) and without a trailing semicolon. The port calls this
   * several times per statement, so a text in which no comment can start (the usual case) is not copied.
   */
  public static String stripComments(String sql) {
    String s = sql.indexOf("--") < 0 && sql.indexOf("/*") < 0 ? sql.strip() : withoutComments(sql).strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
  }

  private static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int next = skipQuotedOrComment(sql, i);
      boolean comment = sql.startsWith("--", i) || sql.startsWith("/*", i);
      if (comment) {
        out.append(' ');
      } else {
        out.append(sql, i, next);
      }
      i = next;
    }
    return out.toString();
  }

  /** Replaces each {@code $n} by {@code replacement.apply(n)} (n from 1). */
  public static String replacePlaceholders(String sql, IntFunction<String> replacement) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        int j = i + 1;
        while (j < sql.length() && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        out.append(replacement.apply(Integer.parseInt(sql.substring(i + 1, j))));
        i = j;
      } else {
        int next = skipQuotedOrComment(sql, i);
        out.append(sql, i, next);
        i = next;
      }
    }
    return out.toString();
  }

  /** The index after the token at {@code i}: a whole quoted string, identifier or comment, else one char. */
  private static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < sql.length()) {
        if (sql.charAt(j) == c) {
          if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
            j += 2; // doubled quote
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return sql.length();
    }
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end + 1;
    }
    if (sql.startsWith("/*", i)) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    return i + 1;
  }
}
