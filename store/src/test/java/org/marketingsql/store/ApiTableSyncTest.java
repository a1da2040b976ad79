package org.marketingsql.store;

import org.marketingsql.source.hubspot.HubSpotSource;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

class ApiTableSyncTest {
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.duckDb();
  private Store store;
  private ApiTableSync sync;

  @BeforeEach
  void start() {
    store = fixture.store();
    sync = new ApiTableSync(store, Clock.systemUTC());
  }

  private List<ApiTable> stripe() {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }).tables();
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
    return store.read(h -> LoadState.forSource(h, "stripe")).stream().filter(s -> s.tableName().equals(table))
        .findFirst().orElseThrow();
  }

  @Test
  void aSyncStoresEveryPageAndOnlySucceededChargesBecomeOrders() {
    ApiStubs.stripe(server);
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertEquals("[charges 3 rows 2 pages, refunds 1 rows 1 pages, customers 2 rows 1 pages, invoices 1 rows 1 pages,"
        + " subscriptions 2 rows 1 pages, subscription_items 1 rows 1 pages, subscription_discounts 0 rows 1 pages]",
        outcomes.stream()
        .map(o -> o.table() + " " + o.rowCount() + " rows " + o.pages() + " pages" + (o.failed() ? " " + o.error() : ""))
        .toList().toString());
    assertEquals(List.of("ch_3PaA1 succeeded", "ch_3PaB2 failed", "ch_3PaC3 succeeded"),
        rows("SELECT id, status FROM stripe.charges ORDER BY id"));
    assertEquals(List.of("ch_3PaA1 cus_QXgA 2025-03-03 75.000000 USD null null null",
            "ch_3PaC3 cus_QXgA 2025-03-01 19.990000 USD null null null"),
        rows("SELECT * FROM stripe.orders ORDER BY order_id"));
    assertEquals("ORDERS", state("orders").inputKind());
    assertEquals(3L, state("charges").rowCount());
    assertNull(state("charges").error());
  }

  @Test
  void reRunningASyncChangesNothing() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    List<String> before = rows("SELECT * FROM stripe.charges ORDER BY id");
    List<String> ordersBefore = rows("SELECT * FROM stripe.orders ORDER BY order_id");
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertEquals(before, rows("SELECT * FROM stripe.charges ORDER BY id"));
    assertEquals(ordersBefore, rows("SELECT * FROM stripe.orders ORDER BY order_id"));
    assertEquals(List.of("2"), rows("SELECT COUNT(*) FROM stripe.customers"));
  }

  @Test
  void aMalformedPageLeavesTheTableAsTheLastGoodSyncLeftItAndOtherTablesStillSync() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    List<String> before = rows("SELECT * FROM stripe.charges ORDER BY id");
    server.resetAll();
    ApiStubs.stripe(server);
    // The first page arrives, the second is cut off: nothing of this sync may reach the table.
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after",
            com.github.tomakehurst.wiremock.client.WireMock.equalTo("ch_3PaB2"))
        .willReturn(aResponse().withStatus(200).withBody("{\"object\": \"list\", \"data\": [{\"id\": ")));
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertTrue(outcomes.get(0).failed());
    assertFalse(outcomes.get(1).failed(), "refunds still sync");
    assertFalse(outcomes.get(2).failed(), "customers still sync");
    assertEquals(before, rows("SELECT * FROM stripe.charges ORDER BY id"));
    LoadState charges = state("charges");
    assertEquals("ok", charges.status(), "the last good data stays readable");
    assertTrue(charges.error().startsWith("reading stripe.charges failed: stripe GET /v1/charges answered with"
        + " malformed JSON"), charges.error());
    assertEquals(3L, charges.rowCount());
    assertEquals(List.of("stripe charges 3 " + charges.error()),
        rows("SELECT source_name, table_name, row_count, error FROM _marketing.load_state WHERE table_name = 'charges'"));
  }

  @Test
  void aRevokedTokenIsRecordedAgainstEveryTableWithoutTheToken() {
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
        .willReturn(aResponse().withStatus(401).withBody("{\"error\": {\"message\": \"Expired API Key provided: "
            + ApiStubs.STRIPE_KEY + "\"}}")));
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertTrue(outcomes.stream().allMatch(ApiTableSync.Outcome::failed));
    LoadState charges = state("charges");
    assertEquals("failed", charges.status(), "never synced, so nothing to show but the error");
    assertTrue(charges.error().contains("refused the credential ${env:STRIPE_KEY} (HTTP 401)"), charges.error());
    String everything = String.join("\n", rows("SELECT * FROM _marketing.load_state"));
    assertFalse(everything.contains(ApiStubs.STRIPE_KEY), everything);
    server.verify(7, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  @Test
  void aFullSyncDropsRowsTheApiNoLongerLists() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    server.resetAll();
    ApiStubs.stripe(server);
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after",
        com.github.tomakehurst.wiremock.client.WireMock.absent()).willReturn(ApiStubs.json("stripe/charges_page2.json")));
    sync.run("stripe", stripe(), true, ApiTableSync.Listener.NONE);
    assertEquals(List.of("ch_3PaC3"), rows("SELECT id FROM stripe.charges"));
    assertEquals(List.of("ch_3PaC3"), rows("SELECT order_id FROM stripe.orders"));
  }

  @Test
  void a429WithRetryAfterAndA500AreRetriedWithinTheSync() {
    ApiStubs.stripe(server);
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after",
            com.github.tomakehurst.wiremock.client.WireMock.absent())
        .inScenario("busy").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("erroring"));
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after",
            com.github.tomakehurst.wiremock.client.WireMock.absent())
        .inScenario("busy").whenScenarioStateIs("erroring")
        .willReturn(aResponse().withStatus(500)).willSetStateTo("fine"));
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after",
            com.github.tomakehurst.wiremock.client.WireMock.absent())
        .inScenario("busy").whenScenarioStateIs("fine").willReturn(ApiStubs.json("stripe/charges_page1.json")));
    List<ApiTable> tables = tables(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2)));
    ApiTableSync.Outcome charges = sync.run("stripe", tables, false, ApiTableSync.Listener.NONE).get(0);
    assertNull(charges.error());
    assertEquals(3L, charges.rowCount());
  }

  @Test
  void aTableThatTimesOutKeepsItsDataWhileTheOthersSync() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    server.stubFor(ApiStubs.list("/v1/refunds").willReturn(ApiStubs.json("stripe/refunds.json").withFixedDelay(1500)));
    List<ApiTable> tables = tables(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofMillis(200)));
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", tables, false, ApiTableSync.Listener.NONE);
    assertEquals("reading stripe.refunds failed: stripe GET /v1/refunds failed 2 times, last with a timeout;"
        + " try the sync again later", outcomes.get(1).error());
    assertFalse(outcomes.get(0).failed());
    assertFalse(outcomes.get(2).failed());
    assertEquals(List.of("re_3PaA1 25.000000"), rows("SELECT id, amount FROM stripe.refunds"));
    assertEquals(outcomes.get(1).error(), state("refunds").error());
  }

  private List<ApiTable> tables(RetryPolicy policy) {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false);
    return new StripeSource(config, policy, d -> { }).tables();
  }

  @Test
  void anIncrementalSyncAsksFromTheCursorAndKeepsRowsItDidNotReRead() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    server.resetAll();
    ApiStubs.stripe(server);
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("created[gte]",
        com.github.tomakehurst.wiremock.client.WireMock.matching("\\d+")).willReturn(ApiStubs.json("stripe/charges_page2.json")));
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertEquals(1, outcomes.get(0).rowsRead());
    assertEquals(List.of("ch_3PaA1", "ch_3PaB2", "ch_3PaC3"), rows("SELECT id FROM stripe.charges ORDER BY id"));
  }

  @Test
  void aRefundBeyondTheLookBackNetsItsOrderOnTheNextIncrementalSync() {
    ApiStubs.stripe(server);
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertEquals(List.of("ch_3PaA1 75.000000", "ch_3PaC3 19.990000"),
        rows("SELECT order_id, amount FROM stripe.orders ORDER BY order_id"));
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("created[gte]",
        com.github.tomakehurst.wiremock.client.WireMock.matching("\\d+")).willReturn(ApiStubs.json("stripe/empty_list.json")));
    server.stubFor(ApiStubs.list("/v1/events").willReturn(ApiStubs.json("stripe/events_refunded.json")));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/charges/ch_3PaC3"))
        .willReturn(ApiStubs.json("stripe/charge_refunded.json")));
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    assertEquals(1, outcomes.get(0).rowsRead(), "only the refunded charge");
    assertEquals(List.of("ch_3PaA1 75.000000", "ch_3PaC3 0.000000"),
        rows("SELECT order_id, amount FROM stripe.orders ORDER BY order_id"));
    assertEquals(List.of("ch_3PaA1", "ch_3PaB2", "ch_3PaC3"), rows("SELECT id FROM stripe.charges ORDER BY id"));
    assertNull(state("charges").error());
  }

  @Test
  void anIncrementalHubSpotSyncUpsertsTheChangedDealsAndOrdersFollow() {
    ApiStubs.hubspot(server);
    SourceConfig crm = new SourceConfig("crm", HubSpotSource.TYPE, null, null, null, null, null,
        Map.of("accessToken", Secret.of("${env:HUBSPOT_TOKEN}", ApiStubs.HUBSPOT_TOKEN)), server.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    List<ApiTable> tables = new org.marketingsql.source.hubspot.HubSpotSource(crm, fast, d -> { }).tables();
    sync.run("crm", tables, false, ApiTableSync.Listener.NONE);
    List<ApiTableSync.Outcome> outcomes = sync.run("crm", tables, false, ApiTableSync.Listener.NONE);
    assertEquals("[deals 2 read 4 stored, contacts 0 read 2 stored]", outcomes.stream()
        .map(o -> o.table() + " " + o.rowsRead() + " read " + o.rowCount() + " stored" + (o.failed() ? o.error() : ""))
        .toList().toString());
    assertEquals(List.of("101 201 1500.000000", "102 202 900.000000", "103 202 249.500000", "104 201 120.250000"),
        rows("SELECT order_id, customer_id, amount FROM crm.orders ORDER BY order_id"));
    assertEquals(List.of("crm contacts 2025-03-01T08:00:00Z", "crm deals 2025-03-09T13:00:00Z"),
        rows("SELECT source_name, table_name, \"cursor\" FROM \"_marketing\".sync_state ORDER BY table_name"));
  }

  @Test
  void aWholeReadDropsObjectsTheApiNoLongerListsSuchAsArchivedDeals() {
    ApiStubs.hubspot(server);
    SourceConfig crm = new SourceConfig("crm", HubSpotSource.TYPE, null, null, null, null, null,
        Map.of("accessToken", Secret.of("${env:HUBSPOT_TOKEN}", ApiStubs.HUBSPOT_TOKEN)), server.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    List<ApiTable> tables = new org.marketingsql.source.hubspot.HubSpotSource(crm, fast, d -> { }).tables();
    sync.run("crm", tables, false, ApiTableSync.Listener.NONE);
    assertEquals(List.of("101", "103"), rows("SELECT order_id FROM crm.orders ORDER BY order_id"));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/crm/v3/objects/deals"))
        .withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.absent())
        .willReturn(ApiStubs.json("hubspot/deals_page2.json")));
    sync.run("crm", tables, false, ApiTableSync.Listener.NONE);
    assertEquals(List.of("101", "102", "103", "104"), rows("SELECT id FROM crm.deals ORDER BY id"),
        "an incremental search cannot see archived deals");
    sync.run("crm", tables, true, ApiTableSync.Listener.NONE);
    assertEquals(List.of("103"), rows("SELECT id FROM crm.deals"));
    assertEquals(List.of("103 202 2025-03-06 249.500000 USD organic organic_search null"), rows("SELECT * FROM crm.orders"),
        "with the touch data of contact 202 (organic search)");
  }
}
