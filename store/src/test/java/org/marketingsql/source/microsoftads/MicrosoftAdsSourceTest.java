package org.marketingsql.source.microsoftads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

/** The Microsoft Advertising source against recorded Reporting service answers, synced into a real store. */
class MicrosoftAdsSourceTest {
  /** The day after the recorded report's last row. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-14T12:00:00Z"), ZoneOffset.UTC);
  private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final Duration POLL = Duration.ofSeconds(5);

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

  private SourceConfig config() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("accountId", "1234567");
    settings.put("customerId", 151000000);
    settings.put("clientId", "4c0b021f-0000-4000-8000-00000000abcd");
    settings.put("tokenEndpoint", server.baseUrl() + "/microsoft/token");
    settings.put("startDate", "2025-07-01");
    return new SourceConfig("msads", MicrosoftAdsSource.TYPE, null, null, null, null, null, Map.of(
        "developerToken", Secret.of("${env:MSADS_DEVELOPER_TOKEN}", ApiStubs.MICROSOFT_DEVELOPER_TOKEN),
        "clientSecret", Secret.of("${env:MSADS_CLIENT_SECRET}", ApiStubs.MICROSOFT_CLIENT_SECRET),
        "refreshToken", Secret.of("${env:MSADS_REFRESH_TOKEN}", ApiStubs.MICROSOFT_REFRESH_TOKEN)),
        server.baseUrl(), null, false, settings);
  }

  private MicrosoftAdsSource source(RetryPolicy policy, int maxPolls) {
    return new MicrosoftAdsSource(config(), policy, sleeps::add, CLOCK, POLL, maxPolls);
  }

  private ApiTableSync.Outcome syncOnce(RetryPolicy policy) {
    return sync.run("msads", source(policy, 3).tables(), false, ApiTableSync.Listener.NONE).get(0);
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

  private LoadState state(String table) {
    return store.read(h -> LoadState.forSource(h, "msads")).stream().filter(s -> s.tableName().equals(table))
        .findFirst().orElseThrow();
  }

  @Test
  void aReportIsSubmittedPolledUntilSuccessDownloadedAndFeedsAdSpend() {
    ApiStubs.microsoftAds(server);
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertNull(outcome.error());
    assertEquals(4, outcome.pages(), "submit, two polls, download");
    // conversions: ConversionsQualified (3.00 where the deprecated Conversions says 0), else Conversions (9 July)
    assertEquals(List.of(
            "555|2025-07-08 2025-07-08 1234567 Acme 555 Shoes 1000 35 42.500000 USD 3.000000 120.000000",
            "555|2025-07-09 2025-07-09 1234567 Acme 555 Shoes 800 20 30.250000 USD 1.000000 40.000000",
            "556|2025-07-13 2025-07-13 1234567 Acme 556 Boots 50 1 0.990000 USD 0.000000 0.000000"),
        rows("SELECT * FROM msads.campaign_daily ORDER BY id"));
    assertEquals(List.of("microsoft_ads 3 73.740000 USD"),
        rows("SELECT platform, COUNT(*), SUM(spend), MIN(currency) FROM msads.ad_spend GROUP BY platform"));
    assertEquals(List.of(POLL, POLL, POLL), sleeps,
        "the Sleeper waits before each poll: the campaign report's two, then the conversion report's one");
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.MICROSOFT_ACCESS_TOKEN))
        .withHeader("DeveloperToken", equalTo(ApiStubs.MICROSOFT_DEVELOPER_TOKEN))
        .withHeader("CustomerId", equalTo("151000000"))
        .withHeader("CustomerAccountId", equalTo("1234567"))
        .withRequestBody(equalToJson("""
            {"ReportRequest": {"Type": "CampaignPerformanceReportRequest", "Format": "Csv", "FormatVersion": "2.0",
              "Aggregation": "Daily", "ReturnOnlyCompleteData": false,
              "Columns": ["TimePeriod", "AccountId", "AccountName", "CampaignId", "CampaignName", "CurrencyCode",
                "Impressions", "Clicks", "Spend", "ConversionsQualified", "Conversions", "Revenue"],
              "Scope": {"AccountIds": [1234567]},
              "Time": {"CustomDateRangeStart": {"Day": 1, "Month": 7, "Year": 2025},
                "CustomDateRangeEnd": {"Day": 14, "Month": 7, "Year": 2025},
                "ReportTimeZone": "PacificTimeUSCanadaTijuana"}}}
            """, true, true)));
    server.verify(2, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_POLL))
        .withRequestBody(equalToJson("{\"ReportRequestId\": \"30000001234567890\"}")));
    server.verify(getRequestedFor(urlPathEqualTo("/download/report.zip")).withoutHeader("Authorization"));
    server.verify(1, postRequestedFor(urlPathEqualTo("/microsoft/token"))
        .withRequestBody(containing("scope=https%3A%2F%2Fads.microsoft.com%2Fmsads.manage+offline_access"))
        .withRequestBody(containing("grant_type=refresh_token")));
  }

  @Test
  void conversionsByGoalAreAConversionReportAskedInTheAccountsZoneAndStoredInItsCurrency() {
    ApiStubs.microsoftAds(server);
    List<ApiTableSync.Outcome> outcomes = sync.run("msads", source(FAST, 3).tables(), false,
        ApiTableSync.Listener.NONE);
    assertEquals("[campaign_daily 3 rows null, campaign_conversions_daily 6 rows null, accounts 1 rows null]",
        outcomes.stream().map(o -> o.table() + " " + o.rowCount() + " rows " + o.error()).toList().toString());
    server.verify(1, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT))
        .withHeader("CustomerAccountId", equalTo("1234567"))
        .withRequestBody(equalToJson("""
            {"ReportRequest": {"Type": "ConversionPerformanceReportRequest", "Format": "Csv", "FormatVersion": "2.0",
              "ExcludeColumnHeaders": false, "ExcludeReportHeader": false, "ExcludeReportFooter": false,
              "ReportName": "marketing-sql campaign_conversions_daily", "ReturnOnlyCompleteData": false,
              "Aggregation": "Daily",
              "Columns": ["TimePeriod", "AccountId", "AccountName", "CampaignId", "CampaignName", "GoalId", "Goal",
                "GoalType", "ConversionsQualified", "Conversions", "AllConversionsQualified", "AllConversions",
                "ViewThroughConversionsQualified", "ViewThroughConversions", "Revenue", "AllRevenue",
                "ViewThroughRevenue"],
              "Scope": {"AccountIds": [1234567]},
              "Time": {"CustomDateRangeStart": {"Day": 1, "Month": 7, "Year": 2025},
                "CustomDateRangeEnd": {"Day": 14, "Month": 7, "Year": 2025},
                "ReportTimeZone": "PacificTimeUSCanadaTijuana"}}}
            """)));
    server.verify(1, getRequestedFor(urlPathEqualTo("/download/conversions.zip")));
    // the qualified counts, not the older columns' zeros; USD from GetAccount, as the report has no currency
    assertEquals(List.of(
            "555~4001|2025-07-08 2025-07-08 1234567 Acme 555 Shoes 4001 Purchase Event USD 2.000000 100.000000"
                + " 2.000000 100.000000 0.000000 0.000000 true",
            "555~4001|2025-07-09 2025-07-09 1234567 Acme 555 Shoes 4001 Purchase Event USD 1.000000 40.000000"
                + " 1.000000 40.000000 1.000000 35.000000 true",
            "555~4002|2025-07-08 2025-07-08 1234567 Acme 555 Shoes 4002 Sign-up Url USD 1.000000 20.000000"
                + " 1.000000 20.000000 0.000000 0.000000 true",
            "555~4003|2025-07-08 2025-07-08 1234567 Acme 555 Shoes 4003 Newsletter Event USD 4.000000 0.000000"
                + " 0.000000 0.000000 0.000000 0.000000 false",
            // without conversions on the row, still primary: Campaign Management says Purchase counts for bidding
            "556~4001|2025-07-13 2025-07-13 1234567 Acme 556 Boots 4001 Purchase Event USD 0.000000 0.000000"
                + " 0.000000 0.000000 0.000000 0.000000 true",
            "556~4003|2025-07-13 2025-07-13 1234567 Acme 556 Boots 4003 Newsletter Event USD 2.500000 12.500000"
                + " 0.000000 0.000000 0.000000 0.000000 false"),
        rows("SELECT * FROM msads.campaign_conversions_daily ORDER BY id"));
  }

  @Test
  void conversionsByGoalFeedFinancesConversionsWithViewThroughAndNoClickThroughCount() {
    ApiStubs.microsoftAds(server);
    sync.run("msads", source(FAST, 3).tables(), false, ApiTableSync.Listener.NONE);
    assertEquals(List.of(
            "2025-07-08 microsoft_ads 1234567 555 Shoes 4001 Purchase USD 2.000000 100.000000 null 0.000000 true",
            "2025-07-08 microsoft_ads 1234567 555 Shoes 4002 Sign-up USD 1.000000 20.000000 null 0.000000 true",
            "2025-07-08 microsoft_ads 1234567 555 Shoes 4003 Newsletter USD 4.000000 0.000000 null 0.000000 false",
            "2025-07-09 microsoft_ads 1234567 555 Shoes 4001 Purchase USD 1.000000 40.000000 null 1.000000 true",
            "2025-07-13 microsoft_ads 1234567 556 Boots 4001 Purchase USD 0.000000 0.000000 null 0.000000 true",
            "2025-07-13 microsoft_ads 1234567 556 Boots 4003 Newsletter USD 2.500000 12.500000 null 0.000000 false"),
        rows("SELECT \"date\", platform, account_id, campaign_id, campaign_name, conversion_action,"
            + " conversion_action_name, currency, conversions, conversion_value, click_through_conversions,"
            + " view_through_conversions, platform_primary FROM msads.conversions ORDER BY \"date\", campaign_id,"
            + " conversion_action"));
    // the goals Microsoft counts as conversions add up to the campaign report's conversions and revenue
    assertEquals(rows("SELECT \"date\", campaign_id, conversions, conversion_value FROM msads.ad_spend"
            + " WHERE conversions > 0 ORDER BY 1, 2"),
        rows("SELECT \"date\", campaign_id, SUM(conversions), SUM(conversion_value) FROM msads.conversions"
            + " WHERE platform_primary GROUP BY 1, 2 HAVING SUM(conversions) > 0 ORDER BY 1, 2"));
  }

  @Test
  void eachGoalsExcludeFromBiddingIsAskedOfCampaignManagementOncePerSync() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    syncOnce(FAST);
    server.verify(2, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_GOALS))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.MICROSOFT_ACCESS_TOKEN))
        .withHeader("DeveloperToken", equalTo(ApiStubs.MICROSOFT_DEVELOPER_TOKEN))
        .withHeader("CustomerId", equalTo("151000000"))
        .withHeader("CustomerAccountId", equalTo("1234567"))
        .withRequestBody(equalToJson("""
            {"ConversionGoalIds": null, "ConversionGoalTypes":
              "Url,Duration,PagesViewedPerVisit,Event,AppInstall,OfflineConversion,InStoreTransaction",
             "ReturnAdditionalFields": null}
            """)));
    assertEquals(List.of("4001 true", "4002 true", "4003 false"), rows("SELECT DISTINCT conversion_action,"
        + " platform_primary FROM msads.campaign_conversions_daily ORDER BY 1"));
  }

  @Test
  void whenCampaignManagementRefusesTheGoalsForLackOfPermissionThePrimaryGoalsAreReadFromTheNumbers() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_GOALS)).atPriority(1).willReturn(aResponse()
        .withStatus(401).withHeader("Content-Type", "application/json").withBody("""
            {"OperationErrors": [{"Code": 105, "Details": null, "ErrorCode": "InvalidCredentials",
              "Message": "Authentication failed. Either supplied credentials are invalid or the account is inactive."}],
             "BatchErrors": [], "TrackingId": "5d2e1c55-0000-4000-8000-000000000001", "Type": "ApiFaultDetail"}
            """)));
    ApiTableSync.Outcome conversions = sync.run("msads", source(FAST, 3).tables(), false,
        ApiTableSync.Listener.NONE).get(1);
    assertNull(conversions.error());
    // the Boots row has no conversions: unknown from the numbers
    assertEquals(List.of("556~4001|2025-07-13 null", "556~4003|2025-07-13 false"), rows("SELECT id,"
        + " platform_primary FROM msads.campaign_conversions_daily WHERE campaign_id = '556' ORDER BY id"));
  }

  @Test
  void anyOtherFailureOfTheGoalsCallFailsTheConversionsNamingTheEndpoint() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_GOALS)).atPriority(1).willReturn(aResponse()
        .withStatus(400).withHeader("Content-Type", "application/json")
        .withBody(ApiStubs.fixture("microsoft-ads/operation_error.json"))));
    String error = sync.run("msads", source(FAST, 3).tables(), false, ApiTableSync.Listener.NONE).get(1).error();
    assertTrue(error != null && error.contains(ApiStubs.MICROSOFT_GOALS), String.valueOf(error));
  }

  @Test
  void aRangedReadOfConversionsAsksForExactlyThoseDays() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    server.resetRequests();
    List<org.marketingsql.source.ApiTable> conversions = source(FAST, 3).tables().stream()
        .filter(t -> t.name().equals("campaign_conversions_daily")).toList();

    ApiTableSync.Outcome outcome = sync.runRange("msads", conversions, new org.marketingsql.source.DateRange(
        LocalDate.of(2025, 7, 8), LocalDate.of(2025, 7, 9)), ApiTableSync.Listener.NONE).get(0);

    assertNull(outcome.error());
    server.verify(1, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Type": "ConversionPerformanceReportRequest",
          "Time": {"CustomDateRangeStart": {"Day": 8, "Month": 7, "Year": 2025},
          "CustomDateRangeEnd": {"Day": 9, "Month": 7, "Year": 2025}}}}
        """, true, true)));
    assertEquals(List.of("6"), rows("SELECT COUNT(*) FROM msads.campaign_conversions_daily"));
  }

  @Test
  void aReportWhoseQualifiedColumnsAreEmptyTakesTheCountsFromTheOlderColumns() {
    ApiStubs.microsoftAds(server);
    // an account without the qualified columns yet: they are empty, the older columns carry the counts
    String older = ApiStubs.fixture("microsoft-ads-conversions/conversion_performance.csv").replace(
        "\"Purchase\",\"Event\",\"1\",\"0\",\"1\",\"0\",\"1\",\"0\"",
        "\"Purchase\",\"Event\",\"\",\"1\",\"\",\"1\",\"\",\"1\"");
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/download/conversions.zip"))
        .atPriority(1).willReturn(aResponse().withStatus(200).withBody(ApiStubs.zip("conversions.csv", older))));
    sync.run("msads", source(FAST, 3).tables(), false, ApiTableSync.Listener.NONE);
    assertEquals(List.of("1.000000 1.000000 1.000000 true"), rows("SELECT conversions, bidding_conversions,"
        + " view_through_conversions, platform_primary FROM msads.campaign_conversions_daily"
        + " WHERE id = '555~4001|2025-07-09'"));
  }

  @Test
  void aConversionReportWithAValueThatIsNoNumberFailsNamingTheLineAndColumnAndKeepsTheLastGoodData() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/download/conversions.zip"))
        .atPriority(1).willReturn(aResponse().withStatus(200).withBody(ApiStubs.zip("conversions.csv",
            ApiStubs.fixture("microsoft-ads-conversions/conversion_performance.csv").replace("\"12.50\"",
                "\"12,50 $\"")))));
    List<ApiTableSync.Outcome> outcomes = sync.run("msads", source(FAST, 3).tables(), false,
        ApiTableSync.Listener.NONE);
    String error = outcomes.get(1).error();
    assertTrue(error.startsWith("reading msads.campaign_conversions_daily failed: account 1234567: microsoft-ads"
        + " report download could not be read: "), error);
    assertTrue(error.contains("line 17") && error.contains("AllRevenue") && error.contains("'12,50 $' is not a number"),
        error);
    assertEquals(List.of("6"), rows("SELECT COUNT(*) FROM msads.campaign_conversions_daily"));
  }


  @Test
  void aRangedReadRequestsAReportForExactlyThoseDaysAndLeavesTheCursor() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    String cursor = rows("SELECT \"cursor\" FROM _marketing.sync_state WHERE table_name = 'campaign_daily'").get(0);
    server.resetRequests();

    ApiTableSync.Outcome outcome = sync.runRange("msads", source(FAST, 3).tables().subList(0, 1), new org.marketingsql.source.DateRange(
        LocalDate.of(2025, 7, 9), LocalDate.of(2025, 7, 10)), ApiTableSync.Listener.NONE).get(0);

    assertNull(outcome.error());
    server.verify(1, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Time": {"CustomDateRangeStart": {"Day": 9, "Month": 7, "Year": 2025},
          "CustomDateRangeEnd": {"Day": 10, "Month": 7, "Year": 2025}}}}
        """, true, true)));
    assertEquals(List.of(cursor),
        rows("SELECT \"cursor\" FROM _marketing.sync_state WHERE table_name = 'campaign_daily'"));
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM msads.campaign_daily"));
  }

  @Test
  void aSuccessWithoutADownloadUrlMeansNoDataAndMovesTheCursor() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_POLL)).atPriority(1)
        .willReturn(ApiStubs.json("microsoft-ads/poll_success_no_data.json")));
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertNull(outcome.error());
    assertEquals(0L, outcome.rowCount());
    assertEquals(List.of("2025-07-14"), rows("SELECT \"cursor\" FROM _marketing.sync_state WHERE table_name = 'campaign_daily'"));
    server.verify(0, getRequestedFor(urlPathEqualTo("/download/report.zip")));
  }

  @Test
  void aReportThatEndsInErrorKeepsTheLastGoodData() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    server.resetAll();
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_POLL)).atPriority(1)
        .willReturn(ApiStubs.json("microsoft-ads/poll_error.json")));
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertEquals("reading msads.campaign_daily failed: account 1234567: microsoft-ads POST " + ApiStubs.MICROSOFT_POLL
        + ": Microsoft Advertising could not build report 30000001234567890 (status Error); try the sync again, and if"
        + " it keeps failing, check the account's access to reports", outcome.error());
    assertEquals(List.of("3 73.740000"), rows("SELECT COUNT(*), SUM(spend) FROM msads.campaign_daily"));
    assertEquals("ok", state("campaign_daily").status(), "the last good data stays readable");
    assertEquals(outcome.error(), state("campaign_daily").error());
  }

  @Test
  void aReportStillPendingAfterTheLastPollFailsWithoutWaitingForever() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_POLL)).atPriority(1)
        .willReturn(ApiStubs.json("microsoft-ads/poll_pending.json")));
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertEquals("reading msads.campaign_daily failed: account 1234567: microsoft-ads POST " + ApiStubs.MICROSOFT_POLL + ": report"
        + " 30000001234567890 was still Pending after 3 polls 5 s apart; try the sync again later", outcome.error());
    server.verify(3, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_POLL))
        .withRequestBody(equalToJson("{\"ReportRequestId\": \"" + ApiStubs.MICROSOFT_CAMPAIGN_REPORT + "\"}")));
    assertEquals("failed", state("campaign_daily").status());
  }

  @Test
  void a429WithRetryAfterAndThenA500OnSubmitAreRetried() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).atPriority(1).inScenario("busy")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
        .willSetStateTo("erroring"));
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).atPriority(1).inScenario("busy")
        .whenScenarioStateIs("erroring").willReturn(aResponse().withStatus(500)).willSetStateTo("fine"));
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).atPriority(1).inScenario("busy")
        .whenScenarioStateIs("fine").willReturn(ApiStubs.json("microsoft-ads/submit.json")));
    RetryPolicy patient = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    ApiTableSync.Outcome outcome = syncOnce(patient);
    assertNull(outcome.error());
    assertEquals(3L, outcome.rowCount());
    assertTrue(sleeps.contains(Duration.ofSeconds(3)), "Retry-After was honoured: " + sleeps);
  }

  @Test
  void aPollThatTimesOutFailsTheTableAndKeepsItsData() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_POLL)).atPriority(1)
        .willReturn(ApiStubs.microsoftPollSuccess(server).withFixedDelay(1500)));
    RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofMillis(200));
    ApiTableSync.Outcome outcome = syncOnce(impatient);
    assertEquals("reading msads.campaign_daily failed: account 1234567: microsoft-ads POST " + ApiStubs.MICROSOFT_POLL
        + " failed 2 times, last with a timeout; try the sync again later", outcome.error());
    assertEquals(List.of("73.740000"), rows("SELECT SUM(spend) FROM msads.ad_spend"));
  }

  @Test
  void malformedJsonFromThePollLeavesTheTableAsItWas() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    List<String> before = rows("SELECT * FROM msads.campaign_daily ORDER BY id");
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_POLL)).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody("{\"ReportRequestStatus\": {\"Status\": ")));
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertTrue(outcome.error().startsWith("reading msads.campaign_daily failed: account 1234567: microsoft-ads POST "
        + ApiStubs.MICROSOFT_POLL + " answered with malformed JSON"), outcome.error());
    assertEquals(before, rows("SELECT * FROM msads.campaign_daily ORDER BY id"));
  }

  @Test
  void aDownloadThatIsNotACampaignReportFailsNamingWhatTheReaderMissed() {
    ApiStubs.microsoftAds(server);
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/download/report.zip"))
        .atPriority(1).willReturn(aResponse().withStatus(200).withBody(ApiStubs.zip("keywords.csv",
            ApiStubs.fixture("platforms/microsoft-ads/reports_md_example1.csv")))));
    String error = syncOnce(FAST).error();
    assertTrue(error.startsWith("reading msads.campaign_daily failed: account 1234567: microsoft-ads report download could not be read: "),
        error);
    assertEquals("failed", state("campaign_daily").status());
  }

  @Test
  void aRefusedRequestShowsMicrosoftsErrorCodeMessageAndTrackingId() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).atPriority(1).willReturn(aResponse().withStatus(400)
        .withBody(ApiStubs.fixture("microsoft-ads/operation_error.json"))));
    assertEquals("reading msads.campaign_daily failed: account 1234567: microsoft-ads POST " + ApiStubs.MICROSOFT_SUBMIT + " was refused"
        + " with HTTP 400: NullRequest 100: The request message is null. [tracking"
        + " 65602e3d-f6ff-4968-920c-e420989c9e31]", syncOnce(FAST).error());
  }

  @Test
  void anExpiredRefreshTokenIsRecordedNamingTheReferenceAndNoSecretIsStored() {
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo("/microsoft/token")).atPriority(1).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(ApiStubs.fixture("microsoft-ads/invalid_grant.json"))));
    ApiTableSync.Outcome outcome = syncOnce(FAST);
    assertTrue(outcome.error().contains("refused the refresh token ${env:MSADS_REFRESH_TOKEN} (HTTP 400)"),
        outcome.error());
    assertEquals("failed", state("campaign_daily").status());
    String everything = String.join("\n", rows("SELECT * FROM _marketing.load_state"));
    for (String secret : List.of(ApiStubs.MICROSOFT_REFRESH_TOKEN, ApiStubs.MICROSOFT_CLIENT_SECRET,
        ApiStubs.MICROSOFT_DEVELOPER_TOKEN)) {
      assertFalse(everything.contains(secret), everything);
    }
    server.verify(0, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)));
  }

  @Test
  void anIncrementalSyncAsksFromTheCursorMinusTheThirtyDayConversionWindow() {
    ApiStubs.microsoftAds(server);
    syncOnce(FAST);
    server.resetRequests();
    Clock later = Clock.fixed(Instant.parse("2025-07-20T08:00:00Z"), ZoneOffset.UTC);
    new ApiTableSync(store, later).run("msads", new MicrosoftAdsSource(config(), FAST, d -> { }, later, POLL, 3).tables(),
        false, ApiTableSync.Listener.NONE);
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Time": {"CustomDateRangeStart": {"Day": 14, "Month": 6, "Year": 2025},
          "CustomDateRangeEnd": {"Day": 20, "Month": 7, "Year": 2025}}}}
        """, true, true)));
  }

  @Test
  void theRangeEndsOnTodayInPacificTimeWhichTheServiceChecksItAgainst() {
    ApiStubs.microsoftAds(server);
    Clock evening = Clock.fixed(Instant.parse("2025-07-15T03:00:00Z"), ZoneOffset.UTC); // 20:00 on the 14th in Seattle
    new ApiTableSync(store, evening).run("msads", new MicrosoftAdsSource(config(), FAST, d -> { }, evening, POLL, 3).tables(),
        false, ApiTableSync.Listener.NONE);
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Time": {"CustomDateRangeEnd": {"Day": 14, "Month": 7, "Year": 2025}}}}
        """, true, true)));
  }

  @Test
  void anAccountInEasternTimeHasItsReportAskedInItsOwnZoneAndItsTodayEndsTheRange() {
    // 05:00 UTC on the 15th is still the 14th in Seattle, but already the 15th in the account's New York
    ApiStubs.microsoftAds(server);
    server.stubFor(post(urlPathEqualTo("/CustomerManagement/v13/Account/Query")).atPriority(1)
        .withRequestBody(equalToJson("{\"AccountId\": 1234567}"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
            ApiStubs.fixture("microsoft-ads/account.json").replace("PacificTimeUSCanadaTijuana", "EasternTimeUSCanada"))));
    Clock night = Clock.fixed(Instant.parse("2025-07-15T05:00:00Z"), ZoneOffset.UTC); // 01:00 on the 15th in New York
    new ApiTableSync(store, night).run("msads", new MicrosoftAdsSource(config(), FAST, d -> { }, night, POLL, 3).tables(),
        false, ApiTableSync.Listener.NONE);
    server.verify(postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Time": {"ReportTimeZone": "EasternTimeUSCanada",
          "CustomDateRangeEnd": {"Day": 15, "Month": 7, "Year": 2025}}}}
        """, true, true)));
    assertEquals(List.of("1234567 1234567 Acme Search USD America/New_York"), rows("SELECT * FROM msads.accounts"));
  }

  /** Customer Management's GetAccount answering the recorded account in another time zone. */
  private void accountIn(String timeZone) {
    server.stubFor(post(urlPathEqualTo("/CustomerManagement/v13/Account/Query")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
            ApiStubs.fixture("microsoft-ads/account.json").replace("PacificTimeUSCanadaTijuana", timeZone))));
  }

  @Test
  void anAccountInKarachiHasItsReportsAskedInTheReportingServicesSpellingOfItsZone() {
    ApiStubs.microsoftAds(server);
    accountIn("IslamabadKarachiTashkent");
    Clock late = Clock.fixed(Instant.parse("2025-07-14T20:00:00Z"), ZoneOffset.UTC); // 01:00 on the 15th in Karachi
    List<ApiTableSync.Outcome> outcomes = new ApiTableSync(store, late).run("msads",
        new MicrosoftAdsSource(config(), FAST, d -> { }, late, POLL, 3).tables(), false, ApiTableSync.Listener.NONE);
    assertEquals(List.of(), outcomes.stream().filter(ApiTableSync.Outcome::failed).map(ApiTableSync.Outcome::error)
        .toList());
    for (String type : List.of("CampaignPerformanceReportRequest", "ConversionPerformanceReportRequest")) {
      server.verify(1, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
          {"ReportRequest": {"Type": "%s", "Time": {"ReportTimeZone": "IslandamabadKarachiTashkent",
            "CustomDateRangeEnd": {"Day": 15, "Month": 7, "Year": 2025}}}}
          """.formatted(type), true, true)));
    }
    assertEquals(List.of("1234567 1234567 Acme Search USD Asia/Karachi"), rows("SELECT * FROM msads.accounts"));
  }

  @Test
  void anAccountInMountainTimeIsReadInDenversDays() {
    ApiStubs.microsoftAds(server);
    accountIn("MountainTimeUSCanada");
    Clock night = Clock.fixed(Instant.parse("2025-07-15T06:30:00Z"), ZoneOffset.UTC); // 00:30 on the 15th in Denver
    new ApiTableSync(store, night).run("msads", new MicrosoftAdsSource(config(), FAST, d -> { }, night, POLL, 3)
        .tables(), false, ApiTableSync.Listener.NONE);
    server.verify(2, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)).withRequestBody(equalToJson("""
        {"ReportRequest": {"Time": {"ReportTimeZone": "MountainTimeUSCanada",
          "CustomDateRangeEnd": {"Day": 15, "Month": 7, "Year": 2025}}}}
        """, true, true)));
    assertEquals(List.of("America/Denver"), rows("SELECT time_zone FROM msads.accounts"));
  }

  @Test
  void anAccountInATimeZoneMicrosoftDoesNotDocumentFailsEveryTableNamingTheZoneAndAsksForNoReport() {
    ApiStubs.microsoftAds(server);
    accountIn("MountainTime_US_Canada");
    List<ApiTableSync.Outcome> outcomes = sync.run("msads", source(FAST, 3).tables(), false,
        ApiTableSync.Listener.NONE);
    assertEquals(3, outcomes.stream().filter(ApiTableSync.Outcome::failed).count());
    assertEquals("reading msads.campaign_daily failed: describing an account: microsoft-ads POST "
        + "/CustomerManagement/v13/Account/Query gave account 1234567 the time zone 'MountainTime_US_Canada', which is"
        + " none of Customer Management's TimeZoneType values known here", outcomes.get(0).error());
    server.verify(0, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)));
  }

  @Test
  void theProbeRefreshesTheTokenAndAsksCustomerManagementWhoIsSignedIn() {
    ApiStubs.microsoftAds(server);
    source(FAST, 3).probe();
    server.verify(1, postRequestedFor(urlPathEqualTo("/microsoft/token")));
    server.verify(1, postRequestedFor(urlPathEqualTo("/CustomerManagement/v13/User/Query"))
        .withHeader("DeveloperToken", equalTo(ApiStubs.MICROSOFT_DEVELOPER_TOKEN))
        .withRequestBody(equalToJson("{}")));
    server.verify(0, postRequestedFor(urlPathEqualTo(ApiStubs.MICROSOFT_SUBMIT)));
    server.verify(0, getRequestedFor(urlPathEqualTo("/download/report.zip")));
  }
}
