package org.marketingsql.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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
import org.marketingsql.source.DateRange;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

/** A ranged re-read replaces exactly its days of a table, in one transaction, and never moves the cursor. */
class RangedSyncTest {
  /** 2025-03-02 and 2025-03-03, UTC: the days of charges ch_3PaB2 (failed) and ch_3PaA1. */
  private static final DateRange MARCH_2_TO_3 = new DateRange(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3));
  private static final String ONE_CHARGE = """
      {"object": "list", "url": "/v1/charges", "has_more": false, "data": [
        {"id": "ch_3PaA1", "object": "charge", "amount": 12000, "amount_captured": 12000, "amount_refunded": 0,
         "created": 1741003200, "currency": "usd", "customer": "cus_QXgA", "status": "succeeded", "paid": true,
         "refunded": false, "livemode": false}]}
      """;

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

  private ApiTable table(String name) {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }).tables().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow();
  }

  private List<String> rows(String sql) {
    return store.read(h -> h.createQuery(sql).map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)).list());
  }

  @Test
  void aRangedReadReplacesExactlyThoseDaysAndLeavesTheCursorWhereItWas() {
    ApiStubs.stripe(server);
    sync.run("stripe", List.of(table("charges")), false, ApiTableSync.Listener.NONE);
    Optional<String> cursor = store.read(h -> SyncState.cursor(h, "stripe", "charges"));
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("created[gte]", equalTo("1740873600"))
        .withQueryParam("created[lte]", equalTo("1741046399")).atPriority(1).willReturn(okJson(ONE_CHARGE)));

    List<ApiTableSync.Outcome> outcomes = sync.runRange("stripe", List.of(table("charges")), MARCH_2_TO_3, ApiTableSync.Listener.NONE);

    assertEquals("1 read, 2 in the table, error null", outcomes.get(0).rowsRead() + " read, " + outcomes.get(0).rowCount()
        + " in the table, error " + outcomes.get(0).error());
    // ch_3PaA1 restated, ch_3PaB2 no longer listed for its day and gone, ch_3PaC3 (March 1) untouched
    assertEquals(List.of("ch_3PaA1 120.00", "ch_3PaC3 19.99"),
        rows("SELECT id, CAST(amount AS DECIMAL(18,2)) FROM stripe.charges ORDER BY id"));
    assertEquals(List.of("ch_3PaA1 120.00", "ch_3PaC3 19.99"),
        rows("SELECT order_id, CAST(amount AS DECIMAL(18,2)) FROM stripe.orders ORDER BY order_id"));
    assertEquals(cursor, store.read(h -> SyncState.cursor(h, "stripe", "charges")));
    assertEquals(1, server.findAll(getRequestedFor(urlPathEqualTo("/v1/charges"))
        .withQueryParam("created[lte]", equalTo("1741046399"))).size());
  }

  @Test
  void aFailedRangedReadKeepsTheTableAsItWas() {
    ApiStubs.stripe(server);
    sync.run("stripe", List.of(table("charges")), false, ApiTableSync.Listener.NONE);
    List<String> before = rows("SELECT id, amount FROM stripe.charges ORDER BY id");
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("created[lte]", equalTo("1741046399")).atPriority(1)
        .willReturn(aResponse().withStatus(200).withBody("{\"object\": \"list\", \"data\": [")));

    ApiTableSync.Outcome outcome = sync.runRange("stripe", List.of(table("charges")), MARCH_2_TO_3, ApiTableSync.Listener.NONE).get(0);

    assertTrue(outcome.failed() && outcome.error().contains("stripe.charges for 2025-03-02..2025-03-03"),
        outcome.error());
    assertEquals(before, rows("SELECT id, amount FROM stripe.charges ORDER BY id"));
  }

  @Test
  void syncsRecordTheDaysEachTableHoldsMergedIntoSpans() {
    ApiStubs.stripe(server);
    sync.run("stripe", List.of(table("charges")), false, ApiTableSync.Listener.NONE);
    LocalDate today = LocalDate.now(Clock.systemUTC());
    assertEquals(List.of(new DateRange(LocalDate.EPOCH, today)),
        store.read(h -> SyncRanges.held(h, "stripe", "charges")), "a whole read holds every day to today");
    assertEquals(List.of(), store.read(h -> SyncRanges.missing(h, "stripe", "charges", MARCH_2_TO_3)));
    assertEquals(List.of(MARCH_2_TO_3), store.read(h -> SyncRanges.missing(h, "stripe", "refunds", MARCH_2_TO_3)),
        "a table that never synced lacks every day");
  }

  @Test
  void gapsAreTheDaysOutsideTheHeldSpans() {
    DateRange held1 = new DateRange(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 10));
    DateRange held2 = new DateRange(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 20));
    assertEquals(List.of(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 4)),
            new DateRange(LocalDate.of(2026, 1, 11), LocalDate.of(2026, 1, 14)),
            new DateRange(LocalDate.of(2026, 1, 21), LocalDate.of(2026, 1, 31))),
        SyncRanges.subtract(new DateRange(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)), List.of(held2, held1)));
    assertEquals(List.of(), SyncRanges.subtract(new DateRange(LocalDate.of(2026, 1, 6), LocalDate.of(2026, 1, 9)),
        List.of(held1)));
    assertEquals(List.of(new DateRange(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 20))),
        SyncRanges.merge(List.of(held1, held2), new DateRange(LocalDate.of(2026, 1, 11), LocalDate.of(2026, 1, 14))),
        "touching spans merge");
  }

  @Test
  void aTableReadWholeCannotBeReadByDays() {
    ApiTable subscriptions = table("subscriptions");
    assertTrue(!subscriptions.readsRanges());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sync.runRange("stripe", List.of(subscriptions), MARCH_2_TO_3, ApiTableSync.Listener.NONE));
    assertEquals("stripe.subscriptions cannot be read by days", e.getMessage());
  }
}
