package org.marketingsql.source.linkedinads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.SocialAdStubs;
import org.marketingsql.testing.StoreFixture;

/** A LinkedIn ads source synced through {@link ApiTableSync} into a real store, with the API misbehaving in the documented ways. */
class LinkedInAdsSyncTest {
  private static final String ACCOUNT = "/rest/adAccounts/" + SocialAdStubs.LINKEDIN_ACCOUNT;
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  @RegisterExtension
  final StoreFixture storeFixture = StoreFixture.duckDb();
  private Store store;
  private ApiTableSync sync;
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    store = storeFixture.store();
    sync = new ApiTableSync(store, Clock.systemUTC());
  }

  private List<ApiTable> tables(RetryPolicy policy) {
    return new LinkedInAdsSource(LinkedInAdsSourceTest.config(server.baseUrl()), policy, waits::add,
        LinkedInAdsSourceTest.CLOCK).tables();
  }

  private List<ApiTableSync.Outcome> run() {
    return sync.run("linkedin", tables(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofSeconds(10))), false, ApiTableSync.Listener.NONE);
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

  private String error(String table) {
    return rows("SELECT error FROM _marketing.load_state WHERE source_name = 'linkedin' AND table_name = '"
        + table + "'").get(0);
  }

  @Test
  void aFirstSyncStoresEveryTableWithOneTokenRefreshAndFeedsAdSpendByCampaignGroup() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    List<ApiTableSync.Outcome> outcomes = run();
    assertEquals("[campaign_daily 3 rows 9 pages, campaigns 2 rows 2 pages, campaign_groups 2 rows 1 pages,"
        + " campaign_conversions_daily 3 rows 9 pages, accounts 1 rows 1 pages]",
        outcomes.stream().map(o -> o.table() + " " + o.rowCount() + " rows " + o.pages() + " pages"
            + (o.failed() ? " " + o.error() : "")).toList().toString());
    server.verify(1, postRequestedFor(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)));
    assertEquals(List.of(
            "2026-11-20 linkedin_ads 507404993 9001 Demand generation 2026 19090 100 209.449000 USD 4.000000 1200.000000 Acme B2B",
            "2026-11-21 linkedin_ads 507404993 9001 Demand generation 2026 20210 408 509.980000 USD 9.000000 2700.500000 Acme B2B",
            "2026-11-21 linkedin_ads 507404993 9002 Retargeting 5120 61 80.571000 USD 0.000000 0.000000 Acme B2B"),
        rows("SELECT * FROM linkedin.ad_spend ORDER BY \"date\", campaign_id"));
    assertEquals(List.of("linkedin_ads 507404993 Acme B2B USD UTC"), rows("SELECT * FROM linkedin.ad_accounts"));
    assertEquals(List.of("1111 Webinar sign-ups - EMEA", "2222 Retarget site visitors"),
        rows("SELECT id, name FROM linkedin.campaigns ORDER BY id"));
  }

  @Test
  void conversionsByCampaignAndConversionFeedConversionsUnderTheCampaignGroupWithPostClickAndPostView() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    run();
    server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))
        .withQueryParam("q", com.github.tomakehurst.wiremock.client.WireMock.equalTo("statistics"))
        .withQueryParam("pivots", com.github.tomakehurst.wiremock.client.WireMock.equalTo("List(CAMPAIGN,CONVERSION)"))
        .withQueryParam("fields", com.github.tomakehurst.wiremock.client.WireMock.equalTo("dateRange,pivotValues,"
            + "externalWebsiteConversions,externalWebsitePostClickConversions,externalWebsitePostViewConversions,"
            + "conversionValueInLocalCurrency")));
    assertEquals(List.of(
            "2026-11-20 linkedin_ads 9001 Demand generation 2026 5001 urn:lla:llaPartnerConversion:5001 USD 3.000000"
                + " 1000.000000 2.000000 1.000000 true",
            "2026-11-20 linkedin_ads 9001 Demand generation 2026 5002 urn:lla:llaPartnerConversion:5002 USD 1.000000"
                + " 200.000000 1.000000 0.000000 true",
            "2026-11-21 linkedin_ads 9001 Demand generation 2026 5001 urn:lla:llaPartnerConversion:5001 USD 9.000000"
                + " 2700.500000 7.000000 2.000000 true"),
        rows("SELECT \"date\", platform, campaign_id, campaign_name, conversion_action, conversion_action_name,"
            + " currency, conversions, conversion_value, click_through_conversions, view_through_conversions,"
            + " platform_primary FROM linkedin.conversions ORDER BY \"date\", conversion_action"));
    // the conversions of a campaign's day add up to campaign_daily's
    assertEquals(rows("SELECT \"date\", conversions, conversion_value FROM linkedin.ad_spend WHERE conversions > 0"
        + " ORDER BY 1"), rows("SELECT \"date\", SUM(conversions), SUM(conversion_value) FROM linkedin.conversions"
        + " GROUP BY 1 ORDER BY 1"));
  }

  @Test
  void aRangedReadAsksAdAnalyticsForThoseDaysAndKeepsTheOthers() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    run();
    List<ApiTable> daily = tables(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(30),
        Duration.ofSeconds(5), Duration.ofSeconds(10))).stream().filter(ApiTable::readsRanges).toList();
    assertEquals(List.of("campaign_daily", "campaign_conversions_daily"), daily.stream().map(ApiTable::name).toList(),
        "lists are read whole");

    ApiTableSync.Outcome outcome = sync.runRange("linkedin", daily, new org.marketingsql.source.DateRange(
        LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 12)), ApiTableSync.Listener.NONE).get(0);

    assertEquals(null, outcome.error());
    server.verify(2, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))
        .withQueryParam("dateRange", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
            "(start:(year:2026,month:11,day:10),end:(year:2026,month:11,day:12))")));
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM linkedin.campaign_daily"));
  }

  @Test
  void aRevokedAccessTokenIsRenewedOnceAndTheCallRepeated() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    server.stubFor(SocialAdStubs.linkedinGet(ACCOUNT).atPriority(1).inScenario("revoked")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(401)
            .withBody("{\"status\": 401, \"serviceErrorCode\": 65601, \"code\": \"REVOKED_ACCESS_TOKEN\"}"))
        .willSetStateTo("renewed"));
    ApiTableSync.Outcome daily = run().get(0);
    assertNull(daily.error());
    assertEquals(3L, daily.rowCount());
    server.verify(2, postRequestedFor(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)));
  }

  @Test
  void a429WithRetryAfterAndThenA500AreRetriedWithinTheSync() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    String groups = ACCOUNT + "/adCampaignGroups";
    server.stubFor(SocialAdStubs.linkedinGet(groups).atPriority(1).inScenario("busy")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9"))
        .willSetStateTo("erroring"));
    server.stubFor(SocialAdStubs.linkedinGet(groups).atPriority(1).inScenario("busy").whenScenarioStateIs("erroring")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("fine"));
    List<ApiTableSync.Outcome> outcomes = run();
    assertTrue(outcomes.stream().noneMatch(ApiTableSync.Outcome::failed), outcomes.toString());
    assertTrue(waits.contains(Duration.ofSeconds(9)), "Retry-After is honoured: " + waits);
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM linkedin.ad_spend"));
  }

  @Test
  void aTableThatTimesOutKeepsItsDataWhileTheOthersSync() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    run();
    server.stubFor(SocialAdStubs.linkedinGet("/rest/adAnalytics").atPriority(0)
        .willReturn(ApiStubs.json("linkedin-ads/analytics.json").withFixedDelay(1500)));
    RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofMillis(300));
    List<ApiTableSync.Outcome> outcomes = sync.run("linkedin", tables(impatient), false, ApiTableSync.Listener.NONE);
    assertEquals("reading linkedin.campaign_daily failed: account 507404993: linkedin-ads GET /rest/adAnalytics failed 2 times, last with"
        + " a timeout; try the sync again later", outcomes.get(0).error());
    assertFalse(outcomes.get(1).failed());
    assertEquals(List.of("800.000000"), rows("SELECT SUM(spend) FROM linkedin.ad_spend"));
    assertEquals(outcomes.get(0).error(), error("campaign_daily"));
  }

  @Test
  void aMalformedAnswerLeavesTheTableAsTheLastGoodSyncLeftIt() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    run();
    List<String> before = rows("SELECT * FROM linkedin.campaigns ORDER BY id");
    server.stubFor(SocialAdStubs.linkedinGet(ACCOUNT + "/adCampaigns").atPriority(0)
        .withQueryParam("pageToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("DgGC0AM4yKgIAAAABAAA"))
        .willReturn(aResponse().withStatus(200).withBody("{\"elements\": [{\"id\": 2222, \"name\": ")));
    List<ApiTableSync.Outcome> outcomes = run();
    assertTrue(outcomes.get(1).failed());
    assertTrue(outcomes.get(0).failed(), "campaign_daily needs the campaigns' groups too");
    assertFalse(outcomes.get(2).failed(), "campaign groups still sync");
    assertEquals(before, rows("SELECT * FROM linkedin.campaigns ORDER BY id"));
    assertTrue(error("campaigns").startsWith("reading linkedin.campaigns failed: account 507404993: linkedin-ads GET"
        + " /rest/adAccounts/507404993/adCampaigns answered with malformed JSON"), error("campaigns"));
  }

  @Test
  void anExpiredRefreshTokenIsRecordedAgainstEveryTableAndTheLastGoodDataStays() {
    SocialAdStubs.linkedin(server, "analytics.json", LinkedInAdsSourceTest.TODAY);
    run();
    server.stubFor(post(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)).atPriority(0).willReturn(aResponse()
        .withStatus(400).withBody(ApiStubs.fixture("linkedin-ads/error_invalid_refresh_token.json"))));
    List<ApiTableSync.Outcome> outcomes = run();
    assertTrue(outcomes.stream().allMatch(ApiTableSync.Outcome::failed));
    assertTrue(error("campaign_daily").contains("the token endpoint refused the refresh token ${env:LINKEDIN_REFRESH}"
        + " (HTTP 400)"), error("campaign_daily"));
    String everything = String.join("\n", rows("SELECT * FROM _marketing.load_state"));
    assertFalse(everything.contains(SocialAdStubs.LINKEDIN_REFRESH) || everything.contains(SocialAdStubs.LINKEDIN_SECRET),
        everything);
    assertEquals(List.of("800.000000"), rows("SELECT SUM(spend) FROM linkedin.ad_spend"));
  }
}
