package org.marketingsql.source.googleads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

/** The Google Ads source against recorded searchStream answers, synced into a real store. */
class GoogleAdsSourceTest {
  /** 2026-11-23 07:00 in New York, the fixtures' account time zone. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofSeconds(2), Duration.ofSeconds(2));

  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  @RegisterExtension
  final StoreFixture storeFixture = StoreFixture.duckDb();
  private Store store;
  private ApiTableSync sync;
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() {
    store = storeFixture.store();
    sync = new ApiTableSync(store, CLOCK);
  }

  private SourceConfig config(String loginCustomerId) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("customerId", "123-456-7890");
    settings.put("clientId", "1234-abc.apps.googleusercontent.com");
    settings.put("tokenEndpoint", server.baseUrl() + "/google/token");
    settings.put("startDate", ApiStubs.GOOGLE_FIRST_DAY);
    if (loginCustomerId != null) {
      settings.put("loginCustomerId", loginCustomerId);
    }
    return new SourceConfig("gads", GoogleAdsSource.TYPE, null, null, null, null, null, Map.of(
        "developerToken", Secret.of("${env:GOOGLE_ADS_DEVELOPER_TOKEN}", ApiStubs.GOOGLE_DEVELOPER_TOKEN),
        "clientSecret", Secret.of("${env:GOOGLE_ADS_CLIENT_SECRET}", ApiStubs.GOOGLE_CLIENT_SECRET),
        "refreshToken", Secret.of("${file:/run/secrets/google-ads-refresh}", ApiStubs.GOOGLE_REFRESH_TOKEN)),
        server.baseUrl(), null, false, settings);
  }

  private GoogleAdsSource source(RetryPolicy policy) {
    return new GoogleAdsSource(config("987-654-3210"), policy, sleeps::add, CLOCK);
  }

  private List<ApiTableSync.Outcome> syncAll() {
    return sync.run("gads", source(FAST).tables(), false, ApiTableSync.Listener.NONE);
  }

  private List<String> rows(String sql) {
    return store.read(h -> h.createQuery(sql).map((rs, ctx) -> {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.append(i == 1 ? "" : " ").append(rs.getString(i));
      }
      return row.toString();
    }).list());
  }

  private List<String> cursor(String table) {
    return rows("SELECT \"cursor\" FROM _marketing.sync_state WHERE source_name = 'gads' AND table_name = '" + table + "'");
  }

  private LoadState state(String table) {
    return store.read(h -> LoadState.forSource(h, "gads")).stream().filter(s -> s.tableName().equals(table))
        .findFirst().orElseThrow();
  }

  private static String outcomes(List<ApiTableSync.Outcome> outcomes) {
    return outcomes.stream().map(o -> o.table() + " " + o.rowCount() + (o.failed() ? " failed" : "")).toList().toString();
  }

  @Test
  void everyBatchOfTheStreamIsStoredAndCampaignDaysFeedAdSpendWithSpendExactFromMicros() {
    ApiStubs.googleAds(server);
    List<ApiTableSync.Outcome> outcomes = syncAll();
    assertEquals("[campaigns 2, ad_groups 1, campaign_daily 3, ad_group_daily 1, keyword_daily 1, conversion_actions 3,"
        + " campaign_conversions_daily 6, accounts 1]", outcomes(outcomes));
    assertEquals(List.of(
            "20001|2026-11-20 2026-11-20 1234567890 20001 Brand - Search 2310 120 153.420000 USD 14.000000 812.500000"
                + " Acme Shoes",
            "20001|2026-11-21 2026-11-21 1234567890 20001 Brand - Search 2004 98 131.070000 USD 11.500000 640.250000"
                + " Acme Shoes",
            "20002|2026-11-21 2026-11-21 1234567890 20002 Shoes - PMax 57 0 0.010000 USD 0.000000 0.000000 Acme Shoes"),
        rows("SELECT * FROM gads.campaign_daily ORDER BY id"));
    assertEquals(List.of("1234567890 1234567890 Acme Shoes USD America/New_York"), rows("SELECT * FROM gads.accounts"));
    assertEquals(List.of("google_ads 1234567890 Acme Shoes USD America/New_York"), rows("SELECT * FROM gads.ad_accounts"));
    assertEquals(List.of("30001 1234567890 Acme Shoes"), rows("SELECT ad_group_id, account_id, account_name"
        + " FROM gads.keyword_daily"));
    assertEquals(List.of("google_ads 3 284.500000 USD"),
        rows("SELECT platform, COUNT(*), SUM(spend), MIN(currency) FROM gads.ad_spend GROUP BY platform"));
    assertEquals("AD_SPEND", state("ad_spend").inputKind());
    assertEquals(List.of("30001~40001|2026-11-20 acme shoes EXACT 101.500000"),
        rows("SELECT id, keyword, match_type, spend FROM gads.keyword_daily"));
    assertEquals(List.of("20001 Brand - Search ENABLED SEARCH", "20002 Shoes - PMax PAUSED PERFORMANCE_MAX"),
        rows("SELECT id, name, status, channel_type FROM gads.campaigns ORDER BY id"));
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.GOOGLE_ACCESS_TOKEN))
        .withHeader("developer-token", equalTo(ApiStubs.GOOGLE_DEVELOPER_TOKEN))
        .withHeader("login-customer-id", equalTo("9876543210"))
        .withRequestBody(matchingJsonPath("$.query", equalTo("SELECT segments.date, customer.id, customer.currency_code,"
            + " campaign.id, campaign.name, metrics.impressions, metrics.clicks, metrics.cost_micros,"
            + " metrics.conversions, metrics.conversions_value FROM campaign"
            + " WHERE segments.date BETWEEN '2026-11-19' AND '2026-11-23'"))));
    assertEquals(List.of("2026-11-23"), cursor("campaign_daily"), "the cursor is today in the account's time zone");
  }

  @Test
  void conversionsByActionCountEveryActionAndCarryWhetherGoogleCountsItInItsConversionsMetric() {
    ApiStubs.googleAds(server);
    syncAll();
    assertEquals(List.of(
            "20001~7001|2026-11-20 7001 Purchase PURCHASE 12.000000 12.000000 780.500000 true true",
            "20001~7001|2026-11-21 7001 Purchase PURCHASE 11.500000 11.500000 640.250000 true true",
            "20001~7002|2026-11-20 7002 Sign-up SIGNUP 0.000000 5.000000 0.000000 false false",
            "20001~7003|2026-11-20 7003 Calls from ads PHONE_CALL_LEAD 2.000000 2.000000 32.000000 true true",
            "20001~7004|2026-11-21 7004 Old checkout PURCHASE 0.000000 1.000000 9.990000 null null",
            "20002~7002|2026-11-21 7002 Sign-up SIGNUP 0.000000 0.500000 0.000000 false false"),
        rows("SELECT id, conversion_action, conversion_action_name, conversion_action_category, conversions,"
            + " all_conversions, all_conversion_value, include_in_conversions_metric, primary_for_goal"
            + " FROM gads.campaign_conversions_daily ORDER BY id"));
    // the primary actions add up to the campaign's conversions metric of the day
    assertEquals(rows("SELECT \"date\", campaign_id, conversions, conversion_value FROM gads.campaign_daily"
            + " WHERE campaign_id = '20001' ORDER BY 1"),
        rows("SELECT \"date\", campaign_id, SUM(all_conversions), SUM(all_conversion_value)"
            + " FROM gads.campaign_conversions_daily WHERE include_in_conversions_metric GROUP BY 1, 2 ORDER BY 1"));
    assertEquals(List.of("google_ads 6 0 0 3"), rows("SELECT MIN(platform), COUNT(*), COUNT(click_through_conversions),"
        + " COUNT(view_through_conversions), COUNT(*) FILTER (WHERE platform_primary) FROM gads.conversions"));
    assertEquals("CONVERSIONS", state("conversions").inputKind());
    assertEquals(List.of("7001 Purchase PURCHASE true true", "7002 Sign-up SIGNUP false false",
        "7003 Calls from ads PHONE_CALL_LEAD true true"), rows("SELECT id, name, category, primary_for_goal,"
        + " include_in_conversions_metric FROM gads.conversion_actions ORDER BY id"));
  }

  @Test
  void theRefreshTokenIsExchangedOnceForTheWholeSyncAndWithoutALoginCustomerIdNoneIsSent() {
    ApiStubs.googleAds(server);
    sync.run("gads", new GoogleAdsSource(config(null), FAST, d -> { }, CLOCK).tables(), false, ApiTableSync.Listener.NONE);
    server.verify(1, postRequestedFor(urlPathEqualTo("/google/token"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("client_id=1234-abc.apps.googleusercontent.com")));
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)).withHeader("login-customer-id", absent()));
  }

  @Test
  void anAccessTokenRefusedWith401IsRenewedOnceAndTheCallRepeated() {
    ApiStubs.googleAds(server);
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign").inScenario("expired")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(401)
            .withBody("{\"error\": {\"code\": 401, \"message\": \"Request had invalid authentication credentials.\","
                + " \"status\": \"UNAUTHENTICATED\"}}")).willSetStateTo("renewed"));
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign").inScenario("expired").whenScenarioStateIs("renewed")
        .willReturn(ApiStubs.json("google-ads/campaigns.json")));
    assertFalse(syncAll().get(0).failed());
    server.verify(2, postRequestedFor(urlPathEqualTo("/google/token")));
    assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM gads.campaigns"));
  }

  @Test
  void a429WithRetryAfterAndThenA500AreRetriedAndTheStreamStillArrives() {
    ApiStubs.googleAds(server);
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE .*").atPriority(1).inScenario("busy")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
            .withBody("{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted (e.g. check quota).\","
                + " \"status\": \"RESOURCE_EXHAUSTED\"}}")).willSetStateTo("erroring"));
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE .*").atPriority(1).inScenario("busy")
        .whenScenarioStateIs("erroring").willReturn(aResponse().withStatus(500)).willSetStateTo("fine"));
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE .*").atPriority(1).inScenario("busy")
        .whenScenarioStateIs("fine").willReturn(ApiStubs.json("google-ads/campaign_daily.json")));
    RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    ApiTableSync.Outcome daily = sync.run("gads", source(patient).tables(), false, ApiTableSync.Listener.NONE).get(2);
    assertNull(daily.error());
    assertEquals(3L, daily.rowCount());
    assertTrue(sleeps.contains(Duration.ofSeconds(2)), "Retry-After was honoured: " + sleeps);
  }

  @Test
  void aTimeoutKeepsTheLastGoodDaysWhileTheOtherTablesSync() {
    ApiStubs.googleAds(server);
    syncAll();
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE .*").atPriority(1)
        .willReturn(ApiStubs.json("google-ads/campaign_daily.json").withFixedDelay(1500)));
    RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofMillis(200));
    List<ApiTableSync.Outcome> outcomes = sync.run("gads", source(impatient).tables(), true, ApiTableSync.Listener.NONE);
    assertEquals("reading gads.campaign_daily failed: account 1234567890: google-ads POST " + ApiStubs.GOOGLE_STREAM
        + " failed 2 times, last with a timeout; try the sync again later", outcomes.get(2).error());
    assertFalse(outcomes.get(0).failed());
    assertFalse(outcomes.get(3).failed());
    assertEquals(List.of("3 284.500000"), rows("SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily"));
    assertEquals(List.of("284.500000"), rows("SELECT SUM(spend) FROM gads.ad_spend"));
    assertEquals("ok", state("campaign_daily").status());
  }

  @Test
  void aStreamCutOffMidwayLeavesTheTableAsTheLastGoodSyncLeftIt() {
    ApiStubs.googleAds(server);
    syncAll();
    List<String> before = rows("SELECT * FROM gads.campaign_daily ORDER BY id");
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE .*").atPriority(1).willReturn(aResponse()
        .withStatus(200).withBody("[{\"results\": [{\"campaign\": {\"id\": \"20001\", \"name\": ")));
    ApiTableSync.Outcome daily = sync.run("gads", source(FAST).tables(), true, ApiTableSync.Listener.NONE).get(2);
    assertTrue(daily.error().startsWith("reading gads.campaign_daily failed: account 1234567890: google-ads POST " + ApiStubs.GOOGLE_STREAM
        + " answered with malformed JSON"), daily.error());
    assertEquals(before, rows("SELECT * FROM gads.campaign_daily ORDER BY id"));
    assertEquals(List.of("284.500000"), rows("SELECT SUM(spend) FROM gads.ad_spend"));
  }

  @Test
  void anErrorAtTheEndOfAStreamFailsTheTableWithGooglesStatusAndMessage() {
    ApiStubs.googleAds(server);
    server.stubFor(ApiStubs.googleQuery(".* FROM ad_group").willReturn(aResponse().withStatus(200).withBody(
        "[{\"results\": [{\"adGroup\": {\"id\": \"30001\"}}]}, {\"error\": {\"code\": 500, \"message\": \"Internal"
            + " error encountered.\", \"status\": \"INTERNAL\"}}]")));
    ApiTableSync.Outcome groups = syncAll().get(1);
    assertEquals("reading gads.ad_groups failed: account 1234567890: google-ads POST " + ApiStubs.GOOGLE_STREAM
        + " failed during the stream: INTERNAL: Internal error encountered.", groups.error());
    assertEquals("failed", state("ad_groups").status());
  }

  @Test
  void aRefusalNamesGooglesStatusMessageAndFailureButNoCredential() {
    ApiStubs.googleAds(server);
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign").willReturn(aResponse().withStatus(400)
        .withBody(ApiStubs.fixture("google-ads/error_invalid_argument.json"))));
    server.stubFor(ApiStubs.googleQuery(".* FROM ad_group").willReturn(aResponse().withStatus(403)
        .withBody(ApiStubs.fixture("google-ads/error_permission_denied.json"))));
    List<ApiTableSync.Outcome> outcomes = syncAll();
    assertEquals("reading gads.campaigns failed: account 1234567890: google-ads POST " + ApiStubs.GOOGLE_STREAM + " was refused with HTTP"
        + " 400: INVALID_ARGUMENT: Request contains an invalid argument. (Unrecognized field in the query:"
        + " 'campaign.nonexistent'.; queryError UNRECOGNIZED_FIELD) [request Iq7kWd1rBu6vOy3aK8q2cH]",
        outcomes.get(0).error());
    assertTrue(outcomes.get(1).error().contains("PERMISSION_DENIED: The caller does not have permission (User doesn't"
        + " have permission to access customer."), outcomes.get(1).error());
    assertTrue(outcomes.get(1).error().contains("refused the credential ${file:/run/secrets/google-ads-refresh}"
        + " (access token) (HTTP 403)"), outcomes.get(1).error());
    assertFalse(outcomes.get(2).failed(), "the daily tables still sync");
  }

  @Test
  void aDeveloperTokenEchoedInAnErrorIsMaskedBeforeItReachesTheStore() {
    ApiStubs.googleAds(server);
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign").willReturn(aResponse().withStatus(400).withBody(
        "{\"error\": {\"code\": 400, \"status\": \"INVALID_ARGUMENT\", \"message\": \"Invalid developer token '"
            + ApiStubs.GOOGLE_DEVELOPER_TOKEN + "'.\"}}")));
    String error = syncAll().get(0).error();
    assertTrue(error.endsWith("INVALID_ARGUMENT: Invalid developer token '***'."), error);
    assertFalse(String.join("\n", rows("SELECT * FROM _marketing.load_state")).contains(ApiStubs.GOOGLE_DEVELOPER_TOKEN));
  }

  @Test
  void anExpiredRefreshTokenFailsEveryTableNamingTheReferenceAndStoresNoSecret() {
    ApiStubs.googleAds(server);
    server.stubFor(post(urlPathEqualTo("/google/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(ApiStubs.fixture("google-ads/invalid_grant.json"))));
    List<ApiTableSync.Outcome> outcomes = syncAll();
    assertTrue(outcomes.stream().allMatch(ApiTableSync.Outcome::failed), outcomes(outcomes));
    String error = state("campaign_daily").error();
    assertTrue(error.contains("refused the refresh token ${file:/run/secrets/google-ads-refresh} (HTTP 400)"), error);
    assertTrue(error.contains("authorise the app again"), error);
    assertEquals("failed", state("campaign_daily").status());
    String everything = String.join("\n", rows("SELECT * FROM _marketing.load_state"));
    for (String secret : List.of(ApiStubs.GOOGLE_REFRESH_TOKEN, ApiStubs.GOOGLE_CLIENT_SECRET,
        ApiStubs.GOOGLE_DEVELOPER_TOKEN)) {
      assertFalse(everything.contains(secret), everything);
    }
    server.verify(0, postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)));
  }

  @Test
  void anIncrementalSyncRereadsTheThirtyDayConversionWindowBeforeTheCursorAndKeepsOlderDays() {
    ApiStubs.googleAds(server);
    syncAll();
    server.resetRequests();
    Clock later = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    List<ApiTableSync.Outcome> outcomes = new ApiTableSync(store, later).run("gads",
        new GoogleAdsSource(config(null), FAST, d -> { }, later).tables(), false, ApiTableSync.Listener.NONE);
    assertEquals(null, outcomes.get(2).error());
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)).withRequestBody(matchingJsonPath("$.query",
        containing("FROM campaign WHERE segments.date BETWEEN '2026-10-24' AND '2026-11-30'"))));
    assertEquals(List.of("3 284.500000"), rows("SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily"));
    assertEquals(List.of("2026-11-30"), cursor("campaign_daily"));
  }

  @Test
  void aLongFirstReadIsSplitIntoChunksOfNinetyDays() {
    ApiStubs.googleAds(server);
    SourceConfig config = config(null);
    Map<String, Object> settings = new LinkedHashMap<>(config.settings());
    settings.put("startDate", "2026-05-01");
    SourceConfig longer = new SourceConfig("gads", GoogleAdsSource.TYPE, null, null, null, null, null,
        config.secrets(), config.endpoint(), null, false, settings);
    ApiTable daily = new GoogleAdsSource(longer, FAST, d -> { }, CLOCK).tables().get(2);
    assertEquals(3, daily.fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).pages());
    for (String window : List.of("'2026-05-01' AND '2026-07-29'", "'2026-07-30' AND '2026-10-27'",
        "'2026-10-28' AND '2026-11-23'")) {
      server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM))
          .withRequestBody(matchingJsonPath("$.query", containing("FROM campaign WHERE segments.date BETWEEN " + window))));
    }
  }

  @Test
  void theProbeRefreshesTheTokenAndAsksForOneCustomerRow() {
    ApiStubs.googleAds(server);
    source(FAST).probe();
    server.verify(1, postRequestedFor(urlPathEqualTo("/google/token")));
    server.verify(1, postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)).withRequestBody(
        matchingJsonPath("$.query", equalTo("SELECT customer.id FROM customer LIMIT 1"))));
  }

  @Test
  void aCustomerIdThatIsNotOneIsRefusedBeforeAnyCall() {
    Map<String, Object> settings = new LinkedHashMap<>(config(null).settings());
    settings.put("customerId", "acme");
    SourceConfig bad = new SourceConfig("gads", GoogleAdsSource.TYPE, null, null, null, null, null,
        config(null).secrets(), server.baseUrl(), null, false, settings);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GoogleAdsSource(bad, FAST, d -> { }, CLOCK));
    assertEquals("source gads: customerId 'acme' is not a Google Ads customer id such as 123-456-7890", e.getMessage());
  }
}
