package org.marketingsql.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;

class SyncCommandTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  PrintStream stdout;
  PrintStream stderr;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();
  Path model;

  @BeforeEach
  void setUp() throws Exception {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    model = temp.resolve("marketing.yaml");
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: "jdbc:duckdb:%s"
              sources:
                - { name: stripe, type: stripe, apiKey: "%s", endpoint: "%s" }
                - { name: crm, type: hubspot, accessToken: "%s", endpoint: "%s" }
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY), server.baseUrl(),
        ApiStubs.secretFile(temp, "hubspot.token", ApiStubs.HUBSPOT_TOKEN), server.baseUrl()));
  }

  @AfterEach
  void tearDown() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void syncPrintsPagesAndRowsPerTableToStderrAndNothingToStdout() {
    ApiStubs.stripe(server);
    ApiStubs.hubspot(server);
    assertEquals(0, Main.run("sync", "--model", model.toString()), err());
    String log = err();
    assertTrue(log.contains("stripe.charges: page 2, 3 rows"), log);
    assertTrue(log.contains("stripe.charges: 3 rows read in 2 pages, 3 rows in the table"), log);
    assertTrue(log.contains("crm.deals: 3 rows read in 2 pages, 3 rows in the table"), log);
    assertTrue(log.contains("synced 9 of 9 tables, 16 rows read"), log);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void syncPublishesItsSnapshotBeforeItExitsSoTheNextQueryReadsIt() {
    ApiStubs.stripe(server);
    ApiStubs.hubspot(server);
    assertEquals(0, Main.run("sync", "--model", model.toString()), err());
    assertTrue(err().contains("published snapshot 1 of " + temp.resolve("store")), err());
    assertEquals(0, Main.run("query", "--model", model.toString(), "--format", "csv",
        "SELECT COUNT(*) AS n FROM stripe.charges"), err());
    assertEquals("n\n3\n", out.toString(StandardCharsets.UTF_8));
    assertTrue(err().contains("published snapshot 1"), err());
    assertTrue(!err().contains("finishing its refresh"), "nothing was left to refresh: " + err());
  }

  @Test
  void onlyTheNamedSourceSyncs() {
    ApiStubs.hubspot(server);
    assertEquals(0, Main.run("sync", "--model", model.toString(), "--source", "crm"), err());
    assertTrue(server.findAll(anyRequestedFor(urlPathEqualTo("/v1/charges"))).isEmpty());
    assertEquals(1, Main.run("sync", "--model", model.toString(), "--source", "nope"));
    assertTrue(err().contains("no API source named nope"), err());
  }

  @Test
  void aFailedTableExitsWithOneAndSaysItKeptItsLastGoodData() {
    ApiStubs.stripe(server);
    ApiStubs.hubspot(server);
    server.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(aResponse().withStatus(401)));
    assertEquals(1, Main.run("sync", "--model", model.toString()));
    String log = err();
    assertTrue(log.contains("crm.contacts: FAILED: reading crm.contacts failed: hubspot GET /crm/v3/objects/contacts:"
        + " the API refused the credential ${file:"), log);
    assertTrue(log.contains("synced 8 of 9 tables"), log);
    assertTrue(!log.contains(ApiStubs.HUBSPOT_TOKEN), log);
    assertTrue(server.findAll(anyRequestedFor(anyUrl())).size() >= 7);
  }

  @Test
  void aRangedSyncRereadsTheDateBasedTablesForThoseDaysAndNamesTheTablesItSkipped() {
    ApiStubs.stripe(server);
    ApiStubs.hubspot(server);
    assertEquals(0, Main.run("sync", "--model", model.toString(), "--from", "2025-03-01", "--to", "2025-03-03"), err());
    String log = err();
    assertTrue(log.contains("stripe.subscriptions: not read by days, skipped"), log);
    assertTrue(log.contains("crm.deals: not read by days, skipped"), log);
    assertTrue(log.contains("crm.contacts: not read by days, skipped"), log);
    assertTrue(log.contains("synced 4 of 4 tables for 2025-03-01 to 2025-03-03"), log);
    // 2025-03-01T00:00:00Z to 2025-03-03T23:59:59Z, both ends included
    assertEquals(1, server.findAll(getRequestedFor(urlPathEqualTo("/v1/charges")).withQueryParam("starting_after",
        absent()).withQueryParam("created[gte]", equalTo("1740787200"))
        .withQueryParam("created[lte]", equalTo("1741046399"))).size());
    assertTrue(server.findAll(anyRequestedFor(urlPathEqualTo("/crm/v3/objects/deals"))).isEmpty());
    assertTrue(server.findAll(anyRequestedFor(urlPathEqualTo("/v1/subscriptions"))).isEmpty());
  }

  @Test
  void aRangeIsRefusedWithFullWithoutAStartOrWithABadDate() {
    assertEquals(1, Main.run("sync", "--model", model.toString(), "--full", "--from", "2025-03-01"));
    assertTrue(err().contains("sync: --full re-reads everything; it cannot be combined with --from/--to"), err());
    assertEquals(1, Main.run("sync", "--model", model.toString(), "--to", "2025-03-01"));
    assertTrue(err().contains("sync: --to needs --from (the first day to re-read)"), err());
    assertEquals(1, Main.run("sync", "--model", model.toString(), "--from", "1.3.2025"));
    assertTrue(err().contains("sync: --from 1.3.2025 is not a date; use YYYY-MM-DD"), err());
    assertEquals(1, Main.run("sync", "--model", model.toString(), "--from", "2025-03-05", "--to", "2025-03-01"));
    assertTrue(err().contains("sync: a date range must not end (2025-03-01) before it starts (2025-03-05)"), err());
    assertTrue(server.findAll(anyRequestedFor(anyUrl())).isEmpty(), "nothing was called");
  }

  @Test
  void checkTriesEachApiSourcesCredentialsAndNeverPrintsThem() throws Exception {
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/charges"))
        .withQueryParam("limit", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
            "{\"object\":\"list\",\"data\":[],\"has_more\":false}")));
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
            com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/crm/v3/objects/deals"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
            .withBody("{\"status\":\"error\",\"message\":\"Authentication credentials not found.\"}")));
    assertEquals(1, Main.run("check", "--model", model.toString()));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("stripe (stripe): credentials accepted, API reached"), report);
    assertTrue(report.contains("crm (hubspot): FAILED: "), report);
    assertTrue(!report.contains(ApiStubs.STRIPE_KEY) && !report.contains(ApiStubs.HUBSPOT_TOKEN), report);
    // nothing was synced or stored: check changes nothing
    assertTrue(!Files.exists(temp.resolve("store.duckdb")), "check opened no store");
  }
}
