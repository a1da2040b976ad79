package org.marketingsql.source.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.Feed;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;

class StripeSubscriptionsTest {
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("stripe-subscriptions");

  private ApiTable table(String name) {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false, Map.of());
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }, Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC))
        .tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> rows(Batch batch, int columns) {
    return batch.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, columns))).toList();
  }

  @Test
  void everyItemOfEverySubscriptionIsARowWithItsPriceInCurrencyUnitsIntervalAndQuantity() {
    ApiTable items = table("subscription_items");
    Batch batch = items.fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "[si_A1, sub_A1, cus_A, active, price_basic_m, prod_basic, USD, 50.00, month, 1, 1]",
            "[si_A2, sub_A1, cus_A, active, price_seat_m, prod_seat, USD, 10.00, month, 1, 3]",
            "[si_B1, sub_B1, cus_B, active, price_pro_m, prod_pro, USD, 100.00, month, 1, 1]",
            "[si_B2, sub_B2, cus_B, canceled, price_addon_m, prod_addon, USD, 40.00, month, 1, 1]",
            "[si_C1, sub_C1, cus_C, canceled, price_team_m, prod_team, USD, 80.00, month, 1, 1]",
            "[si_C2, sub_C2, cus_C, active, price_team_w, prod_team, USD, 25.00, week, 1, 1]",
            "[si_D1, sub_D1, cus_D, active, price_pro_y, prod_pro, USD, 1200.00, year, 1, 1]",
            "[si_E1, sub_E1, cus_E, active, price_growth_m, prod_growth, USD, 200.00, month, 1, 1]",
            "[si_F1, sub_F1, cus_F, active, price_pro_y_jpy, prod_pro, JPY, 120000, year, 1, 1]",
            "[si_G1, sub_G1, cus_G, incomplete_expired, price_starter_m, prod_starter, USD, 30.00, month, 1, 1]"),
        rows(batch, 11), "yen have no minor unit: 120000 is 120,000 JPY, not 1,200");
    assertTrue(batch.complete(), "subscriptions are read whole: the table is replaced");
    assertEquals(Optional.empty(), batch.cursor());
    assertEquals(Feed.Input.RECURRING_ITEMS, items.feed().input(), "the items feed the recurring revenue");
  }

  @Test
  void theSubscriptionListIsPagedAfterItsLastIdAndASubscriptionWithMoreItemsHasThemPagedToo() {
    table("subscription_items").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    server.verify(getRequestedFor(urlPathEqualTo("/v1/subscriptions")).withQueryParam("status", equalTo("all"))
        .withQueryParam("expand[]", equalTo("data.discounts")).withQueryParam("limit", equalTo("100"))
        .withQueryParam("starting_after", equalTo("sub_C1")));
    server.verify(getRequestedFor(urlPathEqualTo("/v1/subscription_items")).withQueryParam("subscription",
        equalTo("sub_A1")).withQueryParam("starting_after", equalTo("si_A1")));
    server.verify(0, getRequestedFor(urlPathEqualTo("/v1/subscription_items")).withQueryParam("subscription",
        equalTo("sub_B1")));
  }

  @Test
  void theDatesOfAnItemAreItsOwnCreationAndItsSubscriptionsStartTrialCancellationAndEnd() {
    Batch batch = table("subscription_items").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    List<String> dates = batch.rows().stream().map(r -> r[0] + " " + Arrays.toString(Arrays.copyOfRange(r, 11, 16)))
        .toList();
    assertEquals("si_A2 [2025-03-05T12:00, 2025-01-10T09:00, null, null, null]", dates.get(1));
    assertEquals("si_C1 [2025-02-03T08:00, 2025-02-03T08:00, null, 2025-03-01T17:30, 2025-03-20T08:00]", dates.get(4));
    assertEquals("si_F1 [2025-04-20T03:00, 2025-04-20T03:00, 2025-05-04T03:00, null, null]", dates.get(8));
  }

  @Test
  void discountsAreRowsWithTheirCouponsTermsAndTheirAmountOffInCurrencyUnits() {
    ApiTable discounts = table("subscription_discounts");
    Batch batch = discounts.fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "[di_B1, sub_B1, WELCOME50, 50, null, null, once, null, 2025-01-20T15:00, null]",
            "[di_D1, sub_D1, LOYAL120, null, 120.00, USD, forever, null, 2025-02-14T10:00, null]",
            "[di_E1, sub_E1, SPRING20, 20, null, null, repeating, 3, 2025-03-01T09:00, 2025-06-01T09:00]"),
        rows(batch, 10));
    assertEquals(Feed.Input.RECURRING_DISCOUNTS, discounts.feed().input());
  }

  @Test
  void aDiscountListedOnlyByIdIsAMalformedAnswerNamingTheSubscription() {
    server.resetAll();
    server.stubFor(ApiStubs.list("/v1/subscriptions").willReturn(com.github.tomakehurst.wiremock.client.WireMock
        .okJson("{\"object\": \"list\", \"has_more\": false, \"data\": [{\"id\": \"sub_X\", \"customer\": \"cus_X\","
            + " \"items\": {\"data\": [], \"has_more\": false}, \"discounts\": [\"di_X\"]}]}")));
    ApiException e = assertThrows(ApiException.class,
        () -> table("subscription_discounts").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE));
    assertTrue(e.getMessage().contains("sub_X") && e.getMessage().contains("/v1/subscriptions"), e.getMessage());
  }
}
