package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * PostgreSQL's array input text ({@code array_in}) of one dimension, read as PostgreSQL 15 reads it: {@code {}},
 * {@code {a,b}}, {@code {"a b","c\"d",NULL}}. Blanks around an element are ignored, blanks inside it kept; an element
 * in double quotes is taken as it is (commas, braces and blanks included); a backslash takes the next character as it
 * is, in quotes or not; an unquoted, unescaped {@code NULL} (any case) is SQL NULL, {@code "NULL"} and {@code \NULL}
 * the text. A text that is no such array is {@code malformed array literal} (SQLSTATE 22P02), with what is wrong;
 * nested arrays ({@code {{1,2},{3,4}}}) and dimension decorations ({@code [1:2]={1,2}}), which PostgreSQL reads,
 * are refused the same way, naming what is not supported. The one reader of array text for the driver and the
 * PostgreSQL port: casts ({@link PgCasts}), comparisons with an array and JSON paths use it.
 */
public final class PgArrayText {
  /** More elements than a literal in a statement sensibly holds: such a text is refused rather than spelled out. */
  static final int MAX_ELEMENTS = 10_000;

  private PgArrayText() {
  }

  /** The elements of {@code text}, null for SQL NULL; a {@link PgSqlException} (22P02) when it is no such array. */
  public static List<String> elements(String text) {
    Objects.requireNonNull(text, "text");
    return new Reader(text).elements();
  }

  /** One pass over one text. */
  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    List<String> elements() {
      skipBlanks();
      if (at < text.length() && text.charAt(at) == '[') {
        throw malformed("array dimensions are not supported");
      }
      if (at >= text.length() || text.charAt(at) != '{') {
        throw malformed("array value must start with \"{\"");
      }
      at++;
      List<String> elements = new ArrayList<>();
      skipBlanks();
      if (at < text.length() && text.charAt(at) == '}') {
        at++;
      } else {
        while (true) {
          elements.add(element());
          if (elements.size() > MAX_ELEMENTS) {
            throw new PgSqlException("54000", "array literal has more than " + MAX_ELEMENTS + " elements");
          }
          char next = text.charAt(at++);
          if (next == '}') {
            break;
          }
        }
      }
      skipBlanks();
      if (at < text.length()) {
        throw malformed("junk after closing right brace");
      }
      return Collections.unmodifiableList(elements);
    }

    /** The element from {@link #at}, which is left at the comma or brace after it. */
    private String element() {
      skipBlanks();
      if (at >= text.length()) {
        throw malformed("unexpected end of input");
      }
      char first = text.charAt(at);
      if (first == '{') {
        throw malformed("multidimensional arrays are not supported");
      }
      if (first == ',' || first == '}') {
        throw malformed("unexpected \"" + first + "\" character");
      }
      return first == '"' ? quoted() : unquoted();
    }

    private String quoted() {
      StringBuilder value = new StringBuilder();
      at++;
      while (true) {
        if (at >= text.length()) {
          throw malformed("unexpected end of input");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          if (at >= text.length()) {
            throw malformed("unexpected end of input");
          }
          c = text.charAt(at++);
        }
        value.append(c);
      }
      skipBlanks();
      requireDelimiter();
      return value.toString();
    }

    private String unquoted() {
      StringBuilder value = new StringBuilder();
      int kept = 0;
      boolean escaped = false;
      while (at < text.length() && ",{}\"".indexOf(text.charAt(at)) < 0) {
        char c = text.charAt(at++);
        if (c == '\\') {
          if (at >= text.length()) {
            throw malformed("unexpected end of input");
          }
          value.append(text.charAt(at++));
          escaped = true;
          kept = value.length();
        } else {
          value.append(c);
          if (!Character.isWhitespace(c)) {
            kept = value.length();
          }
        }
      }
      requireDelimiter();
      String element = value.substring(0, kept);
      return !escaped && element.equalsIgnoreCase("NULL") ? null : element;
    }

    private void requireDelimiter() {
      if (at >= text.length()) {
        throw malformed("unexpected end of input");
      }
      char c = text.charAt(at);
      if (c != ',' && c != '}') {
        throw malformed(c == '{' ? "multidimensional arrays are not supported" : "unexpected array element");
      }
    }

    private void skipBlanks() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private PgSqlException malformed(String detail) {
      return new PgSqlException("22P02", "malformed array literal: \"" + text + "\": " + detail);
    }
  }
}
