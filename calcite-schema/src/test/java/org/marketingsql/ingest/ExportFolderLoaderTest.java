package org.marketingsql.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Platform exports dropped into a folder, read through the finance views. */
class ExportFolderLoaderTest {
  @TempDir
  Path temp;

  private String model(String fixture, String extraOperand) {
    Path folder = Fixtures.copy(fixture, temp.resolve("exports"));
    return Fixtures.model(folder, temp.resolve("store.duckdb"), extraOperand);
  }

  @Test
  void googleAdsExportFeedsAdSpendDailyWithoutItsTotals() throws Exception {
    // by hand from campaign_report.csv: Generic on 07-08 is two rows, 50.25 + 0.75 = 51.00, 5 + 1 clicks,
    // 500 + 20 impressions; the Total: rows are not rows
    Sql.calcite(model("platforms/google-ads", "")).query("SELECT date_day, platform, campaign_id, campaign_name,"
        + " impressions, clicks, spend, currency, conversions, conversions_value FROM finance.ad_spend_daily"
        + " ORDER BY date_day, campaign_id").returns(
        "date_day=2025-07-08; platform=google_ads; campaign_id=111; campaign_name=Brand; impressions=14117313;"
            + " clicks=120; spend=1234.560000; currency=USD; conversions=4.000000; conversions_value=2500.000000",
        "date_day=2025-07-08; platform=google_ads; campaign_id=222; campaign_name=Generic; impressions=520;"
            + " clicks=6; spend=51.000000; currency=USD; conversions=1.500000; conversions_value=75.000000",
        "date_day=2025-07-09; platform=google_ads; campaign_id=111; campaign_name=Brand; impressions=1000;"
            + " clicks=10; spend=100.000000; currency=USD; conversions=0.000000; conversions_value=0.000000");
  }

  @Test
  void googleAdsExportTableKeepsTheReportRangeOnEveryRow() throws Exception {
    Sql.calcite(model("platforms/google-ads", "")).query("SELECT COUNT(*) AS n, MIN(report_start) AS s,"
        + " MAX(report_end) AS e, MIN(export_format) AS f FROM exports.campaign_report").returns(
        "n=4; s=2025-07-08; e=2025-07-10; f=google_ads");
  }

  @Test
  void googleAdsExcelExportFeedsAdSpendDaily() throws Exception {
    // 1,234.50 on 27 January and 99.50 on 3 February, in GBP, the reporting currency here
    Sql.calcite(model("platforms/google-ads-excel", "\"reportingCurrency\": \"GBP\"")).query(
        "SELECT date_day, campaign_id, impressions, spend, spend_rc FROM finance.ad_spend_daily ORDER BY date_day")
        .returns(
            "date_day=2026-01-27; campaign_id=Spring Sale; impressions=1200; spend=1234.500000; spend_rc=1234.500000",
            "date_day=2026-02-03; campaign_id=Spring Sale; impressions=1000; spend=99.500000; spend_rc=99.500000");
  }

  @Test
  void microsoftAdsExportFeedsAdSpendDaily() throws Exception {
    // by hand from campaign_daily.csv (TimePeriod month first, as 7/13/2025 proves)
    Sql.calcite(model("platforms/microsoft-ads", "")).query("SELECT date_day, platform, account_id, campaign_id,"
        + " campaign_name, impressions, clicks, spend, conversions, conversions_value FROM finance.ad_spend_daily"
        + " ORDER BY date_day").returns(
        "date_day=2025-07-08; platform=microsoft_ads; account_id=1234567; campaign_id=555; campaign_name=Shoes;"
            + " impressions=1000; clicks=35; spend=42.500000; conversions=3.000000; conversions_value=120.000000",
        "date_day=2025-07-09; platform=microsoft_ads; account_id=1234567; campaign_id=555; campaign_name=Shoes;"
            + " impressions=800; clicks=20; spend=30.250000; conversions=1.000000; conversions_value=40.000000",
        "date_day=2025-07-13; platform=microsoft_ads; account_id=1234567; campaign_id=556; campaign_name=Boots;"
            + " impressions=50; clicks=1; spend=0.990000; conversions=0.000000; conversions_value=0.000000");
  }

  @Test
  void microsoftsOwnReportExamplesLoadAsTablesWithoutTheirReportLines() throws Exception {
    String model = model("platforms/microsoft-ads", "");
    // example 1: 35 + 50 + 1 + 80 + 5 clicks in 5 rows, as its "Rows: 5" line says
    Sql.calcite(model).query("SELECT COUNT(*) AS n, SUM(clicks) AS clicks FROM exports.reports_md_example1")
        .returns("n=5; clicks=171");
    // example 3: 35 + 50 + 10 + 1 + 80 + 5 + 13 in 7 rows
    Sql.calcite(model).query("SELECT COUNT(*) AS n, SUM(clicks) AS clicks FROM exports.reports_md_example3")
        .returns("n=7; clicks=194");
    Sql.calcite(model).query("SELECT keyword, clicks FROM exports.reports_md_example2 ORDER BY keyword_id")
        .returns("keyword=red shoes; clicks=95", "keyword=shoes delivered; clicks=1", "keyword=shoe sale; clicks=98");
  }

  @Test
  void overlappingExportsCountEachDayOnceFromTheNewestReport() throws Exception {
    // 07-04 only in the older report: 5.00; 07-05 and 07-06 in both, same numbers: 10.00, 20.00 once;
    // 07-07 restated from 30.00 to 35.00 by the newer report (it ends July 11); 07-08 only in the newer
    // one, two rows of the same key summed: 40.00 + 1.00. Total 111.00, where summing the files gives 65.00 + 106.00 = 171.00.
    Sql.calcite(model("platforms/overlap", "")).query("SELECT date_day, spend, clicks FROM finance.ad_spend_daily"
        + " ORDER BY date_day").returns(
        "date_day=2025-07-04; spend=5.000000; clicks=1",
        "date_day=2025-07-05; spend=10.000000; clicks=2",
        "date_day=2025-07-06; spend=20.000000; clicks=4",
        "date_day=2025-07-07; spend=35.000000; clicks=7",
        "date_day=2025-07-08; spend=41.000000; clicks=9");
  }

  @Test
  void overlappingExportsWithTheSameEndDateAreDecidedByModificationTime() throws Exception {
    Path folder = temp.resolve("exports");
    Files.createDirectories(folder);
    String header = "Campaign report\nJuly 1, 2025 - July 7, 2025\nCampaign,Day,Currency code,Cost\n";
    Path older = Files.writeString(folder.resolve("b_downloaded_first.csv"), header
        + "Brand,2025-07-07,USD,30.00\n");
    Path newer = Files.writeString(folder.resolve("a_downloaded_later.csv"), header
        + "Brand,2025-07-07,USD,35.00\n");
    Files.setLastModifiedTime(older, FileTime.fromMillis(1_751_900_000_000L));
    Files.setLastModifiedTime(newer, FileTime.fromMillis(1_751_990_000_000L));
    Sql.calcite(Fixtures.model(folder, temp.resolve("store.duckdb"), "")).query(
        "SELECT date_day, spend FROM finance.ad_spend_daily").returns("date_day=2025-07-07; spend=35.000000");
  }

  @Test
  void metaAdsExportFeedsAdSpendDaily() throws Exception {
    // by hand from meta_campaigns.csv: Prospecting on 07-01 is two ad sets, 12.34 + 7.66 = 20.00, 1000 + 500
    // impressions, 10 + 0 link clicks, 2 purchases worth 80.00; Awareness's 1,500 results are reach
    Sql.calcite(model("platforms/meta-ads", "\"reportingCurrency\": \"EUR\"")).query("SELECT date_day, platform,"
        + " campaign_id, impressions, clicks, spend, currency, conversions, conversions_value"
        + " FROM finance.ad_spend_daily ORDER BY date_day").returns(
        "date_day=2025-07-01; platform=meta_ads; campaign_id=Prospecting; impressions=1500; clicks=10;"
            + " spend=20.000000; currency=EUR; conversions=2.000000; conversions_value=80.000000",
        "date_day=2025-07-02; platform=meta_ads; campaign_id=Awareness; impressions=2000; clicks=4;"
            + " spend=5.000000; currency=EUR; conversions=0.000000; conversions_value=0.000000");
  }

  @Test
  void linkedInAdsExportFeedsAdSpendDailyPerCampaignGroup() throws Exception {
    // by hand from campaign_performance.csv: on 7/1 the group's two campaigns, 100.00 + 50.50 = 150.50,
    // 1,000 + 500 impressions, 10 + 5 clicks, 1 conversion worth 500.00; on 7/15 25.00
    Sql.calcite(model("platforms/linkedin-ads", "")).query("SELECT date_day, platform, account_id, campaign_id,"
        + " campaign_name, impressions, clicks, spend, conversions, conversions_value FROM finance.ad_spend_daily"
        + " ORDER BY date_day").returns(
        "date_day=2025-07-01; platform=linkedin_ads; account_id=500123; campaign_id=600; campaign_name=Q3 Pipeline;"
            + " impressions=1500; clicks=15; spend=150.500000; conversions=1.000000; conversions_value=500.000000",
        "date_day=2025-07-15; platform=linkedin_ads; account_id=500123; campaign_id=600; campaign_name=Q3 Pipeline;"
            + " impressions=200; clicks=2; spend=25.000000; conversions=0.000000; conversions_value=0.000000");
  }

  @Test
  void stripePaymentsFeedFinanceOrdersNetOfRefunds() throws Exception {
    // ch_1 120.00 USD; ch_2 80.00 - 30.00 USD; ch_3 50.00 EUR fully refunded, 0 at 1.10; ch_4 failed
    Sql.calcite(model("platforms/stripe", "")).query("SELECT order_id, customer_id, order_date, amount_rc"
        + " FROM finance.orders ORDER BY order_id").returns(
        "order_id=ch_1; customer_id=cus_A; order_date=2025-07-08; amount_rc=120.000000",
        "order_id=ch_2; customer_id=cus_B; order_date=2025-07-09; amount_rc=50.000000",
        "order_id=ch_3; customer_id=cus_C; order_date=2025-07-09; amount_rc=0.000000");
  }

  @Test
  void shopifyOrdersFeedFinanceOrdersOncePerOrder() throws Exception {
    // #1001 118.00 (two line items, one order); #1002 1250.00 - 250.00; #1003 cancelled;
    // the second export's #2001 has two line items too, and its landing page's utm_source
    Sql.calcite(model("platforms/shopify", "")).query("SELECT order_id, customer_id, amount_rc, utm_source"
        + " FROM finance.orders ORDER BY order_id").returns(
        "order_id=5001; customer_id=a@example.com; amount_rc=118.000000; utm_source=null",
        "order_id=5002; customer_id=b@example.com; amount_rc=1000.000000; utm_source=null",
        "order_id=5003; customer_id=c@example.com; amount_rc=0.000000; utm_source=null",
        "order_id=6001; customer_id=a@example.com; amount_rc=50.000000; utm_source=Facebook",
        "order_id=6002; customer_id=b@example.com; amount_rc=20.000000; utm_source=google",
        "order_id=6003; customer_id=c@example.com; amount_rc=10.000000; utm_source=null");
  }

  @Test
  void hubSpotWonDealsFeedFinanceOrders() throws Exception {
    Sql.calcite(model("platforms/hubspot", "")).query("SELECT order_id, customer_id, order_date, amount_rc"
        + " FROM finance.orders ORDER BY order_id").returns(
        "order_id=9001; customer_id=777; order_date=2025-07-08; amount_rc=5000.000000",
        "order_id=9004; customer_id=780; order_date=2025-07-15; amount_rc=1200.500000");
  }

  @Test
  void aBadExportIsRefusedWithFileLineAndColumnWhileTheOthersLoad() throws Exception {
    Path folder = Fixtures.copy("platforms/microsoft-ads", temp.resolve("exports"));
    Files.writeString(folder.resolve("google_bad.csv"), "Campaign report\nAll time\n"
        + "Campaign,Day,Currency code,Cost\nA,2025-07-01,USD,1.00\nA,2025-07-02,USD,n/a\n");
    String model = Fixtures.model(folder, temp.resolve("store.duckdb"), "");
    Sql.calcite(model).query("SELECT table_name, last_error FROM sync.sync_status WHERE last_error IS NOT NULL")
        .returns("table_name=google_bad; last_error=google_bad.csv line 5, column Cost: 'n/a' is not a number");
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.campaign_daily").returns("n=3");
  }

  @Test
  void theSourcesLocaleDecidesAmbiguousDates() throws Exception {
    Path folder = temp.resolve("exports");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("uk.csv"), "Campaign report\nAll time\n"
        + "Campaign,Day,Currency code,Cost\nA,01/02/2026,USD,\"1,000.00\"\n");
    String model = Fixtures.model(folder, temp.resolve("store.duckdb"), "").replace("\"type\": \"csv-folder\",",
        "\"type\": \"csv-folder\", \"locale\": \"en-GB\",");
    Sql.calcite(model).query("SELECT date_day, spend FROM finance.ad_spend_daily")
        .returns("date_day=2026-02-01; spend=1000.000000");
  }

  @Test
  void overlappingPaymentExportsCountEachOrderOnceFromTheNewestFile() throws Exception {
    Path folder = temp.resolve("exports");
    Files.createDirectories(folder);
    String header = "id,Created date (UTC),Amount,Amount Refunded,Currency,Status\n";
    Path older = Files.writeString(folder.resolve("payments_week_1.csv"), header
        + "ch_1,2025-07-08 10:00,120.00,0.00,usd,Paid\n");
    Path newer = Files.writeString(folder.resolve("payments_week_2.csv"), header
        + "ch_1,2025-07-08 10:00,120.00,20.00,usd,Partially refunded\nch_5,2025-07-14 10:00,10.00,0.00,usd,Paid\n");
    Files.setLastModifiedTime(older, FileTime.fromMillis(1_752_000_000_000L));
    Files.setLastModifiedTime(newer, FileTime.fromMillis(1_752_600_000_000L));
    // ch_1 once, with the refund the newer export shows: 120.00 - 20.00; summing files would give 220.00
    Sql.calcite(Fixtures.model(folder, temp.resolve("store.duckdb"), "")).query(
        "SELECT order_id, amount_rc FROM finance.orders ORDER BY order_id").returns(
        "order_id=ch_1; amount_rc=100.000000", "order_id=ch_5; amount_rc=10.000000");
  }

  @Test
  void anAdReportWithoutACurrencyTakesTheSourcesConfiguredCurrency() throws Exception {
    Path folder = temp.resolve("no-currency");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("campaign_report.csv"), """
        Campaign report
        July 8, 2025 - July 9, 2025
        Campaign,Campaign ID,Day,Cost,Clicks,Impr.
        Brand,111,2025-07-08,"1,000.00",10,100
        Brand,111,2025-07-09,500.00,5,50
        Total: Account,,,"1,500.00",15,150
        """);
    SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> Sql.calcite(Fixtures.model(folder, temp.resolve("a.duckdb"), "")).query(
            "SELECT * FROM exports.campaign_report").rows());
    StringBuilder all = new StringBuilder();
    for (Throwable t = refused; t != null; t = t.getCause()) {
      all.append(t.getMessage());
    }
    assertTrue(all.toString().contains("lacks column a currency") && all.toString().contains("set currency: on the source"),
        all.toString());
    Files.writeString(folder.resolve("fx.csv"), "date,currency,rate_to_reporting\n2025-07-01,EUR,1.1000\n");
    Sql.calcite(Fixtures.model(folder, temp.resolve("b.duckdb"), "", "\"currency\": \"EUR\"")).query(
        "SELECT SUM(spend) AS spend, MIN(currency) AS currency, SUM(spend_rc) AS spend_rc FROM finance.ad_spend_daily")
        .returns("spend=1500.000000; currency=EUR; spend_rc=1650.000000");
  }

  /** Loading straight into a store: both load paths agree; files load once, again when changed, and go when removed. */
  @org.junit.jupiter.api.Nested
  class Refreshing {
    Path folder;
    Store store;
    ExportFolderLoader loader;

    @BeforeEach
    void setUp() {
      folder = temp.resolve("exports");
      store = Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"));
      loader = new ExportFolderLoader(store, new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null,
          Map.of()));
      Fixtures.copy("finance", folder);
    }

    @AfterEach
    void tearDown() {
      store.close();
    }

    private List<String> rows(String sql) {
      return store.read(h -> h.createQuery(sql).map((rs, ctx) -> {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        return row.toString();
      }).list());
    }

    @Test
    void valuesTheBulkReaderRefusesAreLoadedRowByRowWithTheSameMeaning() throws Exception {
      // Spaces around numbers: our reader trims them, DuckDB's strict reader refuses the file.
      Files.writeString(folder.resolve("orders.csv"), """
          order_id,customer_id,order_date,amount,currency
          o1,c1,2025-01-16, 500.00 ,USD
          o2,c2,2025-01-21,"100.5",EUR
          """);
      loader.refresh();
      assertTrue(rows("SELECT order_id, amount FROM exports.orders ORDER BY 1")
          .equals(List.of("o1|500.000000", "o2|100.500000")), rows("SELECT order_id, amount FROM exports.orders").toString());
    }

    @Test
    void aLatin1FinanceInputLoadsWithItsAccents() throws Exception {
      Files.write(folder.resolve("orders.csv"), ("order_id,customer_id,order_date,amount,currency,acquisition_channel\n"
          + "o1,Café Müller,2025-01-16,5.00,EUR,email\n").getBytes(StandardCharsets.ISO_8859_1));
      loader.refresh();
      assertTrue(rows("SELECT customer_id FROM exports.orders").equals(List.of("Café Müller")),
          rows("SELECT customer_id FROM exports.orders").toString());
    }

    @Test
    void anUnchangedFileIsNotLoadedAgainEvenWhenTouched() throws Exception {
      assertTrue(loader.refresh());
      assertFalse(loader.refresh());
      Files.setLastModifiedTime(folder.resolve("orders.csv"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
      loader.refresh();
      String loadedAt = rows("SELECT loaded_at FROM \"_marketing\".load_state WHERE table_name = 'orders'").get(0);
      Files.setLastModifiedTime(folder.resolve("orders.csv"), FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
      loader.refresh();
      assertTrue(rows("SELECT loaded_at FROM \"_marketing\".load_state WHERE table_name = 'orders'").get(0).equals(loadedAt));
    }

    @Test
    void aFirstLoadRemembersTheWholeFilesChecksumSoATouchDoesNotReloadIt() throws Exception {
      loader.refresh();
      CRC32C crc = new CRC32C();
      byte[] bytes = Files.readAllBytes(folder.resolve("ad_spend.csv"));
      crc.update(bytes);
      assertEquals(List.of(Long.toHexString(crc.getValue()) + "-" + bytes.length),
          rows("SELECT file_hash FROM \"_marketing\".load_state WHERE table_name = 'ad_spend'"));
      store.write("marking the load", h -> h.execute("UPDATE exports.ad_spend SET spend = -1"));
      Files.setLastModifiedTime(folder.resolve("ad_spend.csv"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
      loader.refresh();
      assertEquals(List.of("true"), rows("SELECT bool_and(spend = -1) FROM exports.ad_spend"));
    }

    @Test
    void aRemovedFileLosesItsTable() throws Exception {
      loader.refresh();
      Files.delete(folder.resolve("budgets.csv"));
      assertTrue(loader.refresh());
      assertTrue(rows("SELECT table_name FROM \"_marketing\".load_state ORDER BY 1")
          .equals(List.of("ad_spend", "fx_rates", "orders")));
    }
  }
}
