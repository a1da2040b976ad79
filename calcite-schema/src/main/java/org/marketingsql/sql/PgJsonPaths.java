package org.marketingsql.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of PostgreSQL's JSON operators and functions on {@code json} held as text: {@code ->} and {@code #>}
 * give the value found as the JSON text it is in the document (as PostgreSQL's {@code json} keeps it), {@code ->>} and
 * {@code #>>} as text (a string unquoted and unescaped, JSON null as SQL null). A key on anything but an object, an
 * index on anything but an array, or a key or index that is not there gives null; a negative index counts from the
 * end. A text that is not JSON is SQLSTATE 22P02, as in PostgreSQL. Public for Calcite's generated code.
 */
public final class PgJsonPaths {
  private static final JsonFactory JSON = new JsonFactory();

  private PgJsonPaths() {
  }

  /** {@code json -> key} or {@code json -> index}: the value as JSON text, or null. */
  public static String get(String json, Object step) {
    return find(json, List.of(step), false);
  }

  /** {@code json ->> key} or {@code json ->> index}: the value as text, or null. */
  public static String getText(String json, Object step) {
    return find(json, List.of(step), true);
  }

  /** {@code json #> path}: the value at the path (a text array, or its text {@code '{a,0}'}) as JSON text, or null. */
  public static String path(String json, Object path) {
    return find(json, steps(path), false);
  }

  /** {@code json #>> path}: the value at the path as text, or null. */
  public static String pathText(String json, Object path) {
    return find(json, steps(path), true);
  }

  /** {@code json_extract_path(json, key …)}: as {@code #>}. */
  public static String extractPath(String json, String... path) {
    return path == null ? null : find(json, List.of((Object[]) path), false);
  }

  /** {@code json_extract_path_text(json, key …)}: as {@code #>>}. */
  public static String extractPathText(String json, String... path) {
    return path == null ? null : find(json, List.of((Object[]) path), true);
  }

  /** {@code json_typeof(json)}: object, array, string, number, boolean or null. */
  public static String typeOf(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token = parser.nextToken();
      String type = switch (token == null ? JsonToken.NOT_AVAILABLE : token) {
        case START_OBJECT -> "object";
        case START_ARRAY -> "array";
        case VALUE_STRING -> "string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
        case VALUE_TRUE, VALUE_FALSE -> "boolean";
        case VALUE_NULL -> "null";
        default -> throw invalid(json, null);
      };
      parser.skipChildren();
      requireEnd(parser, json);
      return type;
    } catch (IOException e) {
      throw invalid(json, e);
    }
  }

  /** {@code json_array_length(json)}: the number of elements; 22023 for a value that is not an array. */
  public static int arrayLength(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        parser.skipChildren();
        requireEnd(parser, json);
        throw new PgSqlException("22023", "cannot get array length of a non-array");
      }
      int n = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        parser.skipChildren();
        n++;
      }
      requireEnd(parser, json);
      return n;
    } catch (IOException e) {
      throw invalid(json, e);
    }
  }

  /** The steps of a path: a text array's elements, or those of its text ({@code {a,"b c",0}}, {@link PgArrayText}). */
  private static List<Object> steps(Object path) {
    if (path instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return new ArrayList<>(PgArrayText.elements(path.toString()));
  }

  /** The value at {@code steps} in {@code json}, as JSON text or as text; null where there is none. */
  private static String find(String json, List<Object> steps, boolean asText) {
    if (steps.stream().anyMatch(java.util.Objects::isNull)) {
      return null;
    }
    try {
      // the whole document must be JSON, as PostgreSQL reads it whole first
      typeOf(json);
      String slice = json;
      for (Object step : steps) {
        slice = child(slice, step);
        if (slice == null) {
          return null;
        }
      }
      return asText ? text(slice) : slice;
    } catch (IOException e) {
      throw invalid(json, e);
    }
  }

  /**
   * The text of the member {@code step} of the object {@code json}, or of its element at {@code step}; null if there is
   * none. Of duplicate keys the last counts, as in PostgreSQL's json.
   */
  private static String child(String json, Object step) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT && !(step instanceof Number)) {
        String key = step.toString();
        String found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          int[] span = span(parser);
          if (name.equals(key)) {
            found = json.substring(span[0], span[1]);
          }
        }
        return found;
      }
      Integer index = index(step);
      if (token != JsonToken.START_ARRAY || index == null) {
        return null;
      }
      List<int[]> elements = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        elements.add(span(parser));
      }
      int at = index < 0 ? index + elements.size() : index;
      return at < 0 || at >= elements.size() ? null : json.substring(elements.get(at)[0], elements.get(at)[1]);
    }
  }

  /** Where the value at hand starts and ends in the parser's text; the parser is left on its last token. */
  private static int[] span(JsonParser parser) throws IOException {
    int start = (int) parser.getTokenLocation().getCharOffset();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      parser.skipChildren();
      return new int[] {start, (int) parser.getTokenLocation().getCharOffset() + 1};
    }
    parser.getText();
    return new int[] {start, (int) parser.getCurrentLocation().getCharOffset()};
  }

  /** A step as an array index: a number, or a text of digits (in a path); null otherwise. */
  private static Integer index(Object step) {
    if (step instanceof Number number) {
      return number.intValue();
    }
    try {
      return Integer.valueOf(step.toString().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A JSON value as text: a string unquoted and unescaped, null as SQL null, anything else as it is written. */
  private static String text(String json) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token = parser.nextToken();
      return token == JsonToken.VALUE_NULL ? null : token == JsonToken.VALUE_STRING ? parser.getText() : json;
    }
  }

  private static void requireEnd(JsonParser parser, String json) throws IOException {
    if (parser.nextToken() != null) {
      throw invalid(json, null);
    }
  }

  private static PgSqlException invalid(String json, Exception cause) {
    PgSqlException e = new PgSqlException("22P02", "invalid input syntax for type json: \"" + json + "\"");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
