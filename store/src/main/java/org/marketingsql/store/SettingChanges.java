package org.marketingsql.store;

import java.util.Set;

/**
 * Whether a statement sent to a PostgreSQL read session may leave a setting changed after it, so that the session
 * must be reset before the next read gets it. The node's reads are Calcite's queries: a {@code SELECT} (or
 * {@code WITH}, {@code VALUES}, {@code TABLE}) calling PostgreSQL's own functions, which change no setting. Anything
 * else may: a text that starts otherwise ({@code SET}, {@code BEGIN}, {@code DO} ...), or one that names a word
 * that changes settings ({@code SET}, {@code RESET}, {@code set_config}, {@code DISCARD}, {@code DO}, {@code CALL},
 * {@code LOAD}) anywhere, string literals, quoted names and comments included, or a Unicode-escaped name
 * ({@code U&"..."}) that could spell one. So a word in a literal makes a session reset that did not need it, never the
 * reverse. A function of the store's own database that changes a setting by itself would not be seen; the node's
 * statements call none.
 */
final class SettingChanges {
  private static final Set<String> QUERIES = Set.of("select", "with", "values", "table");
  private static final Set<String> CHANGING = Set.of("set", "reset", "set_config", "discard", "do", "call", "load");

  private SettingChanges() {
  }

  /** Whether running {@code sql} may change a setting of the session that outlives it; true when unsure. */
  static boolean mayChange(String sql) {
    if (sql == null || sql.contains("u&") || sql.contains("U&")) {
      return true;
    }
    int first = skipToFirstWord(sql);
    if (first < 0 || !oneOf(sql, first, wordEnd(sql, first), QUERIES)) {
      return true;
    }
    for (int i = 0; i < sql.length(); ) {
      if (isWordChar(sql.charAt(i))) {
        int end = wordEnd(sql, i);
        if (oneOf(sql, i, end, CHANGING)) {
          return true;
        }
        i = end;
      } else {
        i++;
      }
    }
    return false;
  }

  /** Where the first word starts after blanks, comments and opening parentheses; -1 when the text has none. */
  private static int skipToFirstWord(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end + 1;
      } else if (text.startsWith("/*", i)) {
        // PostgreSQL nests block comments
        int depth = 0;
        do {
          if (text.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (text.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0 && i < text.length());
      } else {
        return isWordChar(c) ? i : -1;
      }
    }
    return -1;
  }

  private static int wordEnd(String text, int start) {
    int end = start;
    while (end < text.length() && isWordChar(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Whether {@code text} from {@code start} to {@code end} is one of {@code words} (lower case), in any case. */
  private static boolean oneOf(String text, int start, int end, Set<String> words) {
    for (String word : words) {
      if (word.length() == end - start && text.regionMatches(true, start, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A character of an unquoted PostgreSQL name, ASCII only: a name with other letters is split around them here,
   * which can only find more words, never fewer.
   */
  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
  }
}
