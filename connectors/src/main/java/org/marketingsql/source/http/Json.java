package org.marketingsql.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads API JSON values into store values, treating absent and JSON null alike. */
public final class Json {
  private Json() {
  }

  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  public static Long integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.canConvertToLong() ? null : v.asLong();
  }

  public static Boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asBoolean();
  }

  /** A decimal written as a JSON number or string ("1250.50", as HubSpot sends amounts); null when empty. */
  public static BigDecimal decimal(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Unix seconds (Stripe's {@code created}) as a UTC timestamp. */
  public static LocalDateTime epochSeconds(Long seconds) {
    return seconds == null ? null : LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
  }

  /** An ISO-8601 instant (HubSpot's {@code closedate}) as a UTC timestamp; null when empty or unreadable. */
  public static LocalDateTime isoInstant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.ofInstant(Instant.parse(text.trim()), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text.trim()).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      } catch (DateTimeParseException again) {
        return null;
      }
    }
  }
}
