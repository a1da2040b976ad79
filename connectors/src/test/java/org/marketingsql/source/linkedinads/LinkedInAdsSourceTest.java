package org.marketingsql.source.linkedinads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.SocialAdStubs;

class LinkedInAdsSourceTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  @RegisterExtension
  final ApiStub server = ApiStub.empty();

  static SourceConfig config(String endpoint) {
    // lookbackDays 14 (not the default 30) keeps the recorded windows of these tests.
    return new SourceConfig("linkedin", LinkedInAdsSource.TYPE, null, null, null, 14, null,
        Map.of("clientSecret", Secret.of("${env:LINKEDIN_SECRET}", SocialAdStubs.LINKEDIN_SECRET),
            "refreshToken", Secret.of("${env:LINKEDIN_REFRESH}", SocialAdStubs.LINKEDIN_REFRESH)),
        endpoint, null, false, Map.of("accountId", "urn:li:sponsoredAccount:" + SocialAdStubs.LINKEDIN_ACCOUNT,
            "clientId", SocialAdStubs.LINKEDIN_CLIENT_ID, "tokenEndpoint", endpoint + SocialAdStubs.LINKEDIN_TOKEN_PATH));
  }

  static RetryPolicy fast() {
    return new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  private LinkedInAdsSource source() {
    return new LinkedInAdsSource(config(server.baseUrl()), fast(), d -> { }, CLOCK);
  }

  private ApiTable table(String name) {
    return source().tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void campaignDaysComeFromAdAnalyticsWithTheAccountsCurrencyAndTheCampaignsGroup() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    Batch batch = table("campaign_daily").fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "[1111|2026-11-20, 2026-11-20, 507404993, 1111, Webinar sign-ups - EMEA, 9001, Demand generation 2026, 19090,"
                + " 100, 209.449, USD, 4, 1200, 209.449, Acme B2B]",
            "[1111|2026-11-21, 2026-11-21, 507404993, 1111, Webinar sign-ups - EMEA, 9001, Demand generation 2026, 20210,"
                + " 408, 509.98, USD, 9, 2700.5, 509.98, Acme B2B]",
            "[2222|2026-11-21, 2026-11-21, 507404993, 2222, Retarget site visitors, 9002, Retargeting, 5120, 61, 80.571,"
                + " USD, 0, 0, 80.571, Acme B2B]"),
        batch.rows().stream().map(Arrays::toString).toList());
    assertEquals(Optional.of("2026-11-22"), batch.cursor());
    assertEquals(1, batch.pages(), "one adAnalytics window");
  }

  @Test
  void theAnalyticsQueryKeepsRestLiStructureUnencodedAndTheUrnEncoded() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    table("campaign_daily").fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics")));
    assertEquals(1, calls.size());
    assertEquals("/rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY"
        + "&dateRange=(start:(year:2026,month:11,day:6),end:(year:2026,month:11,day:22))"
        + "&accounts=List(urn%3Ali%3AsponsoredAccount%3A507404993)"
        + "&fields=dateRange,pivotValues,impressions,clicks,costInLocalCurrency,costInUsd,externalWebsiteConversions,"
        + "conversionValueInLocalCurrency", calls.get(0).getUrl());
  }

  @Test
  void theRecordedAirbyteAnswerWithOnlyCostInUsdIsStoredInUsd() {
    LocalDate day = LocalDate.of(2023, 1, 5);
    SocialAdStubs.linkedin(server, "ad_campaign_analytics_response_1.json", day);
    ApiTable daily = new LinkedInAdsSource(config(server.baseUrl()), fast(), d -> { },
        Clock.fixed(Instant.parse("2023-01-05T08:00:00Z"), ZoneOffset.UTC)).tables().get(0);
    List<Object[]> rows = daily.fetcher().fetch(Optional.of("2023-01-01"), ApiTable.Progress.NONE).rows();
    assertEquals(List.of("[1111|2023-01-02, 2023-01-02, 1111, 19090, 100, 209.449, USD, null, null, 209.449]",
            "[1111|2023-01-03, 2023-01-03, 1111, 20210, 408, 509.980, USD, null, null, 509.980]"),
        rows.stream().map(r -> Arrays.toString(new Object[] {r[0], r[1], r[3], r[7], r[8], r[9], r[10], r[11], r[12],
            r[13]})).toList());
  }

  @Test
  void anAnswerWithoutCampaignUrnsIsRefusedAsMalformed() {
    SocialAdStubs.linkedin(server, "ad_member_country_analytics_response_1.json", TODAY);
    ApiException e = assertThrows(ApiException.class,
        () -> table("campaign_daily").fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE));
    assertEquals(ApiException.Kind.MALFORMED, e.kind());
    assertEquals("account 507404993: linkedin-ads GET /rest/adAnalytics answered without a campaign URN in pivotValues and a"
        + " dateRange.start on every element", e.getMessage());
  }

  @Test
  void aFirstSyncReadsTwoYearsInNinetyDayWindows() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    Batch batch = table("campaign_daily").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(3, batch.rows().size());
    List<LoggedRequest> calls = server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics")));
    assertEquals(9, calls.size(), "730 days in windows of 90");
    assertTrue(calls.get(0).getUrl().contains("dateRange=(start:(year:2024,month:11,day:23),end:(year:2025,month:2,day:20))"),
        calls.get(0).getUrl());
  }

  @Test
  void aWindowThatComesBackFullIsSplitInTwoAndReadAgain() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    StringBuilder full = new StringBuilder("{\"paging\": {\"start\": 0, \"count\": 10, \"links\": []}, \"elements\": [");
    for (int i = 0; i < LinkedInAdsClient.ANALYTICS_LIMIT; i++) {
      full.append(i == 0 ? "" : ",").append("{\"pivotValues\": [\"urn:li:sponsoredCampaign:").append(i)
          .append("\"], \"dateRange\": {\"start\": {\"year\": 2026, \"month\": 11, \"day\": 6}}}");
    }
    server.stubFor(SocialAdStubs.linkedinGet("/rest/adAnalytics").atPriority(0)
        .withQueryParam("dateRange", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
            "(start:(year:2026,month:11,day:6),end:(year:2026,month:11,day:22))"))
        .willReturn(aResponse().withStatus(200).withBody(full.append("]}").toString())));
    Batch batch = table("campaign_daily").fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    List<String> ranges = server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))).stream()
        .map(r -> r.queryParameter("dateRange").firstValue()).toList();
    assertEquals(List.of("(start:(year:2026,month:11,day:6),end:(year:2026,month:11,day:22))",
        "(start:(year:2026,month:11,day:6),end:(year:2026,month:11,day:13))",
        "(start:(year:2026,month:11,day:14),end:(year:2026,month:11,day:22))"), ranges);
    assertEquals(3, batch.rows().size(), "the full answer is dropped, its halves kept");
  }

  @Test
  void campaignsArePagedByPageTokenAndCampaignGroupsReadWhole() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    Batch campaigns = table("campaigns").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(2, campaigns.pages());
    assertTrue(campaigns.complete());
    assertEquals(List.of(
            "[1111, Webinar sign-ups - EMEA, 9001, ACTIVE, SPONSORED_UPDATES, LEAD_GENERATION, CPM, 250.00, null, 35.50,"
                + " USD, 2023-01-01T00:00, null, 507404993, Acme B2B]",
            "[2222, Retarget site visitors, 9002, PAUSED, TEXT_AD, WEBSITE_VISIT, CPC, null, 5000, null, USD,"
                + " 2025-11-01T12:26:40, 2025-12-31T00:00, 507404993, Acme B2B]"),
        campaigns.rows().stream().map(Arrays::toString).toList());
    Batch groups = table("campaign_groups").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals("[9001, Demand generation 2026, ACTIVE, 60000, USD, 2023-01-01T00:00, null, 507404993, Acme B2B]",
        Arrays.toString(groups.rows().get(0)));
  }

  @Test
  void theRefreshTokenIsExchangedOnceAndItsAccessTokenGoesWithLinkedInsVersionHeaders() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    source().tables().forEach(t -> t.fetcher().fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE));
    server.verify(1, postRequestedFor(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("client_id=" + SocialAdStubs.LINKEDIN_CLIENT_ID))
        .withRequestBody(containing("client_secret=")));
    // every GET matched a stub that requires the access token and both version headers
    assertEquals(0, server.findAllUnmatchedRequests().size());
  }

  @Test
  void probeRefreshesTheTokenAndReadsTheAccountOnly() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    source().probe();
    server.verify(1, postRequestedFor(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)));
    server.verify(1, getRequestedFor(urlPathEqualTo("/rest/adAccounts/" + SocialAdStubs.LINKEDIN_ACCOUNT)));
    server.verify(2, anyRequestedFor(anyUrl()));
  }

  @Test
  void anExpiredRefreshTokenFailsTheProbeNamingItsReferenceButNoSecret() {
    server.stubFor(post(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)).willReturn(aResponse().withStatus(400)
        .withBody(ApiStubs.fixture("linkedin-ads/error_invalid_refresh_token.json"))));
    ApiException e = assertThrows(ApiException.class, () -> source().probe());
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("refused the refresh token ${env:LINKEDIN_REFRESH}"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t.getMessage().contains(SocialAdStubs.LINKEDIN_REFRESH) || t.getMessage()
          .contains(SocialAdStubs.LINKEDIN_SECRET), t.getMessage());
    }
  }

  @Test
  void theAccountIdIsAcceptedAsANumberOrAUrn() {
    assertEquals("507404993", LinkedInAdsSource.accountId("li", "507404993"));
    assertEquals("507404993", LinkedInAdsSource.accountId("li", "urn:li:sponsoredAccount:507404993"));
    assertThrows(IllegalArgumentException.class, () -> LinkedInAdsSource.accountId("li", "acme"));
  }

  @Test
  void aFirstSyncStartsAtTheConfiguredStartDate() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    SourceConfig base = config(server.baseUrl());
    java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(base.settings());
    settings.put("startDate", "2026-11-01");
    SourceConfig withStart = new SourceConfig(base.name(), base.type(), null, null, null, null, null, base.secrets(),
        base.endpoint(), null, false, settings);
    new LinkedInAdsSource(withStart, fast(), d -> { }, CLOCK).tables().get(0).fetcher()
        .fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertTrue(server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))).get(0).getUrl()
        .contains("dateRange=(start:(year:2026,month:11,day:1),end:(year:2026,month:11,day:22))"));
  }

  @Test
  void withoutLookbackDaysAnIncrementalSyncReReadsLinkedInsThirtyDayConversionWindow() {
    SocialAdStubs.linkedin(server, "analytics.json", TODAY);
    SourceConfig base = config(server.baseUrl());
    SourceConfig byDefault = new SourceConfig(base.name(), base.type(), null, null, null, null, null, base.secrets(),
        base.endpoint(), null, false, base.settings());
    new LinkedInAdsSource(byDefault, fast(), d -> { }, CLOCK).tables().get(0).fetcher()
        .fetch(Optional.of("2026-11-20"), ApiTable.Progress.NONE);
    assertEquals(30, LinkedInAdsSource.TYPE.defaultLookbackDays());
    assertTrue(server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))).get(0).getUrl()
        .contains("dateRange=(start:(year:2026,month:10,day:21),"), "the cursor's day minus 30 days");
  }
}
