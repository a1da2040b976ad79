package org.marketingsql.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/** Stripe and HubSpot, served locally, synced on connect into a fresh store and read through finance. */
@ExtendWith(IsolatedHome.class)
class ApiSyncIT {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("stripe", "hubspot");

  private String model(String apiSettings) {
    String key = ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY);
    String token = ApiStubs.secretFile(temp, "hubspot.token", ApiStubs.HUBSPOT_TOKEN);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "sources": [
           {"name": "stripe", "type": "stripe", "apiKey": "%s", "endpoint": "%s" %s},
           {"name": "crm", "type": "hubspot", "accessToken": "%s", "endpoint": "%s" %s}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), key, server.baseUrl(), apiSettings,
        token, server.baseUrl(), apiSettings);
  }

  @Test
  void aStaleSourceSyncsOnConnectAndFinanceOrdersAddUpToTheCent() throws Exception {
    String model = model(", \"maxAge\": \"1h\"");
    Sql.calcite(model).query("SELECT source_name, COUNT(*) AS orders, SUM(amount_rc) AS revenue FROM finance.orders"
        + " GROUP BY source_name ORDER BY source_name").returns(
        "source_name=crm; orders=2; revenue=1749.500000",
        "source_name=stripe; orders=2; revenue=94.990000");
    Sql.calcite(model).query("SELECT SUM(amount_rc) AS total FROM finance.orders").returns("total=1844.490000");
    Sql.calcite(model).query("SELECT source_name, table_name, row_count, last_error FROM sync.sync_status"
        + " ORDER BY source_name, table_name").returns(
        "source_name=crm; table_name=contacts; row_count=2; last_error=null",
        "source_name=crm; table_name=deals; row_count=3; last_error=null",
        "source_name=crm; table_name=orders; row_count=2; last_error=null",
        "source_name=stripe; table_name=charges; row_count=3; last_error=null",
        "source_name=stripe; table_name=customers; row_count=2; last_error=null",
        "source_name=stripe; table_name=invoices; row_count=1; last_error=null",
        "source_name=stripe; table_name=orders; row_count=2; last_error=null",
        "source_name=stripe; table_name=recurring_discounts; row_count=0; last_error=null",
        "source_name=stripe; table_name=recurring_items; row_count=1; last_error=null",
        "source_name=stripe; table_name=refunds; row_count=1; last_error=null",
        "source_name=stripe; table_name=subscription_discounts; row_count=0; last_error=null",
        "source_name=stripe; table_name=subscription_items; row_count=1; last_error=null",
        "source_name=stripe; table_name=subscriptions; row_count=2; last_error=null");
    Sql.calcite(model).query("SELECT id, status, amount FROM stripe.charges ORDER BY id").returns(
        "id=ch_3PaA1; status=succeeded; amount=75.000000",
        "id=ch_3PaB2; status=failed; amount=50.000000",
        "id=ch_3PaC3; status=succeeded; amount=19.990000");
    int requests = server.findAll(anyRequestedFor(anyUrl())).size();
    assertEquals(12, requests, "charges 2 pages, refunds, customers, invoices, subscriptions (for the subscriptions,"
        + " their items and their discounts), deals 2 pages,"
        + " the deals' contacts' touch data, contacts");
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM finance.orders").returns("n=4");
    assertEquals(requests, server.findAll(anyRequestedFor(anyUrl())).size(), "fresh data: no second sync within maxAge");
  }

  @Test
  void withoutMaxAgeConnectingNeverCallsOut() throws Exception {
    Sql.calcite(model("")).query("SELECT COUNT(*) AS n FROM finance.orders").returns("n=0");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anOfflineSourceNeverCallsOutEvenWhenStale() throws Exception {
    Sql.calcite(model(", \"maxAge\": \"1h\", \"offline\": true")).query("SELECT COUNT(*) AS n FROM finance.orders")
        .returns("n=0");
    server.verify(0, anyRequestedFor(anyUrl()));
  }
}
