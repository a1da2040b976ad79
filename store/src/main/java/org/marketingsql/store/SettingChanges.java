package org.marketingsql.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  /**
   * The answers for the texts seen last, by text: the node sends the same few statements again and again, each a
   * few kilobytes, and Calcite's plan holds each one's text, so the look-up is by a hash the string keeps.
   */
  private static final int KEPT_ANSWERS = 1024;
  /** Longer texts are scanned each time rather than kept. */
  private static final int LONGEST_KEPT = 16 * 1024;
  private static final Map<String, Boolean> ANSWERS = new ConcurrentHashMap<>();

  private SettingChanges() {
  }

  /** Whether running {@code sql} may change a setting of the session that outlives it; true when unsure. */
  static boolean mayChange(String sql) {
    if (sql == null) {
      return true;
    }
    if (sql.length() > LONGEST_KEPT) {
      return scan(sql);
    }
    Boolean kept = ANSWERS.get(sql);
    if (kept != null) {
      return kept;
    }
    boolean answer = scan(sql);
    if (ANSWERS.size() >= KEPT_ANSWERS) {
      ANSWERS.clear();
    }
    ANSWERS.put(sql, answer);
    return answer;
  }

  private static boolean scan(String sql) {
    if (sql.contains("u&") || sql.contains("U&")) {
      return true;
    }
    int first = skipToFirstWord(sql);
    if (first < 0 || !oneOf(sql, first, wordEnd(sql, first), QUERIES)) {
      return true;
    }
    for (int i = 0; i < sql.length(); ) {
      if (isWordChar(sql.charAt(i))) {
        int end = wordEnd(sql, i);
        if (changing(sql, i, end)) {
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

  /**
   * Whether the word of {@code text} from {@code start} to {@code end} is one that changes settings ({@code SET},
   * {@code RESET}, {@code set_config}, {@code DISCARD}, {@code DO}, {@code CALL}, {@code LOAD}), in any case.
   */
  private static boolean changing(String text, int start, int end) {
    switch (end - start) {
      case 2:
        return is(text, start, "do");
      case 3:
        return is(text, start, "set");
      case 4:
        return is(text, start, "call") || is(text, start, "load");
      case 5:
        return is(text, start, "reset");
      case 7:
        return is(text, start, "discard");
      case 10:
        return is(text, start, "set_config");
      default:
        return false;
    }
  }

  private static boolean is(String text, int start, String word) {
    return text.regionMatches(true, start, word, 0, word.length());
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
