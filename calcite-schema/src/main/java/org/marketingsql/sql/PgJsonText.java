package org.marketingsql.sql;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Java side of {@link PgJson}: values written as PostgreSQL writes them in {@code json}. Public, since
 * Calcite's generated code calls these methods.
 */
public final class PgJsonText {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private PgJsonText() {
  }

  /** {@code value} (as Calcite holds a value of that kind) as JSON text; SQL NULL is {@code null}. */
  public static String json(Object value, String kind) {
    if (value == null) {
      return "null";
    }
    return switch (kind) {
      case "date" -> quote(LocalDate.ofEpochDay(((Number) value).longValue()).toString());
      case "timestamp" -> timestamp(((Number) value).longValue());
      case "time" -> quote(LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L).toString());
      case "boolean" -> value.toString();
      case "number" -> number(value);
      default -> kind.startsWith("array:") ? array((Iterable<?>) value, kind.substring("array:".length()))
          : quote(value.toString());
    };
  }

  /** PostgreSQL's JSON for a timestamp: ISO, with the fraction of a second only when there is one. */
  private static String timestamp(long millis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC);
    long fraction = Math.floorMod(millis, 1000L);
    String text = t.format(TIMESTAMP) + (fraction == 0 ? "" : String.format(java.util.Locale.ROOT, ".%03d", fraction)
        .replaceAll("0+$", ""));
    return quote(text);
  }

  private static String number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return quote(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static String array(Iterable<?> items, String kind) {
    StringBuilder s = new StringBuilder("[");
    for (Object item : items) {
      s.append(s.length() > 1 ? "," : "").append(json(item, kind));
      PgStrings.checkLength(s.length(), "to_json");
    }
    return s.append(']').toString();
  }

  private static String quote(String text) {
    PgStrings.checkLength((long) text.length() * 2 + 2, "to_json");
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }

  /** {@code to_json}: null for a SQL NULL, else the JSON. */
  public static String strict(Object value, String json) {
    return value == null ? null : json;
  }

  /** {@code json_build_object}: keys and values alternate, each already JSON; a null key is 22004. */
  public static String buildObject(String... json) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i + 1 < json.length; i += 2) {
      String key = json[i];
      if (key.equals("null")) {
        throw new PgSqlException("22004", "null value not allowed for object key");
      }
      s.append(i > 0 ? ", " : "").append(key.startsWith("\"") ? key : quote(key)).append(" : ").append(json[i + 1]);
      PgStrings.checkLength(s.length(), "json_build_object");
    }
    return s.append('}').toString();
  }
}
