package org.marketingsql.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * GBP ad spend without any FX file, converted to USD with the ECB's rates of an {@code fx} source synced on
 * connect (1.1598 USD and 0.88025 GBP per euro on Friday 20 November; nothing on the weekend), and the same
 * with a treasury file named by {@code fxRates} that gives Saturday's rate.
 */
@ExtendWith(IsolatedHome.class)
class EcbRatesSyncIT {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub ecb = ApiStub.empty();

  @BeforeEach
  void start() {
    ecb.stubFor(get(urlPathEqualTo("/service/data/EXR/D.USD+GBP.EUR.SP00.A")).willReturn(aResponse().withStatus(200)
        .withBody(ApiStubs.fixture("ecb/exr_daily.csv"))));
  }

  private String model(String fxRates) throws IOException {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("spend.csv"), """
        date,platform,account_id,campaign_id,campaign_name,impressions,clicks,spend,currency,conversions,conversion_value
        2026-11-20,meta_ads,1,c1,Brand UK,10,1,100.00,GBP,0,0
        2026-11-21,meta_ads,1,c1,Brand UK,10,1,100.00,GBP,0,0
        """);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", %s"sources": [
           {"name": "exports", "type": "csv-folder", "path": "%s"},
           {"name": "ecb", "type": "fx", "currencies": ["USD", "GBP"], "startDate": "2026-11-01", "endpoint": "%s",
            "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), fxRates,
        folder.toString().replace("\\", "/"), ecb.baseUrl());
  }

  @Test
  void spendConvertsAtTheEcbCrossRateAndSaturdayAtFridays() throws Exception {
    String model = model("");
    Sql.calcite(model).query("SELECT date_day, fx_rate, spend_rc FROM finance.ad_spend_daily ORDER BY date_day").returns(
        "date_day=2026-11-20; fx_rate=1.31758023; spend_rc=131.758023",
        "date_day=2026-11-21; fx_rate=1.31758023; spend_rc=131.758023");
    Sql.calcite(model).query("SELECT currency, COUNT(*) AS days FROM ecb.daily_rates GROUP BY currency ORDER BY 1")
        .returns("currency=GBP; days=2", "currency=JPY; days=2", "currency=USD; days=2");
  }

  @Test
  void aTreasuryFileNamedByFxRatesWinsForTheDaysItGives() throws Exception {
    Path treasury = Files.writeString(temp.resolve("treasury.csv"), "date,currency,rate_to_reporting\n2026-11-21,GBP,2\n");
    String model = model("\"fxRates\": \"" + treasury.toString().replace("\\", "/") + "\", ");
    Sql.calcite(model).query("SELECT date_day, fx_rate, spend_rc FROM finance.ad_spend_daily ORDER BY date_day").returns(
        "date_day=2026-11-20; fx_rate=1.31758023; spend_rc=131.758023",
        "date_day=2026-11-21; fx_rate=2.00000000; spend_rc=200.000000");
  }
}
