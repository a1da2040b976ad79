package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical structure, enough to rewrite its dialect: string literals (with {@code E''} escapes
 * and dollar quotes), quoted identifiers, comments, words, numbers, parameters ({@code $1}) and
 * operators, each kept with its exact text so unchanged parts are written back as they were.
 */
final class PgTokens {
  enum Kind { SPACE, COMMENT, STRING, QUOTED_IDENT, WORD, NUMBER, PARAM, OPERATOR, PUNCT, SQL }

  /** One token; {@code SQL} is a piece already rewritten, treated as one operand. */
  record Token(Kind kind, String text) {
    boolean is(String s) {
      return (kind == Kind.WORD || kind == Kind.OPERATOR || kind == Kind.PUNCT) && text.equalsIgnoreCase(s);
    }

    boolean significant() {
      return kind != Kind.SPACE && kind != Kind.COMMENT;
    }

    String lower() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?:";

  private PgTokens() {
  }

  static List<Token> tokenize(String sql) {
    return tokenize(sql, null);
  }

  /**
   * {@link #tokenize(String)}, adding to {@code starts} (when not null) the index of {@code sql} each token starts at:
   * an {@code E'…'} or dollar-quoted string's text is not what was written, so its length does not tell.
   */
  static List<Token> tokenize(String sql, List<Integer> starts) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      if (starts != null) {
        starts.add(start); // every branch below adds one token
      }
      if (Character.isWhitespace(c)) {
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.SPACE, sql.substring(start, i)));
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
        out.add(new Token(Kind.COMMENT, sql.substring(start, i)));
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
        out.add(new Token(Kind.COMMENT, sql.substring(start, Math.min(i, n))));
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        int end = quoted(sql, i + 1, '\'', true);
        out.add(new Token(Kind.STRING, unescape(sql.substring(i + 2, end - 1))));
        i = end;
      } else if (c == '\'') {
        int end = quoted(sql, i, '\'', false);
        out.add(new Token(Kind.STRING, sql.substring(start, end)));
        i = end;
      } else if (c == '"') {
        int end = quoted(sql, i, '"', false);
        out.add(new Token(Kind.QUOTED_IDENT, sql.substring(start, end)));
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
        out.add(new Token(Kind.PARAM, sql.substring(start, i)));
      } else if (c == '$') {
        int tagEnd = sql.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
        if (tag != null && tag.substring(1, tag.length() - 1).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
          int close = sql.indexOf(tag, tagEnd + 1);
          int end = close < 0 ? n : close + tag.length();
          String body = sql.substring(tagEnd + 1, close < 0 ? n : close);
          out.add(new Token(Kind.STRING, "'" + body.replace("'", "''") + "'"));
          i = end;
        } else {
          out.add(new Token(Kind.PUNCT, "$"));
          i++;
        }
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Kind.WORD, sql.substring(start, i)));
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E') && i + 1 < n
            && (Character.isDigit(sql.charAt(i + 1)) || (sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+'))) {
          i += 2;
          while (i < n && Character.isDigit(sql.charAt(i))) {
            i++;
          }
        }
        out.add(new Token(Kind.NUMBER, sql.substring(start, i)));
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        while (i < n && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0 && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
          i++;
        }
        out.add(new Token(Kind.OPERATOR, sql.substring(start, i)));
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  /** The index after the literal opening at {@code i}; a doubled quote (or, with escapes, a backslash) stays inside. */
  private static int quoted(String sql, int i, char quote, boolean backslash) {
    int j = i + 1;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (backslash && c == '\\') {
        j += 2;
        continue;
      }
      if (c == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return sql.length();
  }

  /**
   * An {@code E'...'} body as a standard string literal, unescaped as PostgreSQL does: {@code \b \f \n \r \t},
   * octal {@code \o} to {@code \ooo}, hexadecimal {@code \xh} and {@code \xhh}, Unicode as a backslash, u and four
   * hexadecimal digits or U and eight; a backslash before any other character (or before a Unicode escape
   * too short or out of range) stands for that character.
   */
  static String unescape(String body) {
    StringBuilder s = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        s.append('\'');
        i += 2;
      } else if (c != '\\' || i + 1 == body.length()) {
        s.append(c);
        i++;
      } else {
        i = escape(body, i + 1, s);
      }
    }
    return "'" + s.toString().replace("'", "''") + "'";
  }

  /** Appends the escape whose letter is at {@code i} (just after the backslash); the index after it. */
  private static int escape(String body, int i, StringBuilder s) {
    char e = body.charAt(i);
    switch (e) {
      case 'b' -> s.append('\b');
      case 'f' -> s.append('\f');
      case 'n' -> s.append('\n');
      case 'r' -> s.append('\r');
      case 't' -> s.append('\t');
      case 'x' -> {
        int end = digits(body, i + 1, 2, 16);
        if (end == i + 1) {
          s.append('x');
          return i + 1;
        }
        s.append((char) Integer.parseInt(body.substring(i + 1, end), 16));
        return end;
      }
      case 'u', 'U' -> {
        int width = e == 'u' ? 4 : 8;
        int end = digits(body, i + 1, width, 16);
        int code = end == i + 1 + width ? (int) Long.parseLong(body.substring(i + 1, end), 16) : -1;
        if (code <= 0 || !Character.isValidCodePoint(code)) {
          s.append(e); // not a Unicode escape: the letter, as after any other backslash
          return i + 1;
        }
        s.appendCodePoint(code);
        return end;
      }
      default -> {
        int end = digits(body, i, 3, 8);
        if (end > i) {
          s.append((char) (Integer.parseInt(body.substring(i, end), 8) & 0xff));
          return end;
        }
        s.append(e);
      }
    }
    return i + 1;
  }

  /** The index after at most {@code max} digits of {@code radix} from {@code i}. */
  private static int digits(String body, int i, int max, int radix) {
    int j = i;
    while (j < body.length() && j - i < max && Character.digit(body.charAt(j), radix) >= 0) {
      j++;
    }
    return j;
  }

  static String join(List<Token> tokens) {
    StringBuilder s = new StringBuilder();
    tokens.forEach(t -> s.append(t.text()));
    return s.toString();
  }
}
