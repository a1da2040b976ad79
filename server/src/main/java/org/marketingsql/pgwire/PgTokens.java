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
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
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

  /** An {@code E'...'} body as a standard string literal. */
  private static String unescape(String body) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        s.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case 'b' -> '\b';
          case 'f' -> '\f';
          default -> e;
        });
      } else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
        s.append('\'');
        i++;
      } else {
        s.append(c);
      }
    }
    return "'" + s.toString().replace("'", "''") + "'";
  }

  static String join(List<Token> tokens) {
    StringBuilder s = new StringBuilder();
    tokens.forEach(t -> s.append(t.text()));
    return s.toString();
  }
}
