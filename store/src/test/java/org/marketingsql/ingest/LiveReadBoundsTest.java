package org.marketingsql.ingest;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.LiveReadCooldown;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** A live read asks an API for days between the source's start date and today, and a range once a minute at most. */
class LiveReadBoundsTest {
  private static final Pattern BETWEEN = Pattern.compile("BETWEEN '(\\d{4}-\\d{2}-\\d{2})' AND '(\\d{4}-\\d{2}-\\d{2})'");
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads");
  private Store store;
  private MarketingConfig config;

  @BeforeEach
  void start() {
    String url = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    store = Store.open(url);
    config = new ConfigReader().read(Map.of("store", url, "reportingCurrency", "USD", "sources", List.of(Map.ofEntries(
        Map.entry("name", "gads"), Map.entry("type", "google-ads"), Map.entry("customerId", "123-456-7890"),
        Map.entry("loginCustomerId", "987-654-3210"), Map.entry("clientId", "1234-abc.apps.googleusercontent.com"),
        Map.entry("developerToken", ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN)),
        Map.entry("clientSecret", ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET)),
        Map.entry("refreshToken", ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN)),
        Map.entry("tokenEndpoint", server.baseUrl() + "/google/token"), Map.entry("startDate", ApiStubs.GOOGLE_FIRST_DAY),
        Map.entry("endpoint", server.baseUrl())))), temp, url);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private ApiSync at(Clock clock) {
    RetryPolicy fast = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new ApiSync(config, store, fast, d -> { }, clock);
  }

  private List<LoggedRequest> campaignReads() {
    return server.findAll(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM))
        .withRequestBody(matchingJsonPath("$.query", matching(".* FROM campaign WHERE segments.date BETWEEN .*"))));
  }

  @Test
  void anOpenRangeAsksOnlyForDaysBetweenTheSourcesStartDateAndToday() {
    Clock clock = Clock.systemUTC();
    LocalDate today = LocalDate.now(clock.withZone(config.timeZone()));
    at(clock).fillGaps(Map.of("gads", Set.of("campaign_daily")),
        new DateRange(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
    List<LoggedRequest> reads = campaignReads();
    assertTrue(!reads.isEmpty() && reads.size() <= 15, reads.size() + " chunks from the start date");
    LocalDate earliest = LocalDate.parse(ApiStubs.GOOGLE_FIRST_DAY);
    LocalDate first = LocalDate.MAX;
    for (LoggedRequest read : reads) {
      Matcher m = BETWEEN.matcher(read.getBodyAsString());
      assertTrue(m.find(), read.getBodyAsString());
      assertTrue(!LocalDate.parse(m.group(1)).isBefore(earliest) && !LocalDate.parse(m.group(2)).isAfter(today),
          m.group() + " is outside " + earliest + ".." + today);
      first = LocalDate.parse(m.group(1)).isBefore(first) ? LocalDate.parse(m.group(1)) : first;
    }
    assertEquals(earliest, first, "the first day asked for is the start date");
  }

  @Test
  void aFailingRangeIsAskedAgainOnlyAfterTheCooldown() {
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE segments.date BETWEEN '2026-11-20' AND '2026-11-21'")
        .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": {\"code\": 400, \"message\": \"Request contains an invalid argument.\","
                + " \"status\": \"INVALID_ARGUMENT\"}}")));
    DateRange days = new DateRange(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 21));
    Map<String, Set<String>> campaigns = Map.of("gads", Set.of("campaign_daily"));
    Clock now = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    List<ApiTableSync.Outcome> first = at(now).fillGaps(campaigns, days);
    List<ApiTableSync.Outcome> again = at(Clock.offset(now, Duration.ofSeconds(30))).fillGaps(campaigns, days);
    assertEquals(1, campaignReads().size(), "asked once within a minute");
    assertTrue(first.get(0).failed() && again.get(0).failed() && again.get(0).error().contains("not asked again yet"),
        again.toString());
    at(Clock.offset(now, LiveReadCooldown.period().plusSeconds(1))).fillGaps(campaigns, days);
    assertEquals(2, campaignReads().size(), "asked again after the cooldown");
  }
}
