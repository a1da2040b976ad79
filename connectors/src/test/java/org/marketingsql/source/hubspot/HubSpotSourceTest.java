package org.marketingsql.source.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
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

class HubSpotSourceTest {
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("hubspot");

  private ApiTable table(String name) {
    return table(name, Map.of());
  }

  private ApiTable table(String name, Map<String, Object> settings) {
    SourceConfig config = new SourceConfig("crm", HubSpotSource.TYPE, null, null, null, null, "EUR",
        Map.of("accessToken", Secret.of("${env:HUBSPOT_TOKEN}", ApiStubs.HUBSPOT_TOKEN)), server.baseUrl(), null, false,
        settings);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new HubSpotSource(config, fast, d -> { }).tables().stream().filter(t -> t.name().equals(name))
        .findFirst().orElseThrow();
  }

  @Test
  void dealsAreReadToTheLastPageAndClosedWonOnesAreMarked() {
    Batch batch = table("deals").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(2, batch.pages());
    assertEquals(List.of(
            "[101, 101, 201, 2025-03-05, 1500.00, USD, Deal 101, closedwon, default, true]",
            "[102, 102, 202, 2025-03-05, 900, USD, Deal 102, closedlost, default, false]",
            "[103, 103, 202, 2025-03-06, 249.50, USD, Deal 103, contractsigned, default, true]"),
        batch.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, 10))).toList());
    assertEquals(Optional.of("2025-03-07T09:00:00Z"), batch.cursor(), "the newest modification seen");
    assertTrue(batch.complete(), "a whole read: deals the list no longer has are gone");
    server.verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals"))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.HUBSPOT_TOKEN))
        .withQueryParam("after", equalTo("102")).withQueryParam("limit", equalTo("100"))
        .withQueryParam("associations", equalTo("contacts"))
        .withQueryParam("properties", equalTo("dealname,amount,closedate,createdate,dealstage,pipeline,"
            + "deal_currency_code,hs_is_closed_won,hs_lastmodifieddate")));
  }

  @Test
  void dealsCarryTheirContactsUtmPropertiesElseItsOriginalSourceReadInOneBatch() {
    Batch batch = table("deals").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "101: [google, paid_search, Brand - Search US]",
            "102: [organic, organic_search, null]",
            "103: [organic, organic_search, null]"),
        batch.rows().stream().map(r -> r[0] + ": " + Arrays.toString(Arrays.copyOfRange(r, r.length - 3, r.length)))
            .toList(), "paid search names its network and campaign; organic search is organic, not google_ads");
    server.verify(1, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/batch/read"))
        .withRequestBody(equalToJson("{\"properties\": [\"hs_analytics_source\", \"hs_analytics_source_data_1\","
            + " \"hs_analytics_source_data_2\", \"utm_source\", \"utm_medium\", \"utm_campaign\"],"
            + " \"inputs\": [{\"id\": \"201\"}, {\"id\": \"202\"}]}")));
  }

  @Test
  void anIncrementalReadTakesTheTouchDataOfTheContactsTheAssociationsName() {
    Batch batch = table("deals").fetcher().fetch(Optional.of("2025-03-07T09:00:00Z"), ApiTable.Progress.NONE);
    List<String> touches = batch.rows().stream()
        .map(r -> r[2] + ": " + Arrays.toString(Arrays.copyOfRange(r, r.length - 3, r.length))).toList();
    assertEquals(List.of("202: [organic, organic_search, null]", "201: [google, paid_search, Brand - Search US]"),
        touches);
  }

  @Test
  void aContactsOwnUtmPropertiesWinOverItsOriginalSource() throws Exception {
    JsonNode contact = new ObjectMapper().readTree(
        ApiStubs.fixture("hubspot/contacts_batch_read.json")).path("results").get(2).path("properties");
    HubSpotTables.CrmObject deal = new HubSpotTables.CrmObject(
        new ObjectMapper().createObjectNode(), "203", "USD", contact);
    assertEquals(List.of("fb", "paid_social", "Prospecting - Lookalike US"),
        List.of(deal.touchSource(), deal.touchMedium(), deal.touchCampaign()));
  }

  @Test
  void contactsKeepTheirNamesAndLifecycleStage() {
    List<Object[]> rows = table("contacts").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows();
    assertEquals("[201, ana@example.com, Ana, Lima, customer, 2025-02-01T08:00]", Arrays.toString(rows.get(0)).replace(
        ", 2025-03-01T08:00]", "]"));
  }

  @Test
  void anIncrementalReadSearchesTheDealsModifiedSinceTheCursorOldestFirstAndAsksForTheirContacts() {
    Batch batch = table("deals").fetcher().fetch(Optional.of("2025-03-07T09:00:00Z"), ApiTable.Progress.NONE);
    assertEquals(List.of(
            "[102, 102, 202, 2025-03-09, 900, USD, Deal 102, closedwon, default, true]",
            "[104, 104, 201, 2025-03-09, 120.25, USD, Deal 104, closedwon, default, true]"),
        batch.rows().stream().map(r -> Arrays.toString(Arrays.copyOf(r, 10))).toList(),
        "deal 102 names the lower of its two contacts");
    assertEquals(Optional.of("2025-03-09T13:00:00Z"), batch.cursor());
    assertFalse(batch.complete(), "an incremental read upserts; it does not replace the table");
    long hourBeforeCursor = Instant.parse("2025-03-07T08:00:00Z").toEpochMilli();
    server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/deals/search"))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.HUBSPOT_TOKEN))
        .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", equalTo("hs_lastmodifieddate")))
        .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].operator", equalTo("GTE")))
        .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo(String.valueOf(hourBeforeCursor))))
        .withRequestBody(matchingJsonPath("$.sorts[0].propertyName", equalTo("hs_lastmodifieddate")))
        .withRequestBody(matchingJsonPath("$.sorts[0].direction", equalTo("ASCENDING")))
        .withRequestBody(matchingJsonPath("$.limit", equalTo("200")))
        .withRequestBody(matchingJsonPath("$.properties[0]", equalTo("dealname")))
        .withRequestBody(matchingJsonPath("$.after", absent())));
    server.verify(postRequestedFor(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read"))
        .withRequestBody(equalToJson("{\"inputs\": [{\"id\": \"102\"}, {\"id\": \"104\"}]}")));
    server.verify(0, getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals")));
  }

  @Test
  void contactsAreSearchedByLastmodifieddateAndNoChangeKeepsTheCursor() {
    Batch batch = table("contacts").fetcher().fetch(Optional.of("2025-03-01T08:00:00Z"), ApiTable.Progress.NONE);
    assertEquals(0, batch.rows().size());
    assertEquals(Optional.of("2025-03-01T08:00:00Z"), batch.cursor());
    server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search"))
        .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", equalTo("lastmodifieddate"))));
    server.verify(0, postRequestedFor(urlPathEqualTo("/crm/v4/associations/deals/contacts/batch/read")));
  }

  @Test
  void moreThanTenThousandChangesAreSearchedAgainFromTheNewestChangeSeen() {
    Instant cursor = Instant.parse("2025-03-07T09:00:00Z");
    Instant from = cursor.minus(HubSpotTables.OVERLAP);
    // 50 full pages of 200: the 10,000 results one search can page through, one minute apart per page
    for (int page = 0; page < 50; page++) {
      StringBuilder results = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        int n = page * 200 + i;
        results.append(n == 0 ? "" : ",").append(contact(1000 + n, cursor.plusSeconds(60L * page)));
      }
      server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search")).atPriority(1)
          .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo(String.valueOf(from.toEpochMilli()))))
          .withRequestBody(page == 0 ? matchingJsonPath("$.after", absent()) : matchingJsonPath("$.after", equalTo(String.valueOf(page * 200))))
          .willReturn(okJson("{\"total\": 10201, \"results\": [" + results.substring(results.charAt(0) == ',' ? 1 : 0)
              + "], \"paging\": {\"next\": {\"after\": \"" + (page + 1) * 200 + "\"}}}")));
    }
    Instant newest = cursor.plusSeconds(60L * 49);
    server.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search")).atPriority(1)
        .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].value", equalTo(String.valueOf(newest.toEpochMilli()))))
        .withRequestBody(matchingJsonPath("$.after", absent()))
        .willReturn(okJson("{\"total\": 2, \"results\": [" + contact(10_999, newest) + ","
            + contact(20_000, newest.plusSeconds(30)) + "]}")));
    int[] lastProgress = new int[2];
    Batch batch = table("contacts").fetcher().fetch(Optional.of(cursor.toString()), (pages, rows) -> {
      lastProgress[0] = pages;
      lastProgress[1] = rows;
    });
    assertEquals(10_001, batch.rows().size(), "10,000 from the first search, one more from the second");
    assertEquals(51, batch.pages());
    assertEquals(Optional.of(newest.plusSeconds(30).toString()), batch.cursor());
    assertEquals(List.of(51, 10_001), List.of(lastProgress[0], lastProgress[1]));
    server.verify(0, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search"))
        .withRequestBody(matchingJsonPath("$.after", equalTo("10000"))));
  }

  private static String contact(int id, Instant modified) {
    return "{\"id\": \"" + id + "\", \"properties\": {\"email\": \"c" + id + "@example.com\", \"lastmodifieddate\": \""
        + modified + "\"}, \"createdAt\": \"2025-01-01T00:00:00Z\", \"updatedAt\": \"" + modified
        + "\", \"archived\": false}";
  }

  @Test
  void dealsClosedBeforeTheStartDateAreLeftOutAndTheCursorStillMovesOn() {
    Batch batch = table("deals", Map.of("startDate", "2025-03-06")).fetcher().fetch(Optional.empty(),
        ApiTable.Progress.NONE);
    assertEquals(List.of("103"), batch.rows().stream().map(r -> String.valueOf(r[0])).toList());
    assertEquals(Optional.of("2025-03-07T09:00:00Z"), batch.cursor());
  }
}
