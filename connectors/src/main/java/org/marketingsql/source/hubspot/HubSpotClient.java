package org.marketingsql.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
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
 * {@code paging.next.after}, with the named properties (HubSpot sends only a few unless asked); its
 * search ({@code POST /crm/v3/objects/<object>/search}) for objects changed since a time; and the v4
 * associations batch read, since search results carry no associations.
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
    }, page -> Optional.ofNullable(nextAfter(page)));
  }

  /** Search answers at most this many objects a page. */
  static final int SEARCH_PAGE = 200;
  /** The associations batch read takes at most this many ids. */
  static final int ASSOCIATIONS_BATCH = 1000;

  /**
   * One page of the objects whose {@code property} (their modification time) is at or after
   * {@code from}, oldest change first, with the named properties.
   *
   * @param after the previous page's {@code paging.next.after}, or null for the first page
   */
  JsonNode search(String object, String property, Instant from, List<String> properties, String after) {
    String path = "/crm/v3/objects/" + object + "/search";
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode filter = body.putArray("filterGroups").addObject().putArray("filters").addObject();
    filter.put("propertyName", property).put("operator", "GTE").put("value", String.valueOf(from.toEpochMilli()));
    body.putArray("sorts").addObject().put("propertyName", property).put("direction", "ASCENDING");
    ArrayNode names = body.putArray("properties");
    properties.forEach(names::add);
    body.put("limit", SEARCH_PAGE);
    if (after != null) {
      body.put("after", after);
    }
    JsonNode page = http.post(path, Map.of(), body);
    if (!page.path("results").isArray()) {
      throw ApiException.malformed("hubspot", "POST " + path, "a results array");
    }
    return page;
  }

  /** The {@code paging.next.after} of a list or search page, or null on the last page. */
  static String nextAfter(JsonNode page) {
    JsonNode after = page.path("paging").path("next").path("after");
    return after.isMissingNode() || after.isNull() || after.asText().isEmpty() ? null : after.asText();
  }

  /**
   * For each of the {@code from} objects, the lowest id of the {@code to} objects associated with it
   * (v4 batch read, 1,000 ids a call); objects with none are absent.
   */
  Map<String, String> firstAssociated(String from, String to, List<String> ids) {
    String path = "/crm/v4/associations/" + from + "/" + to + "/batch/read";
    Map<String, String> first = new LinkedHashMap<>();
    for (int start = 0; start < ids.size(); start += ASSOCIATIONS_BATCH) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ArrayNode inputs = body.putArray("inputs");
      ids.subList(start, Math.min(ids.size(), start + ASSOCIATIONS_BATCH)).forEach(id -> inputs.addObject().put("id", id));
      JsonNode answer = http.post(path, Map.of(), body);
      if (!answer.path("results").isArray()) {
        throw ApiException.malformed("hubspot", "POST " + path, "a results array");
      }
      for (JsonNode result : answer.get("results")) {
        String id = result.path("from").path("id").asText("");
        for (JsonNode target : result.path("to")) {
          String other = target.path("toObjectId").asText("");
          if (!id.isEmpty() && !other.isEmpty()) {
            first.merge(id, other, HubSpotClient::lowerId);
          }
        }
      }
    }
    return first;
  }

  /** A CRM batch read takes at most this many ids. */
  static final int READ_BATCH = 100;

  /**
   * The named properties of objects by id ({@code POST /crm/v3/objects/<object>/batch/read}, 100 ids a
   * call); objects HubSpot does not return are absent.
   */
  Map<String, JsonNode> properties(String object, List<String> ids, List<String> properties) {
    String path = "/crm/v3/objects/" + object + "/batch/read";
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (int start = 0; start < ids.size(); start += READ_BATCH) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      ArrayNode names = body.putArray("properties");
      properties.forEach(names::add);
      ArrayNode inputs = body.putArray("inputs");
      ids.subList(start, Math.min(ids.size(), start + READ_BATCH)).forEach(id -> inputs.addObject().put("id", id));
      JsonNode answer = http.post(path, Map.of(), body);
      if (!answer.path("results").isArray()) {
        throw ApiException.malformed("hubspot", "POST " + path, "a results array");
      }
      for (JsonNode result : answer.get("results")) {
        String id = result.path("id").asText("");
        if (!id.isEmpty()) {
          found.put(id, result.path("properties"));
        }
      }
    }
    return found;
  }

  /** The lower of two HubSpot ids (numeric strings), so the same deal always names the same contact. */
  static String lowerId(String a, String b) {
    try {
      return new BigInteger(a).compareTo(new BigInteger(b)) <= 0 ? a : b;
    } catch (NumberFormatException e) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
