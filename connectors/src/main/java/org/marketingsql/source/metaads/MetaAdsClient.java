package org.marketingsql.source.metaads;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.marketingsql.source.AdAccount;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Pages;
import org.marketingsql.source.http.Sleeper;

/**
 * Meta's Marketing API for one ad account: insights by day ({@code GET act_<id>/insights}, or for long
 * ranges and refused big requests an asynchronous report run), list edges such as campaigns, and the
 * account's own fields. Pages follow {@code paging.cursors.after} while {@code paging.next} is present;
 * the {@code paging.next} URL itself is never requested nor logged, because it carries the access token.
 */
final class MetaAdsClient {
  /** Ranges longer than this go through an asynchronous report run, as Meta advises for big reads. */
  static final int ASYNC_AFTER_DAYS = 30;
  private static final String PAGE_SIZE = "500";
  private static final String API = "meta-ads";

  private final ApiHttpClient http;
  private final String version;
  private final String account;
  private final Sleeper sleeper;
  private final Duration pollEvery;
  private final int maxPolls;
  private AdAccount described;

  /**
   * @param account the ad account as Meta names it in paths, {@code act_<id>}
   * @param pollEvery wait between polls of a report run
   * @param maxPolls polls before a run that never completes fails the sync
   */
  MetaAdsClient(ApiHttpClient http, String version, String account, Sleeper sleeper, Duration pollEvery, int maxPolls) {
    this.http = Objects.requireNonNull(http, "http");
    this.version = Objects.requireNonNull(version, "version");
    this.account = Objects.requireNonNull(account, "account");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    if (!account.matches("act_\\d+")) {
      throw new IllegalArgumentException("a Meta ad account is act_ and digits, not " + account);
    }
    if (maxPolls < 1) {
      throw new IllegalArgumentException("maxPolls must be at least 1, not " + maxPolls);
    }
    this.maxPolls = maxPolls;
  }

  /** The account's fields, e.g. {@code name,currency} for check. */
  JsonNode account(String fields) {
    return http.get(path(account), Map.of("fields", fields));
  }

  /** The account's time zone ({@code timezone_name}), which decides what "today" and each insights day mean. */
  ZoneId timeZone() {
    return describe().timeZone();
  }

  /** The account's name, currency and time zone ({@code GET act_<id>?fields=name,currency,timezone_name}), read once. */
  synchronized AdAccount describe() {
    if (described == null) {
      JsonNode node = account("name,currency,timezone_name");
      String name = node.path("timezone_name").asText("");
      ZoneId zone;
      try {
        zone = name.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(name);
      } catch (DateTimeException e) {
        throw ApiException.of(ApiException.Kind.MALFORMED, "GET " + path(account), 200, API + " GET " + path(account)
            + " named an unknown time zone '" + name + "'", e);
      }
      String currency = node.path("currency").asText("");
      described = new AdAccount(account.substring("act_".length()), node.path("name").asText(null),
          currency.isEmpty() ? null : currency.toUpperCase(java.util.Locale.ROOT), zone);
    }
    return described;
  }

  /**
   * One row per object of {@code level} and day from {@code since} to {@code until}, handed over a
   * page at a time. Ranges over {@link #ASYNC_AFTER_DAYS} days, and any range Meta refuses as too much
   * data, are read through an asynchronous report run.
   *
   * @param attributionWindows sent as {@code action_attribution_windows} when not empty
   */
  void insights(String level, List<String> fields, LocalDate since, LocalDate until, List<String> attributionWindows,
      Consumer<JsonNode> page) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("level", level);
    query.put("time_increment", "1");
    query.put("time_range", "{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}");
    query.put("fields", String.join(",", fields));
    if (!attributionWindows.isEmpty()) {
      query.put("action_attribution_windows", "[" + String.join(",", attributionWindows.stream()
          .map(w -> "\"" + w + "\"").toList()) + "]");
    }
    query.put("limit", PAGE_SIZE);
    String path = path(account + "/insights");
    if (ChronoUnit.DAYS.between(since, until) + 1 > ASYNC_AFTER_DAYS) {
      asyncInsights(query, page);
      return;
    }
    boolean first = true;
    try {
      for (Pages it = pages(path, query); it.hasNext(); ) {
        page.accept(it.next());
        first = false;
      }
    } catch (ApiException e) {
      if (!first || !GraphApiRules.tooMuchData(e)) {
        throw e;
      }
      asyncInsights(query, page);
    }
  }

  /**
   * Meta's asynchronous insights: {@code POST act_<id>/insights} starts a report run, {@code GET
   * <report_run_id>} is polled until {@code async_status} is {@code Job Completed}, then {@code GET
   * <report_run_id>/insights} pages the result.
   */
  private void asyncInsights(Map<String, String> query, Consumer<JsonNode> page) {
    Map<String, String> form = new LinkedHashMap<>(query);
    form.remove("limit");
    String start = path(account + "/insights");
    String run = http.postForm(start, form).path("report_run_id").asText("");
    if (run.isEmpty() || !run.matches("[0-9A-Za-z_]+")) {
      throw ApiException.malformed(API, "POST " + start, "a report_run_id");
    }
    String runPath = path(run);
    for (int poll = 1; ; poll++) {
      JsonNode status = http.get(runPath, Map.of("fields", "async_status,async_percent_completion"));
      String state = status.path("async_status").asText("");
      if (state.equals("Job Completed")) {
        break;
      }
      if (state.equals("Job Failed") || state.equals("Job Skipped")) {
        throw ApiException.of(ApiException.Kind.UNAVAILABLE, "GET " + runPath, 200, API + " report run " + run
            + " ended with '" + state + "' at " + status.path("async_percent_completion").asInt(0)
            + "%; try the sync again later", null);
      }
      if (poll >= maxPolls) {
        throw ApiException.of(ApiException.Kind.UNAVAILABLE, "GET " + runPath, 200, API + " report run " + run
            + " was still '" + state + "' (" + status.path("async_percent_completion").asInt(0) + "%) after " + poll
            + " polls; try the sync again later", null);
      }
      try {
        sleeper.sleep(pollEvery);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApiException.of(ApiException.Kind.UNAVAILABLE, "GET " + runPath, 0, API + " report run " + run
            + " was interrupted", e);
      }
    }
    for (Pages it = pages(path(run + "/insights"), Map.of("limit", PAGE_SIZE)); it.hasNext(); ) {
      page.accept(it.next());
    }
  }

  /** An edge of the account such as {@code campaigns}, with the fields asked for, page by page. */
  Pages edge(String edge, List<String> fields) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("fields", String.join(",", fields));
    query.put("limit", PAGE_SIZE);
    return pages(path(account + "/" + edge), query);
  }

  private Pages pages(String path, Map<String, String> query) {
    return new Pages(after -> {
      Map<String, String> q = new LinkedHashMap<>(query);
      after.ifPresent(a -> q.put("after", a));
      JsonNode page = http.get(path, q);
      if (!page.path("data").isArray()) {
        throw ApiException.malformed(API, "GET " + path, "a data list");
      }
      return page;
    }, page -> {
      JsonNode paging = page.path("paging");
      if (!paging.hasNonNull("next") || page.get("data").isEmpty()) {
        return Optional.empty();
      }
      String after = paging.path("cursors").path("after").asText("");
      if (after.isEmpty()) {
        throw ApiException.malformed(API, "GET " + path, "paging.cursors.after beside paging.next");
      }
      return Optional.of(after);
    });
  }

  private String path(String rest) {
    return "/" + version + "/" + rest;
  }
}
