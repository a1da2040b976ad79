package org.marketingsql.source.googleads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.Store;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

/** A Google Ads source of several customers: listed, or every enabled client under a manager. */
class GoogleAdsAccountsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final String MANAGER_STREAM = "/v26/customers/" + ApiStubs.GOOGLE_MANAGER + "/googleAds:searchStream";
  private static final String SECOND_STREAM = "/v26/customers/" + ApiStubs.GOOGLE_SECOND_CUSTOMER
      + "/googleAds:searchStream";

  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads-manager");
  @RegisterExtension
  final StoreFixture storeFixture = StoreFixture.duckDb();
  private Store store;
  private ApiTableSync sync;

  @BeforeEach
  void start() {
    store = storeFixture.store();
    sync = new ApiTableSync(store, CLOCK);
  }

  private SourceConfig config(Map<String, Object> accounts) {
    Map<String, Object> settings = new LinkedHashMap<>(accounts);
    settings.put("clientId", "1234-abc.apps.googleusercontent.com");
    settings.put("tokenEndpoint", server.baseUrl() + "/google/token");
    settings.put("startDate", ApiStubs.GOOGLE_FIRST_DAY);
    return new SourceConfig("gads", GoogleAdsSource.TYPE, null, null, null, null, null, Map.of(
        "developerToken", Secret.of("${env:GOOGLE_ADS_DEVELOPER_TOKEN}", ApiStubs.GOOGLE_DEVELOPER_TOKEN),
        "clientSecret", Secret.of("${env:GOOGLE_ADS_CLIENT_SECRET}", ApiStubs.GOOGLE_CLIENT_SECRET),
        "refreshToken", Secret.of("${file:/run/secrets/google-ads-refresh}", ApiStubs.GOOGLE_REFRESH_TOKEN)),
        server.baseUrl(), null, false, settings);
  }

  private List<ApiTableSync.Outcome> syncAll(Map<String, Object> accounts) {
    return sync.run("gads", new GoogleAdsSource(config(accounts), FAST, d -> { }, CLOCK).tables(), false,
        ApiTableSync.Listener.NONE);
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

  private static String outcomes(List<ApiTableSync.Outcome> outcomes) {
    return outcomes.stream().map(o -> o.table() + " " + o.rowCount() + (o.failed() ? " failed" : "")).toList().toString();
  }

  @Test
  void aManagerWithoutListedCustomersHasEveryEnabledClientAccountReadAndNamedOnEveryRow() {
    List<ApiTableSync.Outcome> outcomes = syncAll(Map.of("loginCustomerId", "987-654-3210"));
    assertEquals("[campaigns 3, ad_groups 1, campaign_daily 5, ad_group_daily 1, keyword_daily 1, conversion_actions 3,"
        + " campaign_conversions_daily 6, accounts 2]",
        outcomes(outcomes));
    assertEquals(List.of(
            "1234567890 Acme Shoes USD America/New_York",
            "2345678901 Acme Schuhe DE EUR Europe/Berlin"),
        rows("SELECT account_id, account_name, currency, time_zone FROM gads.accounts ORDER BY account_id"));
    assertEquals(List.of(
            "1234567890 Acme Shoes USD 3 284.500000",
            "2345678901 Acme Schuhe DE EUR 2 179.470000"),
        rows("SELECT account_id, account_name, currency, COUNT(*), SUM(spend) FROM gads.ad_spend"
            + " GROUP BY account_id, account_name, currency ORDER BY account_id"));
    assertEquals(List.of("21001 2345678901 Acme Schuhe DE", "20001 1234567890 Acme Shoes",
            "20002 1234567890 Acme Shoes"),
        rows("SELECT id, account_id, account_name FROM gads.campaigns ORDER BY account_id DESC, id"));
    assertEquals(List.of("30001 1234567890 Acme Shoes"), rows("SELECT id, account_id, account_name FROM gads.ad_groups"));
    server.verify(1, postRequestedFor(urlPathEqualTo(MANAGER_STREAM))
        .withHeader("login-customer-id", equalTo(ApiStubs.GOOGLE_MANAGER))
        .withRequestBody(containing("customer_client.level = 1 AND customer_client.manager = FALSE"
            + " AND customer_client.status = 'ENABLED'")));
    server.verify(postRequestedFor(urlPathEqualTo(SECOND_STREAM))
        .withHeader("login-customer-id", equalTo(ApiStubs.GOOGLE_MANAGER)));
    server.verify(0, postRequestedFor(urlPathEqualTo(SECOND_STREAM)).withRequestBody(containing("FROM customer ")));
  }

  @Test
  void eachAccountKeepsItsOwnCursorSoItsTodayIsInItsOwnTimeZone() {
    syncAll(Map.of("loginCustomerId", "9876543210"));
    // 2026-11-23 12:00 UTC is the 23rd in New York and in Berlin; the cursors are the accounts' own days.
    assertEquals(List.of("{\"1234567890\":\"2026-11-23\",\"2345678901\":\"2026-11-23\"}"),
        rows("SELECT \"cursor\" FROM _marketing.sync_state WHERE table_name = 'campaign_daily'"));
    server.resetRequests();
    syncAll(Map.of("loginCustomerId", "9876543210"));
    server.verify(postRequestedFor(urlPathEqualTo(SECOND_STREAM))
        .withRequestBody(containing("FROM campaign WHERE segments.date BETWEEN '2026-10-24' AND '2026-11-23'")));
    assertEquals(List.of("5 463.970000"), rows("SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily"));
  }

  @Test
  void listedCustomersAreReadWithoutAskingTheManagerForItsClients() {
    List<ApiTableSync.Outcome> outcomes = syncAll(Map.of("loginCustomerId", "987-654-3210",
        "customerIds", List.of("123-456-7890", "2345678901")));
    assertEquals("[campaigns 3, ad_groups 1, campaign_daily 5, ad_group_daily 1, keyword_daily 1, conversion_actions 3,"
        + " campaign_conversions_daily 6, accounts 2]",
        outcomes(outcomes));
    assertEquals(List.of("463.970000"), rows("SELECT SUM(spend) FROM gads.ad_spend"));
    server.verify(0, postRequestedFor(urlPathEqualTo(MANAGER_STREAM)));
    assertEquals(List.of("google_ads 2345678901 Acme Schuhe DE EUR Europe/Berlin"),
        rows("SELECT * FROM gads.ad_accounts WHERE account_id = '2345678901'"));
  }

  @Test
  void oneAccountsRefusalFailsTheTableNamingThatAccountAndTheOtherTablesStillSync() {
    server.stubFor(ApiStubs.googleQuery(ApiStubs.GOOGLE_SECOND_CUSTOMER, ".* FROM campaign").atPriority(1)
        .willReturn(aResponse().withStatus(403).withBody(ApiStubs.fixture("google-ads/error_permission_denied.json"))));
    List<ApiTableSync.Outcome> outcomes = syncAll(Map.of("loginCustomerId", "9876543210"));
    String error = outcomes.get(0).error();
    assertTrue(error.startsWith("reading gads.campaigns failed: account 2345678901: google-ads POST " + SECOND_STREAM
        + ": "), error);
    assertTrue(error.contains("PERMISSION_DENIED"), error);
    assertFalse(outcomes.get(2).failed(), "campaign_daily still syncs");
    assertEquals(List.of("5"), rows("SELECT COUNT(*) FROM gads.campaign_daily"));
  }

  @Test
  void aSourceWithNeitherCustomersNorAManagerIsRefusedNamingTheKeys() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GoogleAdsSource(config(Map.of()), FAST, d -> { }, CLOCK));
    assertEquals("source gads needs customerIds (or customerId), or the manager account loginCustomerId whose client"
        + " accounts it reads", e.getMessage());
  }
}
