package org.marketingsql.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.FxRatesSetting;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.source.fx.EcbRatesSource;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.registry.SourceRegistry;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.StoreFixture;

/**
 * FX from the ECB's reference rates, synced like any API source, beneath hand-made FX files: spend in
 * GBP, JPY and EUR converted to USD on figures worked out by hand from the recorded rates
 * (USD 1.1562 per EUR on Thursday the 19th; USD 1.1598, GBP 0.88025 and JPY 179.1 per EUR on Friday the
 * 20th; nothing published on Saturday the 21st).
 */
class FxFactsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  @RegisterExtension
  final ApiStub ecb = ApiStub.empty();
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.duckDb();
  @TempDir
  Path dir;
  private Path exports;

  @BeforeEach
  void sources() throws IOException {
    ecb.stubFor(get(urlPathMatching("/service/data/EXR/.*")).willReturn(aResponse().withStatus(200)
        .withBody(ApiStubs.fixture("ecb/exr_daily.csv"))));
    exports = Files.createDirectories(dir.resolve("exports"));
    Files.writeString(exports.resolve("spend.csv"), """
        date,platform,account_id,campaign_id,campaign_name,impressions,clicks,spend,currency,conversions,conversion_value
        2026-11-19,meta_ads,1,c1,Brand,10,1,100.00,GBP,0,0
        2026-11-20,meta_ads,1,c1,Brand,10,1,100.00,GBP,0,0
        2026-11-21,meta_ads,1,c1,Brand,10,1,100.00,GBP,0,0
        2026-11-20,google_ads,2,c2,Search,10,1,1000,JPY,0,0
        2026-11-19,google_ads,3,c3,Search EU,10,1,50,EUR,0,0
        2026-11-19,google_ads,4,c4,Search US,10,1,20,USD,0,0
        """);
    // Finance's own rate for one currency and day wins over the ECB's.
    Files.writeString(exports.resolve("finance_fx.csv"), "date,currency,rate_to_reporting\n2026-11-19,GBP,1.5\n");
  }

  private MarketingConfig config(FxRatesSetting fxRates) {
    SourceConfig folder = new SourceConfig("exports", SourceType.CSV_FOLDER, exports, null, null, null, null, Map.of());
    SourceConfig rates = new SourceConfig("ecb", EcbRatesSource.TYPE, null, null, null, null, null, Map.of(),
        ecb.baseUrl(), null, false, Map.of("startDate", "2026-11-01"));
    return new MarketingConfig("jdbc:duckdb:", "USD", ZoneOffset.UTC, 1, BigDecimal.ONE, fxRates, List.of(folder, rates));
  }

  private List<String> spendRc(MarketingConfig config) {
    new ExportFolderLoader(fixture.store(), config.sources().get(0)).refresh();
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(10));
    SourceConfig rates = config.sources().get(1);
    new ApiTableSync(fixture.store(), CLOCK).run(rates.name(),
        SourceRegistry.open(rates, fast, d -> { }, CLOCK).tables(), false, ApiTableSync.Listener.NONE);
    FinanceFacts.rebuild(config, fixture.store(), CLOCK);
    return fixture.store().read(h -> h.createQuery("SELECT \"date_day\", \"currency\", \"fx_rate\", \"spend_rc\""
        + " FROM \"_marketing\".\"ad_spend\" ORDER BY 1, 2").map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2)
        + " " + rs.getBigDecimal(3) + " " + rs.getBigDecimal(4)).list());
  }

  private String factError(String fact) {
    return fixture.store().read(h -> h.createQuery("SELECT \"error\" FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?")
        .bind(0, fact).mapTo(String.class).one());
  }

  @Test
  void ecbRatesBecomeCrossRatesToTheReportingCurrencyRoundedToEightDecimalsAndWeekendsTakeFridaysRate() {
    assertEquals(List.of(
            "2026-11-19 EUR 1.15620000 57.810000", // 50 × 1.1562
            "2026-11-19 GBP 1.50000000 150.000000", // finance's own rate wins over the ECB's 1.31461057
            "2026-11-19 USD 1.00000000 20.000000",
            "2026-11-20 GBP 1.31758023 131.758023", // 1.1598 / 0.88025 = 1.317580232..., half up
            "2026-11-20 JPY 0.00647571 6.475710", // 1.1598 / 179.1 = 0.006475711...
            "2026-11-21 GBP 1.31758023 131.758023"), // Saturday: Friday's publication
        spendRc(config(null)));
  }

  @Test
  void anFxRatesFileWinsOverTheFoldersFxFilesAndTheEcbForTheDaysItGives() throws IOException {
    Path file = Files.writeString(dir.resolve("treasury.csv"), "date,currency,rate_to_reporting\n2026-11-20,GBP,2\n");
    List<String> rows = spendRc(config(FxRatesSetting.ofFile(file)));
    assertTrue(rows.contains("2026-11-19 GBP 1.50000000 150.000000"), rows.toString());
    assertTrue(rows.contains("2026-11-20 GBP 2.00000000 200.000000"), rows.toString());
    assertTrue(rows.contains("2026-11-21 GBP 2.00000000 200.000000"), "carried over the weekend: " + rows);
    assertTrue(rows.contains("2026-11-20 JPY 0.00647571 6.475710"), rows.toString());
  }

  @Test
  void anFxRatesTableIsReadLikeAnFxFile() {
    List<String> rows = spendRc(config(FxRatesSetting.ofTable("exports", "finance_fx")));
    assertTrue(rows.contains("2026-11-19 GBP 1.50000000 150.000000"), rows.toString());
  }

  @Test
  void anFxRatesTableThatIsNotThereFailsTheFactsNamingTheKeyAndTheTable() {
    assertEquals(List.of(), spendRc(config(FxRatesSetting.ofTable("exports", "no_such_rates"))));
    String error = factError("ad_spend");
    assertTrue(error.startsWith("fxRates: the table exports.no_such_rates cannot be read as FX rates"), error);
  }

  @Test
  void crossRatesGoThroughTheBaseAndLeaveOutTheReportingCurrency() {
    Map<String, BigDecimal> eurReporting = FinanceFacts.crossRates("EUR", Map.of("USD", new BigDecimal("1.25"),
        "GBP", new BigDecimal("0.8")), "EUR");
    assertEquals(Map.of("USD", new BigDecimal("0.80000000"), "GBP", new BigDecimal("1.25000000")), eurReporting);
    assertEquals(Map.of(), FinanceFacts.crossRates("EUR", Map.of("GBP", BigDecimal.ONE), "CHF"),
        "a day without the reporting currency gives nothing");
    List<String> usd = new ArrayList<>();
    FinanceFacts.crossRates("EUR", Map.of("USD", new BigDecimal("1.1598")), "USD").forEach((c, r) -> usd.add(c + "=" + r));
    assertEquals(List.of("EUR=1.15980000"), usd);
  }
}
