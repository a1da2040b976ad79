package org.marketingsql.source.linkedinads;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Pages;

/**
 * LinkedIn's versioned Marketing API for one ad account: the account, its campaigns and campaign
 * groups ({@code q=search}, paged by {@code pageToken} / {@code metadata.nextPageToken}), and
 * {@code adAnalytics} by campaign and day. adAnalytics is not paged: it returns at most 15,000
 * elements, so ranges are read in windows, and a window that comes back full is split in two and read again.
 */
final class LinkedInAdsClient {
  /** The most elements adAnalytics returns for one request. */
  static final int ANALYTICS_LIMIT = 15_000;
  /** Days per adAnalytics request before any split. */
  static final int WINDOW_DAYS = 90;
  private static final String API = "linkedin-ads";
  private static final String PAGE_SIZE = "100";

  private final ApiHttpClient http;
  private final String accountId;

  LinkedInAdsClient(ApiHttpClient http, String accountId) {
    this.http = Objects.requireNonNull(http, "http");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    if (!accountId.matches("\\d+")) {
      throw new IllegalArgumentException("a LinkedIn ad account id is digits, not " + accountId);
    }
  }

  String accountUrn() {
    return "urn:li:sponsoredAccount:" + accountId;
  }

  /** {@code GET /rest/adAccounts/{id}}: name, currency, status. */
  JsonNode account() {
    return http.getRaw("/rest/adAccounts/" + accountId, "");
  }

  /** The account's campaigns ({@code adCampaigns}) or campaign groups ({@code adCampaignGroups}), page by page. */
  Pages search(String collection) {
    String path = "/rest/adAccounts/" + accountId + "/" + collection;
    return new Pages(token -> {
      String query = "q=search&pageSize=" + PAGE_SIZE + token.map(t -> "&pageToken=" + RestLi.value(t)).orElse("");
      JsonNode page = http.getRaw(path, query);
      if (!page.path("elements").isArray()) {
        throw ApiException.malformed(API, "GET " + path, "an elements list");
      }
      return page;
    }, page -> {
      String next = page.path("metadata").path("nextPageToken").asText("");
      return next.isEmpty() || page.get("elements").isEmpty() ? Optional.empty() : Optional.of(next);
    });
  }

  /**
   * adAnalytics by campaign and day from {@code since} to {@code until}, window by window.
   *
   * @param fields the metrics and {@code dateRange,pivotValues}
   * @param window told each window's elements; returns how many requests were made
   */
  int analytics(LocalDate since, LocalDate until, List<String> fields, Consumer<JsonNode> window) {
    return read("q=analytics&pivot=CAMPAIGN", since, until, fields, window);
  }

  /**
   * adAnalytics by campaign, conversion and day ({@code q=statistics&pivots=List(CAMPAIGN,CONVERSION)}), window
   * by window: each element's {@code pivotValues} are its campaign's URN, then its conversion's.
   */
  int conversionStatistics(LocalDate since, LocalDate until, List<String> fields, Consumer<JsonNode> window) {
    return read("q=statistics&pivots=" + RestLi.list("CAMPAIGN", "CONVERSION"), since, until, fields, window);
  }

  private int read(String finder, LocalDate since, LocalDate until, List<String> fields, Consumer<JsonNode> window) {
    int requests = 0;
    for (LocalDate start = since; !start.isAfter(until); start = start.plusDays(WINDOW_DAYS)) {
      LocalDate end = start.plusDays(WINDOW_DAYS - 1).isAfter(until) ? until : start.plusDays(WINDOW_DAYS - 1);
      requests += analyticsWindow(finder, start, end, fields, window);
    }
    return requests;
  }

  private int analyticsWindow(String finder, LocalDate start, LocalDate end, List<String> fields,
      Consumer<JsonNode> window) {
    String query = finder + "&timeGranularity=DAILY&dateRange=" + RestLi.dateRange(start, end)
        + "&accounts=" + RestLi.list(accountUrn()) + "&fields=" + String.join(",", fields);
    JsonNode answer = http.getRaw("/rest/adAnalytics", query);
    JsonNode elements = answer.get("elements");
    if (elements == null || !elements.isArray()) {
      throw ApiException.malformed(API, "GET /rest/adAnalytics", "an elements list");
    }
    if (elements.size() < ANALYTICS_LIMIT) {
      window.accept(elements);
      return 1;
    }
    long days = ChronoUnit.DAYS.between(start, end) + 1;
    if (days == 1) {
      throw ApiException.of(ApiException.Kind.REJECTED, "GET /rest/adAnalytics", 200, API
          + " GET /rest/adAnalytics returned its limit of " + ANALYTICS_LIMIT + " elements for the single day " + start
          + ", so some campaigns are missing; this account has too many campaigns for a daily read", null);
    }
    LocalDate middle = start.plusDays(days / 2 - 1);
    return 1 + analyticsWindow(finder, start, middle, fields, window)
        + analyticsWindow(finder, middle.plusDays(1), end, fields, window);
  }

  /** The elements of every page of a search, for callers that need them all at once (campaign names). */
  List<JsonNode> all(String collection) {
    List<JsonNode> all = new ArrayList<>();
    for (Pages it = search(collection); it.hasNext(); ) {
      it.next().get("elements").forEach(all::add);
    }
    return all;
  }
}
