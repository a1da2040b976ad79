package org.marketingsql.source.metaads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.SocialAdStubs;
import org.marketingsql.testing.StoreFixture;

/** A Meta ads source synced through {@link ApiTableSync} into a real store, with the API misbehaving in the documented ways. */
class MetaAdsSyncTest {
  private static final String INSIGHTS = SocialAdStubs.META + SocialAdStubs.META_ACCOUNT + "/insights";
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
    return new MetaAdsSource(MetaAdsSourceTest.config(server.baseUrl(), Map.of()), policy, waits::add,
        MetaAdsSourceTest.CLOCK, Duration.ofSeconds(5), 3).tables();
  }

  private List<ApiTableSync.Outcome> run() {
    return sync.run("meta", tables(MetaAdsSourceTest.fast(3)), false, ApiTableSync.Listener.NONE);
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
    return rows("SELECT error FROM _marketing.load_state WHERE source_name = 'meta' AND table_name = '" + table + "'")
        .get(0);
  }

  @Test
  void aFirstSyncStoresEveryPageAndOnlyCampaignDaysFeedAdSpend() {
    SocialAdStubs.meta(server);
    List<ApiTableSync.Outcome> outcomes = run();
    assertEquals("[campaign_daily 3 rows 2 pages, adset_daily 1 rows 1 pages, ad_daily 1 rows 1 pages,"
        + " campaigns 2 rows 1 pages, campaign_actions_daily 5 rows 2 pages, accounts 1 rows 1 pages]", outcomes.stream().map(o -> o.table() + " " + o.rowCount() + " rows " + o.pages()
        + " pages" + (o.failed() ? " " + o.error() : "")).toList().toString());
    assertEquals(List.of(
            "2026-11-20 meta_ads 1234567890 120210000000000001 Spring Sale 10500 321 120.500000 EUR 7.000000 840.000000 Acme Shop EU",
            "2026-11-21 meta_ads 1234567890 120210000000000001 Spring Sale 9800 287 99.990000 EUR 3.000000 359.970000 Acme Shop EU",
            "2026-11-21 meta_ads 1234567890 120210000000000002 Retargeting 2000 40 45.010000 EUR 0.000000 0.000000 Acme Shop EU"),
        rows("SELECT * FROM meta.ad_spend ORDER BY \"date\", campaign_id"));
    assertEquals(List.of("meta_ads 1234567890 Acme Shop EU EUR Europe/Berlin"), rows("SELECT * FROM meta.ad_accounts"));
    assertEquals(List.of("265.500000"), rows("SELECT SUM(spend) FROM meta.ad_spend"));
  }

  @Test
  void everyActionOfACampaignDayIsARowWithItsValueAndTheCountOfEachAttributionWindowAskedFor() {
    SocialAdStubs.meta(server);
    List<ApiTable> tables = new MetaAdsSource(MetaAdsSourceTest.config(server.baseUrl(),
        Map.of("attributionWindows", List.of("7d_click", "1d_view"))), MetaAdsSourceTest.fast(3), waits::add,
        MetaAdsSourceTest.CLOCK, Duration.ofSeconds(5), 3).tables();
    sync.run("meta", tables, false, ApiTableSync.Listener.NONE);
    assertEquals(List.of(
            "2026-11-20 link_click 321.000000 null null null null false",
            "2026-11-20 offsite_conversion.fb_pixel_purchase 7.000000 840.000000 6.000000 1.000000 720.000000 false",
            "2026-11-20 purchase 7.000000 840.000000 6.000000 1.000000 720.000000 true",
            "2026-11-21 lead 2.000000 null 2.000000 null null false",
            "2026-11-21 purchase 3.000000 359.970000 2.000000 1.000000 239.980000 true"),
        rows("SELECT \"date\", conversion_action, conversions, conversion_value, click_through_conversions,"
            + " view_through_conversions, conversion_value_7d_click, platform_primary"
            + " FROM meta.campaign_actions_daily ORDER BY \"date\", conversion_action"));
    assertEquals(List.of("0 3.000000 1.000000"), rows("SELECT COUNT(conversions_1d_click), SUM(conversions_1d_view),"
        + " MAX(conversions_1d_view) FROM meta.campaign_actions_daily"), "windows Meta did not return stay NULL");
    assertEquals(List.of("meta_ads 5 CONVERSIONS"), rows("SELECT MIN(platform), COUNT(*), (SELECT input_kind FROM"
        + " _marketing.load_state WHERE source_name = 'meta' AND table_name = 'conversions') FROM meta.conversions"));
  }

  @Test
  void withoutAttributionWindowsClickAndViewThroughAreNullNotZero() {
    SocialAdStubs.meta(server);
    run();
    assertEquals(List.of("5 0 0"), rows("SELECT COUNT(*), COUNT(click_through_conversions),"
        + " COUNT(view_through_conversions) FROM meta.campaign_actions_daily"));
  }

  @Test
  void theNextSyncReadsFromTheCursorLessTheLookBackAndKeepsOlderDays() {
    SocialAdStubs.meta(server);
    run();
    server.resetRequests();
    run();
    server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(INSIGHTS))
        .withQueryParam("level", equalTo("campaign"))
        .withQueryParam("time_range", equalTo("{\"since\":\"2026-11-08\",\"until\":\"2026-11-22\"}")));
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM meta.campaign_daily"));
  }

  @Test
  void aRangedReadAsksForThoseDaysAndReplacesThemInTheTableAndInAdSpend() {
    SocialAdStubs.meta(server);
    run();
    server.stubFor(SocialAdStubs.metaGet(INSIGHTS).atPriority(1).withQueryParam("level", equalTo("campaign"))
        .withQueryParam("time_range", equalTo("{\"since\":\"2026-11-21\",\"until\":\"2026-11-21\"}"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"data\": [], \"paging\": {\"cursors\": {\"before\": \"\", \"after\": \"\"}}}")));
    List<ApiTable> daily = tables(MetaAdsSourceTest.fast(3)).stream().filter(t -> t.name().equals("campaign_daily"))
        .toList();

    ApiTableSync.Outcome outcome = sync.runRange("meta", daily, new DateRange(LocalDate.of(2026, 11, 21),
        LocalDate.of(2026, 11, 21)), ApiTableSync.Listener.NONE).get(0);

    assertNull(outcome.error());
    assertEquals(List.of("2026-11-20 120.500000"), rows("SELECT \"date\", spend FROM meta.campaign_daily"));
    assertEquals(List.of("120.500000"), rows("SELECT SUM(spend) FROM meta.ad_spend"));
  }

  @Test
  void a429WithRetryAfterAndThenA500AreRetriedWithinTheSync() {
    SocialAdStubs.meta(server);
    String page = SocialAdStubs.META + "6001/insights";
    server.stubFor(SocialAdStubs.metaGet(page).atPriority(1).withQueryParam("after", absent()).inScenario("busy")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
        .willSetStateTo("erroring"));
    server.stubFor(SocialAdStubs.metaGet(page).atPriority(1).withQueryParam("after", absent()).inScenario("busy")
        .whenScenarioStateIs("erroring").willReturn(aResponse().withStatus(500)).willSetStateTo("fine"));
    server.stubFor(SocialAdStubs.metaGet(page).atPriority(1).withQueryParam("after", absent()).inScenario("busy")
        .whenScenarioStateIs("fine").willReturn(ApiStubs.json("meta-ads/insights_campaign_page1.json")));
    ApiTableSync.Outcome daily = run().get(0);
    assertNull(daily.error());
    assertEquals(3L, daily.rowCount());
    assertTrue(waits.contains(Duration.ofSeconds(7)), "Retry-After wins over the shorter back-off: " + waits);
    assertEquals(List.of("3"), rows("SELECT COUNT(*) FROM meta.ad_spend"));
  }

  @Test
  void aTableThatTimesOutKeepsItsDataWhileTheOthersSync() {
    SocialAdStubs.meta(server);
    run();
    server.stubFor(SocialAdStubs.metaGet(SocialAdStubs.META + SocialAdStubs.META_ACCOUNT + "/campaigns").atPriority(1)
        .willReturn(ApiStubs.json("meta-ads/campaigns.json").withFixedDelay(1500)));
    RetryPolicy impatient = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofMillis(300));
    List<ApiTableSync.Outcome> outcomes = sync.run("meta", tables(impatient), false, ApiTableSync.Listener.NONE);
    assertEquals("reading meta.campaigns failed: account 1234567890: meta-ads GET /v26.0/act_1234567890/campaigns failed 2 times, last"
        + " with a timeout; try the sync again later", outcomes.get(3).error());
    assertFalse(outcomes.get(0).failed());
    assertEquals(List.of("120210000000000001 Spring Sale", "120210000000000002 Retargeting"),
        rows("SELECT id, name FROM meta.campaigns ORDER BY id"));
    assertEquals(outcomes.get(3).error(), error("campaigns"));
  }

  @Test
  void aMalformedPageLeavesCampaignDaysAndAdSpendAsTheLastGoodSyncLeftThem() {
    SocialAdStubs.meta(server);
    run();
    List<String> before = rows("SELECT * FROM meta.campaign_daily ORDER BY id");
    server.stubFor(SocialAdStubs.metaGet(INSIGHTS).atPriority(1).withQueryParam("after", equalTo("MQZDZD"))
        .willReturn(aResponse().withStatus(200).withBody("{\"data\": [{\"campaign_id\": ")));
    List<ApiTableSync.Outcome> outcomes = run();
    assertTrue(outcomes.get(0).failed());
    assertFalse(outcomes.get(1).failed(), "ad sets still sync");
    assertEquals(before, rows("SELECT * FROM meta.campaign_daily ORDER BY id"));
    assertEquals(List.of("265.500000"), rows("SELECT SUM(spend) FROM meta.ad_spend"));
    assertTrue(error("campaign_daily").startsWith("reading meta.campaign_daily failed: account 1234567890: meta-ads GET"
        + " /v26.0/act_1234567890/insights answered with malformed JSON"), error("campaign_daily"));
  }

  @Test
  void anExpiredAccessTokenIsRecordedAgainstEveryTableWithoutTheToken() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
        .withBody(ApiStubs.fixture("meta-ads/error_expired_token.json").replace("Session has expired",
            "Session " + SocialAdStubs.META_TOKEN + " has expired"))));
    List<ApiTableSync.Outcome> outcomes = run();
    assertTrue(outcomes.stream().allMatch(ApiTableSync.Outcome::failed));
    assertTrue(error("campaign_daily").contains("refused the credential ${env:META_TOKEN} (HTTP 400)"),
        error("campaign_daily"));
    String everything = String.join("\n", rows("SELECT * FROM _marketing.load_state"));
    assertFalse(everything.contains(SocialAdStubs.META_TOKEN), everything);
    assertTrue(rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'meta'"
        + " AND table_name = 'ad_spend'").equals(List.of("0")), "nothing fed");
  }
}
