package org.marketingsql.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PostgreSQL's array input text ({@code array_in}) of one dimension: {@code {}}, {@code {0}}, {@code {a,b}},
 * {@code {"a b","c\"d",NULL}}. Blanks around an element are ignored; an unquoted {@code NULL} (any case) is SQL
 * NULL, a quoted one the text; a backslash takes the next character as it is. Empty when the text is not such an
 * array (nested arrays, dimension decorations and a missing brace included).
 */
final class PgArrayLiteral {
  /** More elements than a literal in a statement sensibly holds: such a text is not read as an array. */
  private static final int MAX_ELEMENTS = 10_000;

  private PgArrayLiteral() {
  }

  /** The elements, null for SQL NULL; empty when {@code text} is not a one-dimensional array's text. */
  static Optional<List<String>> elements(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
      return Optional.empty();
    }
    String body = s.substring(1, s.length() - 1);
    if (body.isBlank()) {
      return Optional.of(List.of());
    }
    List<String> elements = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
        i++;
      }
      StringBuilder element = new StringBuilder();
      boolean quoted = i < body.length() && body.charAt(i) == '"';
      if (quoted) {
        i++;
        while (i < body.length() && body.charAt(i) != '"') {
          if (body.charAt(i) == '\\' && i + 1 < body.length()) {
            i++;
          }
          element.append(body.charAt(i++));
        }
        if (i >= body.length()) {
          return Optional.empty();
        }
        i++;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
          i++;
        }
      } else {
        while (i < body.length() && body.charAt(i) != ',') {
          char c = body.charAt(i);
          if (c == '{' || c == '}' || c == '"') {
            return Optional.empty();
          }
          if (c == '\\' && i + 1 < body.length()) {
            c = body.charAt(++i);
          }
          element.append(c);
          i++;
        }
      }
      String value = quoted ? element.toString() : element.toString().strip();
      if (!quoted && value.isEmpty()) {
        return Optional.empty();
      }
      elements.add(!quoted && value.equalsIgnoreCase("NULL") ? null : value);
      if (elements.size() > MAX_ELEMENTS) {
        return Optional.empty();
      }
      if (i >= body.length()) {
        return Optional.of(Collections.unmodifiableList(elements));
      }
      if (body.charAt(i) != ',') {
        return Optional.empty();
      }
      i++;
    }
  }
}
