package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;

/**
 * {@code finance.conversions_daily} over a Microsoft Advertising account in USD, synced from the recorded
 * conversion report ({@code microsoft-ads-conversions/conversion_performance.csv}), reported in EUR and
 * reconciled with figures worked out by hand: USD at 0.92 EUR on 8 July 2025, 0.90 on the 9th and 0.91 on
 * the 13th (finance's FX file).
 */
@ExtendWith(IsolatedHome.class)
class MicrosoftConversionsDailyTest {
  /** One recorded server for the class: the shared store's model keeps pointing at it. */
  @RegisterExtension
  static final ApiStub server = ApiStub.recorded("microsoft-ads");
  /** The store the tests that only read share: synced once, by the first of them. */
  @TempDir
  static Path shared;
  private static String sharedUrl;
  @TempDir
  Path temp;

  /** The model in {@code folder}, with extra keys (e.g. {@code "primaryConversions": [...]}) for the Microsoft source; its URL. */
  private static String writeModel(Path folder, String extra) throws Exception {
    Path model = folder.resolve("marketing.json");
    Path fx = Files.writeString(folder.resolve("fx.csv"),
        "date,currency,rate_to_reporting\n2025-07-01,USD,0.93\n2025-07-08,USD,0.92\n2025-07-09,USD,0.90\n"
            + "2025-07-13,USD,0.91\n");
    Files.writeString(model, """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "EUR", "fxRates": "%2$s", "sources": [
           {"name": "msads", "type": "microsoft-ads", "accountId": "1234567", "customerId": "151000000",
            "clientId": "4c0b021f-0000-4000-8000-00000000abcd", "developerToken": "%3$s", "clientSecret": "%4$s",
            "refreshToken": "%5$s", "tokenEndpoint": "%6$s/microsoft/token", "startDate": "2025-07-01",
            "endpoint": "%6$s", "maxAge": "1h" %7$s}]}}]}
        """.formatted(folder.resolve("store.duckdb").toString().replace("\\", "/"), fx.toString().replace("\\", "/"),
        ApiStubs.secretFile(folder, "msads.dev", ApiStubs.MICROSOFT_DEVELOPER_TOKEN),
        ApiStubs.secretFile(folder, "msads.secret", ApiStubs.MICROSOFT_CLIENT_SECRET),
        ApiStubs.secretFile(folder, "msads.refresh", ApiStubs.MICROSOFT_REFRESH_TOKEN), server.baseUrl(), extra));
    return "jdbc:marketing:model=" + model;
  }

  /** Rows of the shared store, whose model has no extra keys. */
  private static List<String> rows(String sql) throws Exception {
    if (sharedUrl == null) {
      sharedUrl = writeModel(shared, "");
    }
    return ConversionsQueries.rows(sharedUrl, sql);
  }

  @Test
  void everyGoalOfEveryCampaignDayIsARowWithItsValueInTheReportingCurrencyToTheCent() throws Exception {
    assertEquals(List.of(
            // 100.00 USD × 0.92 = 92.00 EUR; 20.00 × 0.92 = 18.40
            "microsoft_ads | 2025-07-08 | 1234567 | 555 | Shoes | 4001 | Purchase | USD | 2.000000 | 100.000000"
                + " | 0.92000000 | 92.000000 | null | 0.000000 | true",
            "microsoft_ads | 2025-07-08 | 1234567 | 555 | Shoes | 4002 | Sign-up | USD | 1.000000 | 20.000000"
                + " | 0.92000000 | 18.400000 | null | 0.000000 | true",
            // excluded from bidding: in AllConversionsQualified only, so not primary
            "microsoft_ads | 2025-07-08 | 1234567 | 555 | Shoes | 4003 | Newsletter | USD | 4.000000 | 0.000000"
                + " | 0.92000000 | 0.000000 | null | 0.000000 | false",
            // 40.00 × 0.90 = 36.00; one of the conversions came after a view
            "microsoft_ads | 2025-07-09 | 1234567 | 555 | Shoes | 4001 | Purchase | USD | 1.000000 | 40.000000"
                + " | 0.90000000 | 36.000000 | null | 1.000000 | true",
            // a row without conversions: primary all the same, as Campaign Management says the goal counts
            "microsoft_ads | 2025-07-13 | 1234567 | 556 | Boots | 4001 | Purchase | USD | 0.000000 | 0.000000"
                + " | 0.91000000 | 0.000000 | null | 0.000000 | true",
            // 12.50 × 0.91 = 11.375
            "microsoft_ads | 2025-07-13 | 1234567 | 556 | Boots | 4003 | Newsletter | USD | 2.500000 | 12.500000"
                + " | 0.91000000 | 11.375000 | null | 0.000000 | false"),
        rows("SELECT platform, CAST(date_day AS VARCHAR), account_id, campaign_id, campaign_name, conversion_action,"
            + " conversion_action_name, currency, conversions, conversions_value, fx_rate, conversions_value_rc,"
            + " click_through_conversions, view_through_conversions, is_primary FROM finance.conversions_daily"
            + " ORDER BY date_day, campaign_id, conversion_action"));
    // 92.00 + 18.40 + 36.00 = 146.40 EUR of primary conversions, 4 of them
    assertEquals(List.of("microsoft_ads | 4.000000 | 146.400000"), rows("SELECT platform, SUM(conversions),"
        + " SUM(conversions_value_rc) FROM finance.conversions_daily WHERE is_primary GROUP BY platform"));
  }

  @Test
  void thePrimaryGoalsAddUpToTheConversionsOfAdSpendDaily() throws Exception {
    assertEquals(List.of("microsoft_ads | 2025-07-08 | 555 | 3.000000 | 110.400000",
        "microsoft_ads | 2025-07-09 | 555 | 1.000000 | 36.000000"), rows(ConversionsQueries.AD_SPEND_BY_CAMPAIGN_DAY));
    assertEquals(rows(ConversionsQueries.AD_SPEND_BY_CAMPAIGN_DAY), rows(ConversionsQueries.PRIMARY_BY_CAMPAIGN_DAY));
  }

  @Test
  void primaryConversionsNameGoalsByIdOrNameInAnyCaseAndReplaceMicrosoftsChoice() throws Exception {
    String url = writeModel(temp, ", \"primaryConversions\": [\"NEWSLETTER\", \"4002\"]");
    assertEquals(List.of("2025-07-08 | 4002", "2025-07-08 | 4003", "2025-07-13 | 4003"),
        ConversionsQueries.rows(url, "SELECT CAST(date_day AS VARCHAR), conversion_action FROM finance.conversions_daily"
            + " WHERE is_primary ORDER BY 1, 2"));
  }
}
