package org.marketingsql.source.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStubs;

class HubSpotSourceTest {
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    ApiStubs.hubspot(server);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ApiTable table(String name) {
    SourceConfig config = new SourceConfig("crm", SourceType.HUBSPOT, null, null, null, null, "EUR",
        Map.of("accessToken", Secret.of("${env:HUBSPOT_TOKEN}", ApiStubs.HUBSPOT_TOKEN)), server.baseUrl(), null, false);
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
    assertEquals(Optional.empty(), batch.cursor(), "CRM v3 lists cannot filter by change time");
    server.verify(getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals"))
        .withHeader("Authorization", equalTo("Bearer " + ApiStubs.HUBSPOT_TOKEN))
        .withQueryParam("after", equalTo("102")).withQueryParam("limit", equalTo("100"))
        .withQueryParam("associations", equalTo("contacts"))
        .withQueryParam("properties", equalTo("dealname,amount,closedate,createdate,dealstage,pipeline,"
            + "deal_currency_code,hs_is_closed_won,hs_lastmodifieddate")));
  }

  @Test
  void contactsKeepTheirNamesAndLifecycleStage() {
    List<Object[]> rows = table("contacts").fetcher().fetch(Optional.empty(), ApiTable.Progress.NONE).rows();
    assertEquals("[201, ana@example.com, Ana, Lima, customer, 2025-02-01T08:00]", Arrays.toString(rows.get(0)).replace(
        ", 2025-03-01T08:00]", "]"));
  }
}
