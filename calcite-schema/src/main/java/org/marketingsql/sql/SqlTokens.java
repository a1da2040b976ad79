package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL split into tokens, each with its exact text, so a rewrite changes only the tokens it means to:
 * strings (with {@code ''}, {@code E'..'} backslash escapes and PostgreSQL's dollar quotes), quoted
 * identifiers, comments (nested block comments too), words, and single other characters.
 */
final class SqlTokens {
  enum Kind { SPACE, COMMENT, STRING, QUOTED, WORD, OTHER }

  record Token(Kind kind, String text) {
    Token {
      if (kind == null || text == null) {
        throw new IllegalArgumentException("a token needs a kind and a text");
      }
    }

    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean is(String punctuation) {
      return kind == Kind.OTHER && text.equals(punctuation);
    }

    boolean significant() {
      return kind != Kind.SPACE && kind != Kind.COMMENT;
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  private SqlTokens() {
  }

  static List<Token> tokenize(String sql) {
    List<Token> out = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Kind kind;
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        kind = Kind.SPACE;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        kind = Kind.COMMENT;
      } else if (sql.startsWith("/*", i)) {
        int depth = 0;
        do {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (i < n && depth > 0);
        i = Math.min(i, n);
        kind = Kind.COMMENT;
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = closing(sql, i + 1, '\'', true);
        kind = Kind.STRING;
      } else if (c == '\'') {
        i = closing(sql, i, '\'', false);
        kind = Kind.STRING;
      } else if (c == '"' || c == '`') {
        i = closing(sql, i, c, false);
        kind = Kind.QUOTED;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        i = close < 0 ? n : close + tag.length();
        kind = Kind.STRING;
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        kind = Kind.WORD;
      } else {
        i++;
        kind = Kind.OTHER;
      }
      out.add(new Token(kind, sql.substring(start, i)));
    }
    return out;
  }

  static String join(List<Token> tokens) {
    StringBuilder s = new StringBuilder();
    tokens.forEach(t -> s.append(t.text()));
    return s.toString();
  }

  /** The index after the literal that opens at {@code i}; a doubled quote (or an escaped one) stays inside. */
  private static int closing(String sql, int i, char quote, boolean backslash) {
    int j = i + 1;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
      } else if (c == quote && j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
        j += 2;
      } else if (c == quote) {
        return j + 1;
      } else {
        j++;
      }
    }
    return sql.length();
  }

  /** {@code $$} or {@code $tag$} opening at {@code i}, or null ({@code $1} is a parameter). */
  private static String dollarTag(String sql, int i) {
    int end = sql.indexOf('$', i + 1);
    if (end < 0 || i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
      return null;
    }
    String name = sql.substring(i + 1, end);
    return name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_') ? sql.substring(i, end + 1) : null;
  }
}
