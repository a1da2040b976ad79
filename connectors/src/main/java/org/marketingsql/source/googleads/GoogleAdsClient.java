package org.marketingsql.source.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;

/**
 * Google Ads' {@code GoogleAdsService.SearchStream} over REST: one POST per GAQL query, answered with
 * a JSON array of batches, each with its {@code results}. There are no pages to follow; a failure
 * after the stream began arrives as a last element holding {@code error}.
 */
final class GoogleAdsClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiHttpClient http;
  private final String path;
  private final String customerId;

  /** @param customerId the customer the queries read, digits only */
  GoogleAdsClient(ApiHttpClient http, String customerId) {
    this.http = Objects.requireNonNull(http, "http");
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.path = "/" + GoogleAdsSource.API_VERSION + "/customers/" + customerId + "/googleAds:searchStream";
  }

  /** The customer the queries read, digits only. */
  String customerId() {
    return customerId;
  }

  /** The rows of one query, and how many batches carried them. */
  record Answer(List<JsonNode> rows, int batches) {
  }

  Answer search(String query) {
    ObjectNode body = JSON.createObjectNode().put("query", query);
    JsonNode answer = http.post(path, Map.of(), body);
    if (!answer.isArray()) {
      throw ApiException.malformed("google-ads", "POST " + path, "a JSON array of result batches");
    }
    List<JsonNode> rows = new ArrayList<>();
    int batches = 0;
    for (JsonNode batch : answer) {
      if (batch.has("error")) {
        JsonNode error = batch.get("error");
        throw ApiException.of(ApiException.Kind.REJECTED, "POST " + path, error.path("code").asInt(200),
            "google-ads POST " + path + " failed during the stream: " + explain(error));
      }
      batches++;
      JsonNode results = batch.path("results");
      if (!results.isMissingNode() && !results.isArray()) {
        throw ApiException.malformed("google-ads", "POST " + path, "a results array in every batch");
      }
      results.forEach(rows::add);
    }
    return new Answer(rows, batches);
  }

  /**
   * Google's error body: {@code {"error": {"code", "message", "status", "details": [GoogleAdsFailure]}}}
   * from the API, {@code {"error": "invalid_grant", "error_description"}} from the token endpoint.
   */
  static String explainBody(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode error = node == null ? null : node.get("error");
      if (error == null) {
        return null;
      }
      if (error.isTextual()) {
        String description = node.path("error_description").asText("");
        return error.asText() + (description.isEmpty() ? "" : ": " + description);
      }
      return explain(error);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code STATUS: message}, then the first GoogleAdsFailure error's own message and request id when given. */
  private static String explain(JsonNode error) {
    StringBuilder out = new StringBuilder();
    out.append(error.path("status").asText("ERROR")).append(": ").append(error.path("message").asText(""));
    for (JsonNode detail : error.path("details")) {
      JsonNode first = detail.path("errors").path(0);
      if (first.has("message") && !first.path("message").asText().equals(error.path("message").asText())) {
        out.append(" (").append(first.path("message").asText());
        JsonNode code = first.path("errorCode");
        if (code.isObject() && code.size() > 0) {
          String name = code.fieldNames().next();
          out.append("; ").append(name).append(' ').append(code.get(name).asText());
        }
        out.append(')');
      }
      if (detail.hasNonNull("requestId")) {
        out.append(" [request ").append(detail.get("requestId").asText()).append(']');
      }
      break;
    }
    return out.toString();
  }
}
