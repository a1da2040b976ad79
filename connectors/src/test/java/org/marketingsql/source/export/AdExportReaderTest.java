package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.source.registry.SourceRegistry;

/** Platform ad reports read into the ad spend layout, without a store. */
class AdExportReaderTest {

  @TempDir
  Path dir;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(AdExportReaderTest.class.getResource("/fixtures/platforms/" + name).toURI());
  }

  /** A read report: its table's column names and rows. */
  record Read(AdReport report, List<String> columns, List<Object[]> rows, AdExportReader.Result result) {
    Object value(int row, String column) {
      return rows.get(row)[columns.indexOf(column)];
    }

    BigDecimal sum(String column) {
      return rows.stream().map(r -> (BigDecimal) r[columns.indexOf(column)]).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long sumLong(String column) {
      return rows.stream().mapToLong(r -> (Long) r[columns.indexOf(column)]).sum();
    }
  }

  static Read read(Path file, String format, Locale locale) throws ExportException {
    AdReport report = SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), format, locale);
    if (report == null) {
      throw new AssertionError(file + " was not recognised as a platform report");
    }
    CsvExport csv = CsvExport.open(file, report.frame());
    AdColumns columns = report.format().columns(file, csv.header());
    AdExportReader reader = new AdExportReader(csv, report, columns, locale);
    List<Object[]> rows = new ArrayList<>();
    AdExportReader.Result result = reader.read((line, values) -> rows.add(values));
    return new Read(report, reader.columns().stream().map(ColumnSpec::name).toList(), rows, result);
  }

  static Read read(Path file) throws ExportException {
    return read(file, null, null);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void googleAdsTotalRowsAreNotCounted() throws Exception {
    Read r = read(fixture("google-ads/campaign_report.csv"));
    // four campaign rows; the two Total: rows (1,385.56 each) would triple the spend if counted
    assertEquals(4, r.rows().size());
    // 1,234.56 + 100.00 + 50.25 + 0.75 = 1,385.56, the Total: Account row's own figure
    assertEquals(new BigDecimal("1385.560000"), r.sum("spend"));
    // 14,117,313 + 1,000 + 500 + 20 = 14,118,833
    assertEquals(14_118_833L, r.sumLong("impressions"));
    assertEquals(136L, r.sumLong("clicks"));
  }

  @Test
  void googleAdsQuotedThousandsAndDashesAreNumbersAndZeros() throws Exception {
    Read r = read(fixture("google-ads/campaign_report.csv"));
    assertEquals(new BigDecimal("1234.560000"), r.value(0, "spend"));
    assertEquals(14_117_313L, r.value(0, "impressions"));
    assertEquals(new BigDecimal("2500.000000"), r.value(0, "conversion_value"));
    // "--" is Google's "nothing": zero conversions and value
    assertEquals(new BigDecimal("0.000000"), r.value(1, "conversions"));
    assertEquals(new BigDecimal("0.000000"), r.value(1, "conversion_value"));
  }

  @Test
  void googleAdsRowsCarryPlatformCampaignCurrencyAndTheReportRange() throws Exception {
    Read r = read(fixture("google-ads/campaign_report.csv"));
    assertEquals("google_ads", r.value(0, "platform"));
    assertEquals("111", r.value(0, "campaign_id"));
    assertEquals("Brand", r.value(0, "campaign_name"));
    assertEquals("USD", r.value(0, "currency"));
    assertEquals(LocalDate.of(2025, 7, 8), r.value(0, "date"));
    assertEquals(LocalDate.of(2025, 7, 8), r.value(0, "report_start"));
    assertEquals(LocalDate.of(2025, 7, 10), r.value(0, "report_end"));
    assertNull(r.value(0, "account_id"));
  }

  @Test
  void googleAdsColumnsWithoutAMeaningAreKeptAsWritten() throws Exception {
    Read r = read(fixture("google-ads/campaign_report.csv"));
    assertEquals("> 90%", r.value(0, "search_impr_share"));
    assertEquals("< 10%", r.value(1, "search_impr_share"));
    assertEquals("308.64", r.value(0, "cost_conv"));
    assertTrue(!r.columns().contains("cost") && !r.columns().contains("impr"), "mapped columns are not repeated");
  }

  @Test
  void googleAdsExcelVariantIsUtf16WithTabsAndAUkDateRange() throws Exception {
    Read r = read(fixture("google-ads-excel/campaign_report_excel.csv"));
    assertEquals(2, r.rows().size());
    assertEquals(LocalDate.of(2026, 1, 27), r.report().start());
    assertEquals(LocalDate.of(2026, 2, 23), r.report().end());
    // 27/01/2026 can only be day first, so 03/02/2026 is 3 February
    assertEquals(LocalDate.of(2026, 1, 27), r.value(0, "date"));
    assertEquals(LocalDate.of(2026, 2, 3), r.value(1, "date"));
    // 1,234.50 + 99.50 = 1,334.00 as the Total: Account row says
    assertEquals(new BigDecimal("1334.000000"), r.sum("spend"));
    assertEquals("GBP", r.value(0, "currency"));
    assertEquals(2_200L, r.sumLong("impressions"));
  }

  @Test
  void googleAdsAllTimeReportTakesItsRangeFromItsRows() throws Exception {
    Path file = write("all_time.csv", "Campaign report\nAll time\nCampaign,Day,Currency code,Cost,Impr.\n"
        + "A,2025-03-01,EUR,1.00,1\nA,2025-03-05,EUR,2.00,2\n");
    Read r = read(file);
    assertNull(r.report().start());
    assertEquals(LocalDate.of(2025, 3, 1), r.result().firstDay());
    assertEquals(LocalDate.of(2025, 3, 5), r.result().lastDay());
  }

  @Test
  void googleAdsWithDecimalCommaIsReadByTheFilesOwnNumbers() throws Exception {
    Path file = write("decimal_comma.csv", "Campaign report\nAll time\nCampaign;Day;Currency code;Cost;Impr.\n"
        + "A;2025-03-01;EUR;\"1.234,56\";\"1.000\"\nA;2025-03-02;EUR;12,50;7\n");
    Read r = read(file);
    // 1.234,56 proves the decimal comma, so 1.000 impressions is a thousand
    assertEquals(new BigDecimal("1234.560000"), r.value(0, "spend"));
    assertEquals(1000L, r.value(0, "impressions"));
    assertEquals(new BigDecimal("12.500000"), r.value(1, "spend"));
  }

  @Test
  void googleAdsAmbiguousDatesAreRefusedWithoutALocale() throws Exception {
    Path file = write("ambiguous.csv", "Campaign report\nAll time\nCampaign,Day,Currency code,Cost\n"
        + "A,01/02/2026,USD,1.00\nA,02/03/2026,USD,2.00\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("ambiguous.csv line 4, column Day: '01/02/2026' is ambiguous: day/month or month/day, and no other"
        + " date in the file tells which; set the source's locale (en-US for month first, en-GB or de-DE for day"
        + " first)", e.getMessage());
  }

  @Test
  void googleAdsAmbiguousDatesFollowTheSourcesLocale() throws Exception {
    Path file = write("ambiguous.csv", "Campaign report\nAll time\nCampaign,Day,Currency code,Cost\n"
        + "A,01/02/2026,USD,1.00\n");
    assertEquals(LocalDate.of(2026, 1, 2), read(file, null, Locale.US).value(0, "date"));
    assertEquals(LocalDate.of(2026, 2, 1), read(file, null, Locale.UK).value(0, "date"));
  }

  @Test
  void googleAdsReportWithoutADayIsRefusedNamingTheColumn() throws Exception {
    Path file = write("summary.csv", "Campaign report\nAll time\nCampaign,Currency code,Cost,Impr.\nA,USD,1.00,1\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("summary.csv: looks like a Google Ads export (it has column Cost) but lacks column Day (or Week,"
        + " Month: add the segment \"Time\"); add it to the report and download it again", e.getMessage());
  }

  @Test
  void googleAdsBadValueNamesFileLineAndColumn() throws Exception {
    Path file = write("bad.csv", "Campaign report\nAll time\nCampaign,Day,Currency code,Cost\n"
        + "A,2025-03-01,USD,1.00\nA,2025-03-02,USD,1.0x\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("bad.csv line 5, column Cost: '1.0x' is not a number", e.getMessage());
  }

  @Test
  void googleAdsRowAfterTheTotalsIsRefused() throws Exception {
    Path file = write("edited.csv", "Campaign report\nAll time\nCampaign,Day,Currency code,Cost\n"
        + "A,2025-03-01,USD,1.00\nTotal: Account,--,USD,1.00\nB,2025-03-02,USD,1.00\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals(6, e.line());
  }

  @Test
  void microsoftAdsReportLinesAndCopyrightFooterAreNotRows() throws Exception {
    Read r = read(fixture("microsoft-ads/campaign_daily.csv"));
    assertEquals("microsoft_ads", r.report().format().platform());
    // three rows, as its "Rows: 3" line says; 42.50 + 30.25 + 0.99 = 73.74
    assertEquals(3, r.rows().size());
    assertEquals(new BigDecimal("73.740000"), r.sum("spend"));
    // Revenue is the conversion value: 120.00 + 40.00 + 0.00
    assertEquals(new BigDecimal("160.000000"), r.sum("conversion_value"));
    assertEquals("1234567", r.value(0, "account_id"));
    assertEquals("Acme", r.value(0, "account_name"));
    assertEquals("555", r.value(0, "campaign_id"));
  }

  @Test
  void microsoftAdsMonthFirstDatesAreProvenByTheFilesOwnDates() throws Exception {
    Read r = read(fixture("microsoft-ads/campaign_daily.csv"));
    // 7/13/2025 can only be month first, so 7/8/2025 is July 8
    assertEquals(LocalDate.of(2025, 7, 8), r.value(0, "date"));
    assertEquals(LocalDate.of(2025, 7, 13), r.result().lastDay());
    assertNull(r.value(0, "report_end"), "Microsoft's report lines state no range; the loader takes the rows'");
  }

  @Test
  void microsoftAdsKeywordReportWithoutSpendIsNotAdSpend() throws Exception {
    Path file = fixture("microsoft-ads/reports_md_example1.csv");
    AdReport report = SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), null, null);
    assertEquals("microsoft_ads", report.format().platform());
    assertEquals(11, report.frame().headerLine());
    CsvExport csv = CsvExport.open(file, report.frame());
    assertNull(report.format().columns(file, csv.header()));
    assertEquals(List.of("account_id", "campaign_id", "keyword", "keyword_id", "device_type", "clicks"),
        csv.columnNames());
  }

  @Test
  void microsoftAdsReportWithSpendButSummaryAggregationIsRefused() throws Exception {
    Path file = write("summary.csv", "\"Report Name: Campaigns\"\n\"Report Aggregation: Summary\"\n\n"
        + "\"CampaignName\",\"CurrencyCode\",\"Spend\"\n\"Shoes\",\"USD\",\"1.00\"\n\n"
        + "\"\u00A92025 Microsoft Corporation. All rights reserved. \"\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("summary.csv: looks like a Microsoft Advertising export (it has column Spend) but lacks column"
        + " TimePeriod (choose a daily aggregation, not Summary); add it to the report and download it again",
        e.getMessage());
  }

  @Test
  void configuredFormatThatDoesNotMatchTheFileIsRefused() throws Exception {
    Path file = fixture("google-ads/campaign_report.csv");
    ExportException e = assertThrows(ExportException.class,
        () -> SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), "microsoft-ads", null));
    assertTrue(e.getMessage().startsWith("campaign_report.csv: the source's format is microsoft-ads, but this file is"
        + " not a Microsoft Advertising export"), e.getMessage());
    assertNull(SourceRegistry.exportFormats().detectAd(ExportPreview.read(file), "csv", null), "format csv reads a plain table");
  }

  @Test
  void metaAdsCurrencyComesFromTheAmountSpentHeader() throws Exception {
    Read r = read(fixture("meta-ads/meta_campaigns.csv"));
    assertEquals("meta_ads", r.value(0, "platform"));
    assertEquals("EUR", r.value(0, "currency"));
    // 12.34 + 7.66 + 5.00
    assertEquals(new BigDecimal("25.000000"), r.sum("spend"));
    assertEquals("Lookalike 1%", r.value(0, "ad_group"));
    assertEquals("Prospecting", r.value(0, "campaign_id"));
  }

  @Test
  void metaAdsEmptyCellsAreZeroAndLinkClicksWinOverAllClicks() throws Exception {
    Read r = read(fixture("meta-ads/meta_campaigns.csv"));
    // Link clicks 10 + (empty) + 4; Clicks (all) would give 27
    assertEquals(14L, r.sumLong("clicks"));
    assertEquals(0L, r.value(1, "clicks"));
    assertEquals(new BigDecimal("0.000000"), r.value(1, "conversion_value"));
  }

  @Test
  void metaAdsResultsAreConversionsOnlyWhenTheirIndicatorIsAPurchase() throws Exception {
    Read r = read(fixture("meta-ads/meta_campaigns.csv"));
    assertEquals(new BigDecimal("2.000000"), r.value(0, "conversions"));
    // 1,500 results of a reach campaign are people reached, not conversions
    assertEquals(new BigDecimal("0.000000"), r.value(2, "conversions"));
    assertEquals("reach", r.value(2, "result_indicator"));
  }

  @Test
  void metaAdsReportRangeIsReportingStartsAndEnds() throws Exception {
    Read r = read(fixture("meta-ads/meta_campaigns.csv"));
    // the rows stop on July 2, the report on July 3: a later report of the same days still wins
    assertEquals(LocalDate.of(2025, 7, 1), r.value(0, "report_start"));
    assertEquals(LocalDate.of(2025, 7, 3), r.value(0, "report_end"));
  }

  @Test
  void metaAdsPurchasesColumnIsPreferredToResults() throws Exception {
    Path file = write("meta.csv", "\"Reporting starts\",\"Reporting ends\",\"Campaign name\",\"Day\","
        + "\"Amount spent (USD)\",\"Results\",\"Result indicator\",\"Purchases\"\n"
        + "\"2025-07-01\",\"2025-07-01\",\"A\",\"2025-07-01\",\"1.00\",\"100\",\"reach\",\"3\"\n");
    assertEquals(new BigDecimal("3.000000"), read(file).value(0, "conversions"));
  }

  @Test
  void metaAdsReportWithoutDailyBreakdownIsRefusedNamingDay() throws Exception {
    Path file = write("meta.csv", "\"Reporting starts\",\"Reporting ends\",\"Campaign name\",\"Amount spent (USD)\"\n"
        + "\"2025-07-01\",\"2025-07-31\",\"A\",\"1.00\"\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("meta.csv: looks like a Meta Ads Manager export (it has column Amount spent (USD)) but lacks column"
        + " Day (break the report down by day); add it to the report and download it again", e.getMessage());
  }

  @Test
  void linkedInAdsReportLinesAboveTheUtf16HeaderAreSkipped() throws Exception {
    Read r = read(fixture("linkedin-ads/campaign_performance.csv"));
    assertEquals("linkedin_ads", r.report().format().platform());
    assertEquals(6, r.report().frame().headerLine());
    assertEquals(3, r.rows().size());
    // 100.00 + 50.50 + 25.00
    assertEquals(new BigDecimal("175.500000"), r.sum("spend"));
    assertEquals(1_700L, r.sumLong("impressions"));
    // 7/15/2025 proves month first
    assertEquals(LocalDate.of(2025, 7, 15), r.value(2, "date"));
  }

  @Test
  void linkedInCampaignGroupIsTheCampaignAndItsCampaignTheAdGroup() throws Exception {
    Read r = read(fixture("linkedin-ads/campaign_performance.csv"));
    assertEquals("600", r.value(0, "campaign_id"));
    assertEquals("Q3 Pipeline", r.value(0, "campaign_name"));
    assertEquals("Webinar", r.value(0, "ad_group"));
    assertEquals("500123", r.value(0, "account_id"));
    assertEquals("700", r.value(0, "campaign_id_original"), "LinkedIn's campaign id is kept under its own name");
  }

  @Test
  void linkedInReportWithoutCampaignGroupIsRefusedNamingTheColumn() throws Exception {
    Path file = write("linkedin.csv", "Campaign Performance Report (in UTC)\nReport Start: 7/1/2025\n\n"
        + "Start Date (in UTC)\tCampaign Name\tCurrency\tTotal Spent\n7/1/2025\tWebinar\tUSD\t1.00\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("linkedin.csv: looks like a LinkedIn Campaign Manager export (it has column Total Spent) but lacks"
        + " column Campaign Group Name (its campaign group is the finance views' campaign); add it to the report"
        + " and download it again", e.getMessage());
  }

  @Test
  void googleAdsMonthlyRowsAreDatedOnTheFirstOfTheirMonth() throws Exception {
    Path file = write("monthly.csv", "Campaign report\nJuly 1, 2025 - August 31, 2025\n"
        + "Campaign,Month,Currency code,Cost\nA,July 2025,USD,10.00\nA,August 2025,USD,20.00\n");
    Read r = read(file);
    assertEquals(LocalDate.of(2025, 7, 1), r.value(0, "date"));
    assertEquals(LocalDate.of(2025, 8, 1), r.value(1, "date"));
  }

  @Test
  void microsoftAdsReportWithoutItsReportLinesIsRecognisedByItsColumnNames() throws Exception {
    Path file = write("no_header.csv", "\"TimePeriod\",\"CampaignName\",\"CurrencyCode\",\"Spend\"\n"
        + "\"2025-07-08\",\"Shoes\",\"USD\",\"4.50\"\n\n\"\u00A92025 Microsoft Corporation. All rights reserved. \"\n");
    Read r = read(file);
    assertEquals("microsoft_ads", r.value(0, "platform"));
    assertEquals(1, r.rows().size());
    assertEquals(new BigDecimal("4.500000"), r.value(0, "spend"));
  }
}
