package org.marketingsql.source.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;

class StripeSourceTest {
  @RegisterExtension
  final ApiStub server = ApiStub.empty();

  /** 2025-03-25T00:00Z: the tests' "now", five days after the recorded refund events. */
  private static final Instant NOW = Instant.parse("2025-03-25T00:00:00Z");

  private ApiTable table(String name, Integer lookbackDays) {
    return table(name, lookbackDays, Map.of());
  }

  private ApiTable table(String name, Integer lookbackDays, Map<String, Object> settings) {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, lookbackDays, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false, settings);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }, Clock.fixed(NOW, ZoneOffset.UTC)).tables().stream()
        .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private ApiTable charges(Map<String, Object> settings) {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false, settings);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }, Clock.fixed(NOW, ZoneOffset.UTC)).tables().stream()
        .filter(t -> t.name().equals("charges")).findFirst().orElseThrow();
  }

  private static List<String> touches(Batch batch) {
    return batch.rows().stream().map(r -> r[0] + ": " + Arrays.toString(Arrays.copyOfRange(r, r.length - 3, r.length)))
        .toList();
  }

  @Test
  void chargesCarryTheUtmMetadataOfTheChargeElseOfItsExpandedCustomer() {
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("expand[]", equalTo("data.customer"))
        .willReturn(ApiStubs.json("stripe/charges_metadata.json")));
    Batch batch = charges(Map.of()).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "ch_3PaM1: [google, cpc, Brand Search]",
            "ch_3PaM2: [newsletter, null, spring]",
            "ch_3PaM3: [ignored, null, null]"),
        touches(batch), "the charge's own keys win over the customer's; the customer's fill the charge's gaps");
  }

  @Test
  void theMetadataKeysAreConfigurableOnTheSource() {
    server.stubFor(ApiStubs.list("/v1/charges").willReturn(ApiStubs.json("stripe/charges_metadata.json")));
    Batch batch = charges(Map.of("utmSourceKey", "src", "utmCampaignKey", "order_ref")).fetcher()
        .fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "ch_3PaM1: [null, cpc, A-100]",
            "ch_3PaM2: [null, null, null]",
            "ch_3PaM3: [fb, null, null]"),
        touches(batch));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> charges(Map.of("utmSourceKey", "metadata[utm_source]")));
    assertTrue(e.getMessage().contains("utmSourceKey"), e.getMessage());
  }

  @Test
  void chargesAreReadToTheLastPageWithAmountsInUnitsNetOfRefunds() {
    ApiStubs.stripe(server);
    Batch batch = table("charges", null).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(2, batch.pages());
    assertEquals(List.of(
            "[ch_3PaA1, ch_3PaA1, cus_QXgA, 2025-03-03, 75.00, USD, succeeded]",
            "[ch_3PaB2, ch_3PaB2, cus_QXgB, 2025-03-02, 50.00, USD, failed]",
            "[ch_3PaC3, ch_3PaC3, cus_QXgA, 2025-03-01, 19.99, USD, succeeded]"),
        batch.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, 7))).toList());
    assertEquals(Optional.of(LocalDate.of(2025, 3, 3).toEpochDay() * 86_400 + 12 * 3600 + ";events="
        + (NOW.getEpochSecond() - 300)), batch.cursor(), "the newest charge, and refund events from a little before now");
    assertTrue(batch.complete());
    assertEquals(0, server.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size(), "a first read needs no events");
  }

  @Test
  void zeroDecimalCurrenciesSuchAsYenAreNotDividedByAHundred() {
    server.stubFor(ApiStubs.list("/v1/charges").willReturn(ApiStubs.json("stripe/charges_jpy.json")));
    Object[] row = table("charges", null).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows().get(0);
    assertEquals(new BigDecimal("12000"), row[4]);
    assertEquals("JPY", row[5]);
    assertEquals(new BigDecimal("1.000"), StripeTables.units(1000L, "KWD"));
  }

  @Test
  void theNextSyncAsksOnlyForObjectsCreatedSinceTheCursorLessTheLookBack() {
    server.stubFor(ApiStubs.list("/v1/charges").willReturn(ApiStubs.json("stripe/empty_list.json")));
    server.stubFor(ApiStubs.list("/v1/events").willReturn(ApiStubs.json("stripe/events_none.json")));
    Batch batch = table("charges", 2).fetcher().fetch(Optional.of("1741003200;events=1742400000"),
        ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo("/v1/charges"))
        .withQueryParam("created[gte]", equalTo(String.valueOf(1741003200 - 2 * 86_400)))
        .withQueryParam("starting_after", absent()));
    assertEquals(Optional.of("1741003200;events=" + (NOW.getEpochSecond() - 300)), batch.cursor(),
        "an empty read keeps the charges' cursor");
    assertFalse(batch.complete());
  }

  @Test
  void aRefundMadeLongAfterTheLookBackReReadsItsChargeFromTheRefundEvents() {
    server.stubFor(ApiStubs.list("/v1/charges").willReturn(ApiStubs.json("stripe/empty_list.json")));
    server.stubFor(ApiStubs.list("/v1/events").willReturn(ApiStubs.json("stripe/events_refunded.json")));
    server.stubFor(get(urlPathEqualTo("/v1/charges/ch_3PaC3"))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.STRIPE_KEY))
        .willReturn(ApiStubs.json("stripe/charge_refunded.json")));
    Batch batch = table("charges", 2).fetcher().fetch(Optional.of("1741003200;events=1742400000"),
        ApiTable.Progress.NONE);
    assertEquals(List.of("[ch_3PaC3, ch_3PaC3, cus_QXgA, 2025-03-01, 0.00, USD, succeeded, 19.99, 19.99]"),
        batch.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, 9))).toList(),
        "one charge, re-read once though two events name it, now net of its refund");
    server.verify(getRequestedFor(urlPathEqualTo("/v1/events")).withQueryParam("created[gte]", equalTo("1742400000"))
        .withQueryParam("types[0]", equalTo("charge.refunded")).withQueryParam("types[1]", equalTo("charge.refund.updated"))
        .withQueryParam("limit", equalTo("100")));
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges/ch_3PaC3")));
    assertEquals(2, batch.pages());
    assertNull(batch.note());
  }

  @Test
  void aCursorOlderThanTheThirtyDaysOfEventsFallsBackToAFullReadAndSaysSo() {
    ApiStubs.stripe(server);
    long fortyDaysAgo = NOW.getEpochSecond() - 40 * 86_400L;
    Batch batch = table("charges", 2).fetcher().fetch(Optional.of("1741003200;events=" + fortyDaysAgo),
        ApiTable.Progress.NONE);
    assertEquals(3, batch.rows().size());
    assertTrue(batch.complete(), "every charge was read");
    server.verify(getRequestedFor(urlPathEqualTo("/v1/charges")).withQueryParam("created[gte]", absent()));
    assertEquals(0, server.findAll(getRequestedFor(urlPathEqualTo("/v1/events"))).size());
    assertEquals("Stripe keeps events 30 days and the last refund check was 2025-02-13T00:00 UTC,"
        + " so every charge was read again", batch.note());
  }

  @Test
  void refundsAndCustomersBecomeRowsOfTheirOwn() {
    ApiStubs.stripe(server);
    Object[] refund = table("refunds", null).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows().get(0);
    assertEquals("[re_3PaA1, ch_3PaA1, 25.00, USD, succeeded]", Arrays.toString(Arrays.copyOf(refund, 5)));
    List<Object[]> customers = table("customers", null).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows();
    assertEquals("[cus_QXgA, jenny@example.com, Jenny Rosen]", Arrays.toString(Arrays.copyOf(customers.get(0), 3)));
  }

  @Test
  void invoicesNameTheirSubscriptionAndSubscriptionsAreReadWholeIncludingCanceledOnes() {
    ApiStubs.stripe(server);
    Object[] invoice = table("invoices", null).fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows().get(0);
    assertEquals("[in_3PaC3, cus_QXgA, sub_3PaA, 7FE1103-0001, paid, subscription_create, USD, 19.99]",
        Arrays.toString(Arrays.copyOf(invoice, 8)));
    Batch subscriptions = table("subscriptions", null).fetcher().fetch(Optional.of("1741003200"),
        ApiTable.Progress.NONE);
    assertEquals(List.of("[sub_3PaA, cus_QXgA, active]", "[sub_3PaB, cus_QXgB, canceled]"),
        subscriptions.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, 3))).toList());
    assertEquals(Optional.empty(), subscriptions.cursor());
    server.verify(getRequestedFor(urlPathEqualTo("/v1/subscriptions")).withQueryParam("status", equalTo("all"))
        .withQueryParam("created[gte]", absent()));
  }

  @Test
  void aFirstSyncListsChargesFromTheStartDateAndCoversTheDaysFromThereToToday() {
    ApiStubs.stripe(server);
    Batch batch = table("charges", null, Map.of("startDate", "2025-03-01")).fetcher()
        .fetch(Optional.empty(), ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo("/v1/charges"))
        .withQueryParam("created[gte]", equalTo(String.valueOf(LocalDate.of(2025, 3, 1).toEpochDay() * 86_400))));
    assertTrue(batch.complete(), "everything from the start date on");
    assertEquals(Optional.of(new org.marketingsql.source.DateRange(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 25))),
        batch.covered());
  }

  @Test
  void subscriptionsAreReadWholeWhateverTheStartDate() {
    ApiStubs.stripe(server);
    table("subscriptions", null, Map.of("startDate", "2025-03-01")).fetcher().fetch(Optional.empty(),
        ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo("/v1/subscriptions")).withQueryParam("created[gte]", absent()));
  }
}
