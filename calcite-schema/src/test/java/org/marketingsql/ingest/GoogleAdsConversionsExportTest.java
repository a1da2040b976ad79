package org.marketingsql.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * The Google Ads campaign report segmented by conversion action, dropped into a folder, read through
 * finance.conversions_daily. Figures worked out by hand from fixtures/google-ads-conversions: EUR at 1.10 USD.
 */
class GoogleAdsConversionsExportTest {
  @TempDir
  Path temp;

  private static final String COLUMNS = "SELECT platform, CAST(date_day AS VARCHAR) AS d, account_id, campaign_id,"
      + " conversion_action, currency, conversions, conversions_value, conversions_value_rc,"
      + " view_through_conversions, is_primary FROM finance.conversions_daily"
      + " ORDER BY date_day, account_id, campaign_id, conversion_action";

  /** The fixture loaded once for the tests that only read it: their store is built by the first of them. */
  @TempDir
  static Path shared;
  private static String readOnly;

  private static final String OPERAND = "\"reportingCurrency\": \"USD\"";

  private Path folder() {
    return Fixtures.copy("google-ads-conversions", temp.resolve("exports"));
  }

  private String model(Path folder, String extraSource) {
    return extraSource.isEmpty() ? Fixtures.model(folder, temp.resolve("store.duckdb"), OPERAND)
        : Fixtures.model(folder, temp.resolve("store.duckdb"), OPERAND, extraSource);
  }

  /** The fixture as it is, with no extra source settings, in the class's shared store. */
  private static String readOnlyModel() {
    if (readOnly == null) {
      readOnly = Fixtures.model(Fixtures.copy("google-ads-conversions", shared.resolve("exports")),
          shared.resolve("store.duckdb"), OPERAND);
    }
    return readOnly;
  }

  @Test
  void everyActionOfEveryCampaignDayIsARowCountingAllConversionsWithoutTheTotals() throws Exception {
    // All conv. and All conv. value as written; "--" view-through is not reported, so NULL; 180.00 EUR × 1.10
    Sql.calcite(readOnlyModel()).query(COLUMNS).returns(
        "platform=google_ads; d=2026-01-06; account_id=123-456-7890; campaign_id=111; conversion_action=Lead form;"
            + " currency=USD; conversions=4.500000; conversions_value=2250.000000; conversions_value_rc=2250.000000;"
            + " view_through_conversions=null; is_primary=false",
        "platform=google_ads; d=2026-01-06; account_id=123-456-7890; campaign_id=111; conversion_action=Purchase;"
            + " currency=USD; conversions=12.000000; conversions_value=1234.500000; conversions_value_rc=1234.500000;"
            + " view_through_conversions=null; is_primary=true",
        "platform=google_ads; d=2026-01-06; account_id=123-456-7890; campaign_id=111; conversion_action=Sign-up;"
            + " currency=USD; conversions=30.000000; conversions_value=0.000000; conversions_value_rc=0.000000;"
            + " view_through_conversions=null; is_primary=false",
        "platform=google_ads; d=2026-01-06; account_id=234-567-8901; campaign_id=333; conversion_action=Purchase;"
            + " currency=EUR; conversions=2.000000; conversions_value=180.000000; conversions_value_rc=198.000000;"
            + " view_through_conversions=null; is_primary=true",
        "platform=google_ads; d=2026-01-07; account_id=123-456-7890; campaign_id=111; conversion_action=Purchase;"
            + " currency=USD; conversions=4.000000; conversions_value=400.250000; conversions_value_rc=400.250000;"
            + " view_through_conversions=null; is_primary=true",
        "platform=google_ads; d=2026-01-07; account_id=123-456-7890; campaign_id=111; conversion_action=Sign-up;"
            + " currency=USD; conversions=0.000000; conversions_value=0.000000; conversions_value_rc=0.000000;"
            + " view_through_conversions=null; is_primary=false");
  }

  @Test
  void aReportOfConversionsByActionIsNotAdSpendThoughItHasACostColumn() throws Exception {
    Sql.calcite(readOnlyModel()).query("SELECT COUNT(*) AS n FROM finance.ad_spend_daily").returns("n=0");
  }

  @Test
  void theSourcesPrimaryConversionsReplaceWhatTheNumbersSay() throws Exception {
    Sql.calcite(model(folder(), "\"primaryConversions\": [\"sign-UP\", \"Lead Form\"]")).query(
        "SELECT DISTINCT conversion_action FROM finance.conversions_daily WHERE is_primary ORDER BY 1").returns(
        "conversion_action=Lead form", "conversion_action=Sign-up");
  }

  @Test
  void aNewerDownloadOfTheSameDaysReplacesTheOlderOnesActionsInsteadOfAddingUp() throws Exception {
    Path folder = folder();
    // an earlier download, of 6 January only, that said 10 purchases and a Newsletter action since gone
    Path older = Files.writeString(folder.resolve("older.csv"), """
        Campaign report
        January 6, 2026 - January 6, 2026
        Day,Account,Customer ID,Campaign,Campaign ID,Conversion action,Currency code,Conversions,Conv. value,All conv.,All conv. value
        2026-01-06,Acme US,123-456-7890,Brand,111,Purchase,USD,10.00,"1,000.00",10.00,"1,000.00"
        2026-01-06,Acme US,123-456-7890,Brand,111,Newsletter,USD,0.00,0.00,7.00,0.00
        2026-01-06,Acme US,123-456-7890,Brand,222,Purchase,USD,1.00,50.00,1.00,50.00
        """);
    Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2026-01-07T00:00:00Z")));
    // campaign 222 is only in the older file, so its day counts from there
    Sql.calcite(model(folder, "")).query("SELECT campaign_id, conversion_action, conversions FROM"
        + " finance.conversions_daily WHERE date_day = DATE '2026-01-06' AND account_id = '123-456-7890'"
        + " ORDER BY 1, 2").returns(
        "campaign_id=111; conversion_action=Lead form; conversions=4.500000",
        "campaign_id=111; conversion_action=Purchase; conversions=12.000000",
        "campaign_id=111; conversion_action=Sign-up; conversions=30.000000",
        "campaign_id=222; conversion_action=Purchase; conversions=1.000000");
  }

  @Test
  void theTableKeepsTheReportsRangeAndTheColumnsNotMappedAsText() throws Exception {
    Sql.calcite(readOnlyModel()).query("SELECT COUNT(*) AS n, MIN(report_start) AS s, MAX(report_end) AS e,"
        + " MIN(export_format) AS f, MIN(\"Cost\") AS cost, COUNT(platform_primary) AS known"
        + " FROM exports.conversions_by_action").returns(
        "n=6; s=2026-01-06; e=2026-01-07; f=google_ads; cost=--; known=5");
  }

  @Test
  void aRowThatDoesNotParseNamesFileLineAndColumnInTheSyncStatus() throws Exception {
    Path folder = folder();
    Files.writeString(folder.resolve("conversions_by_action.csv"), Files.readString(
        folder.resolve("conversions_by_action.csv")).replace("350.25,4.00", "350.25,4.0x"));
    List<String> rows = Sql.calcite(model(folder, "")).query("SELECT last_error FROM sync.sync_status"
        + " WHERE source_name = 'exports' AND last_error IS NOT NULL").rows();
    assertEquals(1, rows.size(), rows.toString());
    String error = rows.get(0);
    assertEquals(true, error.contains("conversions_by_action.csv line 7, column All conv.: '4.0x'"), error);
  }
}
