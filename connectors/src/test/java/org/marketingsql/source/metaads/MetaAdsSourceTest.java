package org.marketingsql.source.metaads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Feed;
import org.marketingsql.source.Batch;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.SocialAdStubs;

class MetaAdsSourceTest {
  /** 10:00 UTC is 11:00 in the account's Berlin time zone: today is the 22nd there. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final String INSIGHTS = SocialAdStubs.META + SocialAdStubs.META_ACCOUNT + "/insights";
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  private final List<Duration> waits = new ArrayList<>();

  static SourceConfig config(String endpoint, Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>(Map.of("accountId", SocialAdStubs.META_ACCOUNT));
    all.putAll(settings);
    // lookbackDays 14 (not the default 28) keeps an incremental read under the asynchronous threshold.
    return new SourceConfig("meta", MetaAdsSource.TYPE, null, null, null, 14, null,
        Map.of("accessToken", Secret.of("${env:META_TOKEN}", SocialAdStubs.META_TOKEN)), endpoint, null, false, all);
  }

  static RetryPolicy fast(int attempts) {
    return new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  private MetaAdsSource source(Map<String, Object> settings) {
    return new MetaAdsSource(config(server.baseUrl(), settings), fast(3), waits::add, CLOCK, Duration.ofSeconds(5), 3);
  }

  private ApiTable table(String name, Map<String, Object> settings) {
    return source(settings).tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void campaignInsightsAreReadToTheLastPageByCursorNeverByThePagingNextUrl() {
    SocialAdStubs.meta(server);
    Batch batch = table("campaign_daily", Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(2, batch.pages());
    assertEquals(List.of(
            "[120210000000000001|2026-11-20, 2026-11-20, 1234567890, 120210000000000001, Spring Sale, 10500, 321, 120.50, EUR, 7, 840.00, Acme Shop EU]",
            "[120210000000000001|2026-11-21, 2026-11-21, 1234567890, 120210000000000001, Spring Sale, 9800, 287, 99.99, EUR, 3, 359.97, Acme Shop EU]",
            "[120210000000000002|2026-11-21, 2026-11-21, 1234567890, 120210000000000002, Retargeting, 2000, 40, 45.01, EUR, 0, 0, Acme Shop EU]"),
        batch.rows().stream().map(Arrays::toString).toList());
    assertEquals(Optional.of("2026-11-22"), batch.cursor(), "today in the account's time zone");
    assertFalse(batch.complete());
    server.verify(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("level", equalTo("campaign"))
        .withQueryParam("time_increment", equalTo("1"))
        .withQueryParam("time_range", equalTo("{\"since\":\"2026-11-06\",\"until\":\"2026-11-22\"}"))
        .withQueryParam("fields", containing("actions,action_values,account_currency"))
        .withQueryParam("action_attribution_windows", absent()).withQueryParam("after", absent()));
    server.verify(getRequestedFor(urlPathEqualTo(INSIGHTS)).withQueryParam("after", equalTo("MQZDZD")));
    assertTrue(server.findAll(anyRequestedFor(anyUrl())).stream().noneMatch(r -> r.getUrl().contains("access_token")),
        "the paging.next URL, which carries a token, is never requested");
    server.verify(0, anyRequestedFor(anyUrl()).withHeader("Authorization", absent()));
  }

  @Test
  void conversionsAddUpTheConfiguredActionTypesGivenAsACommaStringOrAList() {
    SocialAdStubs.meta(server);
    for (Object types : List.of("purchase, lead", List.of("purchase", "lead"))) {
      List<Object[]> rows = table("campaign_daily", Map.of("conversionActionTypes", types)).fetcher()
          .fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE).rows();
      assertEquals(List.of(new BigDecimal("7"), new BigDecimal("5"), BigDecimal.ZERO),
          rows.stream().map(r -> (BigDecimal) r[9]).toList());
      assertEquals(new BigDecimal("359.97"), rows.get(1)[10], "lead has no value, purchase does");
    }
  }

  @Test
  void attributionWindowsAreSentOnlyWhenConfigured() {
    SocialAdStubs.meta(server);
    table("campaign_daily", Map.of("attributionWindows", List.of("7d_click", "1d_view"))).fetcher()
        .fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    server.verify(2, getRequestedFor(urlPathEqualTo(INSIGHTS))
        .withQueryParam("action_attribution_windows", equalTo("[\"7d_click\",\"1d_view\"]")));
  }

  @Test
  void aFirstSyncReadsTwoYearsThroughAnAsynchronousReportRunPolledUntilCompleted() {
    SocialAdStubs.meta(server);
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + "6001").inScenario("run")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(ApiStubs.json("meta-ads/report_running.json"))
        .willSetStateTo("done"));
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + "6001").inScenario("run").whenScenarioStateIs("done")
        .willReturn(ApiStubs.json("meta-ads/report_completed.json")));
    Batch batch = table("campaign_daily", Map.of()).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(3, batch.rows().size());
    assertEquals(2, batch.pages());
    server.verify(postRequestedFor(urlPathEqualTo(INSIGHTS)).withRequestBody(containing("level=campaign&"))
        .withRequestBody(containing("time_range=" + URLEncoder.encode(
            "{\"since\":\"2024-11-23\",\"until\":\"2026-11-22\"}", StandardCharsets.UTF_8))));
    server.verify(2, getRequestedFor(urlPathEqualTo(SocialAdStubs.META + "6001")));
    server.verify(0, getRequestedFor(urlPathEqualTo(INSIGHTS)));
    assertEquals(List.of(Duration.ofSeconds(5)), waits, "one wait between the two polls");
  }

  @Test
  void aReportRunThatNeverCompletesFailsAfterItsPollsNamingTheRun() {
    SocialAdStubs.meta(server);
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + "6001").atPriority(1)
        .willReturn(ApiStubs.json("meta-ads/report_running.json")));
    ApiException e = assertThrows(ApiException.class, () -> table("campaign_daily", Map.of()).fetcher()
        .fetch(Optional.empty(), ApiTable.Progress.NONE));
    assertEquals("account 1234567890: meta-ads report run 6001 was still 'Job Running' (42%) after 3 polls; try the sync again later",
        e.getMessage());
  }

  @Test
  void aRequestMetaFindsTooBigIsNotRetriedButReadThroughAReportRun() {
    SocialAdStubs.meta(server);
    server.stubFor(SocialAdStubs.metaGet(INSIGHTS).atPriority(1).withQueryParam("level", equalTo("campaign"))
        .willReturn(aResponse().withStatus(500).withBody(ApiStubs.fixture("meta-ads/error_too_much_data.json"))));
    Batch batch = table("campaign_daily", Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(3, batch.rows().size());
    server.verify(1, getRequestedFor(urlPathEqualTo(INSIGHTS)));
    server.verify(1, postRequestedFor(urlPathEqualTo(INSIGHTS)));
  }

  @Test
  void aRateLimitSentAsHttp400IsRetriedAndAnAlmostSpentQuotaPausesBeforeTheNextCall() {
    SocialAdStubs.meta(server);
    server.stubFor(SocialAdStubs.metaGet(INSIGHTS).atPriority(1).withQueryParam("after", absent())
        .inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withBody(ApiStubs.fixture("meta-ads/error_rate_limited.json")))
        .willSetStateTo("throttled"));
    server.stubFor(SocialAdStubs.metaGet(INSIGHTS).atPriority(1).withQueryParam("after", absent())
        .inScenario("limit").whenScenarioStateIs("throttled")
        .willReturn(ApiStubs.json("meta-ads/insights_campaign_page1.json")
            .withHeader("x-fb-ads-insights-throttle", "{\"app_id_util_pct\": 12.5, \"acc_id_util_pct\": 96.0}"))
        .willSetStateTo("fine"));
    Batch batch = table("campaign_daily", Map.of()).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(3, batch.rows().size());
    server.verify(3, getRequestedFor(urlPathEqualTo(INSIGHTS)));
    assertTrue(waits.contains(Duration.ofSeconds(30)),
        "96% spent: a minute's pause, within the policy's 30 s cap: " + waits);
  }

  @Test
  void theBusinessUseCaseHeaderAsksForTheMinutesMetaEstimates() {
    var headers = HttpHeaders.of(Map.of("x-business-use-case-usage", List.of(
        "{\"1234567890\": [{\"type\": \"ads_insights\", \"call_count\": 98, \"total_cputime\": 20, \"total_time\": 30,"
            + " \"estimated_time_to_regain_access\": 4}]}")), (a, b) -> true);
    assertEquals(Duration.ofMinutes(4), new GraphApiRules().pause(200, headers));
    var calm = HttpHeaders.of(Map.of("x-business-use-case-usage", List.of(
        "{\"1234567890\": [{\"type\": \"ads_insights\", \"call_count\": 40, \"total_cputime\": 20, \"total_time\": 30,"
            + " \"estimated_time_to_regain_access\": 0}]}")), (a, b) -> true);
    assertEquals(null, new GraphApiRules().pause(200, calm));
  }

  @Test
  void anExpiredAccessTokenSentAsHttp400FailsAtOnceNamingItsReferenceOnly() {
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + SocialAdStubs.META_ACCOUNT)
        .willReturn(aResponse().withStatus(400).withBody(ApiStubs.fixture("meta-ads/error_expired_token.json"))));
    ApiException e = assertThrows(ApiException.class, () -> source(Map.of()).probe());
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("refused the credential ${env:META_TOKEN} (HTTP 400)"), e.getMessage());
    assertFalse(e.getMessage().contains(SocialAdStubs.META_TOKEN));
    server.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void probeAsksForTheAccountsNameAndCurrencyOnce() {
    SocialAdStubs.meta(server);
    source(Map.of()).probe();
    server.verify(1, anyRequestedFor(anyUrl()));
    server.verify(getRequestedFor(urlPathEqualTo(SocialAdStubs.META + SocialAdStubs.META_ACCOUNT))
        .withQueryParam("fields", equalTo("name,currency")));
  }

  @Test
  void theAccountIdIsAcceptedWithOrWithoutItsPrefixAndAnythingElseIsRefused() {
    assertEquals("act_1234567890", MetaAdsSource.account("meta", "1234567890"));
    assertEquals("act_1234567890", MetaAdsSource.account("meta", " act_1234567890 "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MetaAdsSource.account("meta", "acme-shop"));
    assertEquals("source meta: accountId 'acme-shop' is not an ad account id such as act_1234567890", e.getMessage());
  }

  @Test
  void adSetAndAdTablesAndCampaignsAreDetailThatFeedsNothing() {
    SocialAdStubs.meta(server);
    MetaAdsSource source = source(Map.of());
    assertEquals(List.of("campaign_daily", "adset_daily", "ad_daily", "campaigns", "campaign_actions_daily", "accounts"),
        source.tables().stream().map(ApiTable::name).toList());
    assertEquals(List.of(Feed.Input.AD_SPEND, Feed.Input.CONVERSIONS, Feed.Input.ACCOUNTS), source.tables().stream()
        .filter(t -> t.feed() != null).map(t -> t.feed().input()).toList(), "ad spend, conversions, and the accounts");
    Object[] ad = source.tables().get(2).fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE).rows().get(0);
    assertEquals("[120210000000001001|2026-11-20, 2026-11-20, 1234567890, 120210000000000001, Spring Sale,"
        + " 120210000000000101, Spring Sale - Lookalike 1%, 120210000000001001, Carousel - shoes, 10500, 321, 120.50, EUR,"
        + " 7, 840.00, Acme Shop EU]", Arrays.toString(ad));
    Batch campaigns = source.tables().get(3).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertTrue(campaigns.complete());
    assertEquals("[120210000000000002, Retargeting, PAUSED, PAUSED, OUTCOME_TRAFFIC, AUCTION, 2026-11-14T23:00,"
        + " 2026-12-14T23:00, 2026-11-14T09:00, 2026-11-21T11:30, 1234567890, Acme Shop EU]", Arrays.toString(campaigns.rows().get(1)));
    assertEquals(LocalDate.of(2026, 11, 20), ad[1]);
  }

  @Test
  void aFirstSyncStartsAtTheConfiguredStartDateInsteadOfTwoYearsBack() {
    SocialAdStubs.meta(server);
    table("campaign_daily", Map.of("startDate", "2026-11-10")).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo(INSIGHTS))
        .withQueryParam("time_range", equalTo("{\"since\":\"2026-11-10\",\"until\":\"2026-11-22\"}")));
  }

  @Test
  void withoutLookbackDaysAnIncrementalSyncReReadsTheTwentyEightDaysMetaRestates() {
    SourceConfig byDefault = new SourceConfig("meta", MetaAdsSource.TYPE, null, null, null, null, null,
        config(server.baseUrl(), Map.of()).secrets(), server.baseUrl(), null, false,
        Map.of("accountId", SocialAdStubs.META_ACCOUNT));
    assertEquals(28, MetaAdsSource.TYPE.defaultLookbackDays());
    SocialAdStubs.meta(server);
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + "6001")
        .willReturn(ApiStubs.json("meta-ads/report_completed.json")));
    new MetaAdsSource(byDefault, fast(3), waits::add, CLOCK, Duration.ofSeconds(5), 3).tables().get(0).fetcher()
        .fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    server.verify(postRequestedFor(urlPathEqualTo(INSIGHTS)).withRequestBody(containing("time_range=" + URLEncoder.encode(
        "{\"since\":\"2026-10-23\",\"until\":\"2026-11-22\"}", StandardCharsets.UTF_8))));
  }
}
