package org.marketingsql.source.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Pages;

/**
 * Stripe's list endpoints ({@code GET /v1/<object>}): newest first, 100 a page, the next page after
 * the last object's id while {@code has_more}, optionally only objects created at or after a time.
 */
final class StripeClient {
  private final ApiHttpClient http;

  StripeClient(ApiHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The pages of one object's list; each page is checked to have {@code data} and {@code has_more}. */
  Pages list(String object, Long createdGte) {
    return list(object, createdGte, Map.of());
  }

  /** @param filters further list parameters, e.g. {@code status=all} (subscriptions hide canceled ones otherwise) */
  Pages list(String object, Long createdGte, Map<String, String> filters) {
    String path = "/v1/" + object;
    return new Pages(after -> {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", "100");
      after.ifPresent(id -> query.put("starting_after", id));
      if (createdGte != null) {
        query.put("created[gte]", String.valueOf(createdGte));
      }
      query.putAll(filters);
      JsonNode page = http.get(path, query);
      if (!page.path("data").isArray() || !page.path("has_more").isBoolean()) {
        throw ApiException.malformed("stripe", "GET " + path, "a list object with data and has_more");
      }
      return page;
    }, page -> {
      JsonNode data = page.get("data");
      if (!page.get("has_more").asBoolean() || data.isEmpty()) {
        return Optional.empty();
      }
      String last = data.get(data.size() - 1).path("id").asText("");
      if (last.isEmpty()) {
        throw ApiException.malformed("stripe", "GET " + path, "an id on the page's last object");
      }
      return Optional.of(last);
    });
  }

  /** One object by id ({@code GET /v1/<object>/<id>}). */
  JsonNode retrieve(String object, String id) {
    return retrieve(object, id, Map.of());
  }

  /** @param query further parameters, e.g. {@code expand[]=customer} */
  JsonNode retrieve(String object, String id, Map<String, String> query) {
    if (!id.matches("[A-Za-z0-9_]+")) {
      throw ApiException.malformed("stripe", "GET /v1/" + object, "an object id, not " + id);
    }
    return http.get("/v1/" + object + "/" + id, query);
  }
}
