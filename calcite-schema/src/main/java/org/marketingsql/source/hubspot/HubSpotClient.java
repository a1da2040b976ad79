package org.marketingsql.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Pages;

/**
 * HubSpot's CRM v3 object lists ({@code GET /crm/v3/objects/<object>}): 100 a page, the next page at
 * {@code paging.next.after}, with the named properties (HubSpot sends only a few unless asked).
 */
final class HubSpotClient {
  private final ApiHttpClient http;

  HubSpotClient(ApiHttpClient http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  Pages list(String object, List<String> properties, String associations) {
    String path = "/crm/v3/objects/" + object;
    return new Pages(after -> {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", "100");
      after.ifPresent(a -> query.put("after", a));
      query.put("properties", String.join(",", properties));
      if (associations != null) {
        query.put("associations", associations);
      }
      query.put("archived", "false");
      JsonNode page = http.get(path, query);
      if (!page.path("results").isArray()) {
        throw ApiException.malformed("hubspot", "GET " + path, "a results array");
      }
      return page;
    }, page -> {
      JsonNode after = page.path("paging").path("next").path("after");
      return after.isMissingNode() || after.isNull() || after.asText().isEmpty() ? Optional.empty()
          : Optional.of(after.asText());
    });
  }
}
