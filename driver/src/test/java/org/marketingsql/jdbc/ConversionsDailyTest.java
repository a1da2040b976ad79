package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.SocialAdStubs;

/**
 * {@code finance.conversions_daily} over a Google Ads customer in USD and a Meta ad account in EUR, synced from
 * the recorded answers, reconciled with figures worked out by hand from those fixtures: EUR at 1.1598 USD on
 * 20 November and 1.16 on the 21st (finance's FX file), values in USD as they are.
 */
@ExtendWith(IsolatedHome.class)
class ConversionsDailyTest {
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads", "meta-ads");
  @TempDir
  Path temp;
  String url;
  /** finance's FX file. */
  String fxRates = "date,currency,rate_to_reporting\n2026-11-20,EUR,1.1598\n2026-11-21,EUR,1.16\n";

  @BeforeEach
  void start() throws Exception {
    writeModel("", "");
  }

  /** The model, with extra keys (e.g. {@code "primaryConversions": [...]}) for the Google and Meta sources. */
  private void writeModel(String googleExtra, String metaExtra) throws Exception {
    Path model = temp.resolve("marketing.json");
    url = "jdbc:marketing:model=" + model;
    Path fx = Files.writeString(temp.resolve("fx.csv"), fxRates);
    Files.writeString(model, """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "USD", "fxRates": "%9$s", "sources": [
           {"name": "gads", "type": "google-ads", "customerId": "123-456-7890", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%2$s", "clientSecret": "%3$s",
            "refreshToken": "%4$s", "tokenEndpoint": "%5$s/google/token", "startDate": "%6$s",
            "endpoint": "%5$s", "maxAge": "1h" %10$s},
           {"name": "meta", "type": "meta-ads", "accountId": "%7$s", "accessToken": "%8$s", "startDate": "2026-11-19",
            "attributionWindows": ["7d_click", "1d_view"], "endpoint": "%5$s", "maxAge": "1h" %11$s}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN),
        ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET),
        ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN), server.baseUrl(),
        ApiStubs.GOOGLE_FIRST_DAY, SocialAdStubs.META_ACCOUNT,
        ApiStubs.secretFile(temp, "meta.token", SocialAdStubs.META_TOKEN), fx.toString().replace("\\", "/"),
        googleExtra, metaExtra));
  }

  private List<String> rows(String sql) throws Exception {
    return ConversionsQueries.rows(url, sql);
  }

  private static final String COLUMNS = "SELECT platform, CAST(date_day AS VARCHAR), campaign_id, conversion_action,"
      + " conversion_action_name, currency, conversions, conversions_value, fx_rate, conversions_value_rc,"
      + " click_through_conversions, view_through_conversions, is_primary FROM finance.conversions_daily"
      + " ORDER BY platform, date_day, campaign_id, conversion_action";

  @Test
  void everyActionOfEveryCampaignDayIsARowWithItsValueInTheReportingCurrencyToTheCent() throws Exception {
    assertEquals(List.of(
            "google_ads | 2026-11-20 | 20001 | 7001 | Purchase | USD | 12.000000 | 780.500000 | 1.00000000 | 780.500000 | null | null | true",
            "google_ads | 2026-11-20 | 20001 | 7002 | Sign-up | USD | 5.000000 | 0.000000 | 1.00000000 | 0.000000 | null | null | false",
            "google_ads | 2026-11-20 | 20001 | 7003 | Calls from ads | USD | 2.000000 | 32.000000 | 1.00000000 | 32.000000 | null | null | true",
            "google_ads | 2026-11-21 | 20001 | 7001 | Purchase | USD | 11.500000 | 640.250000 | 1.00000000 | 640.250000 | null | null | true",
            "google_ads | 2026-11-21 | 20001 | 7004 | Old checkout | USD | 1.000000 | 9.990000 | 1.00000000 | 9.990000 | null | null | false",
            "google_ads | 2026-11-21 | 20002 | 7002 | Sign-up | USD | 0.500000 | 0.000000 | 1.00000000 | 0.000000 | null | null | false",
            // 840.00 EUR × 1.1598 = 974.232 USD
            "meta_ads | 2026-11-20 | 120210000000000001 | link_click | link_click | EUR | 321.000000 | null | 1.15980000 | null | null | null | false",
            "meta_ads | 2026-11-20 | 120210000000000001 | offsite_conversion.fb_pixel_purchase | offsite_conversion.fb_pixel_purchase | EUR | 7.000000 | 840.000000 | 1.15980000 | 974.232000 | 6.000000 | 1.000000 | false",
            "meta_ads | 2026-11-20 | 120210000000000001 | purchase | purchase | EUR | 7.000000 | 840.000000 | 1.15980000 | 974.232000 | 6.000000 | 1.000000 | true",
            // 359.97 EUR × 1.16 = 417.5652 USD
            "meta_ads | 2026-11-21 | 120210000000000001 | lead | lead | EUR | 2.000000 | null | 1.16000000 | null | 2.000000 | null | false",
            "meta_ads | 2026-11-21 | 120210000000000001 | purchase | purchase | EUR | 3.000000 | 359.970000 | 1.16000000 | 417.565200 | 2.000000 | 1.000000 | true"),
        rows(COLUMNS));
    // 780.50 + 32.00 + 640.25 = 1,452.75 USD from Google, 974.232 + 417.5652 = 1,391.7972 USD from Meta
    assertEquals(List.of("google_ads | 1452.750000", "meta_ads | 1391.797200"), rows("SELECT platform,"
        + " SUM(conversions_value_rc) FROM finance.conversions_daily WHERE is_primary GROUP BY platform ORDER BY 1"));
  }

  @Test
  void thePrimaryActionsAddUpToTheConversionsOfAdSpendDaily() throws Exception {
    assertEquals(rows(ConversionsQueries.AD_SPEND_BY_CAMPAIGN_DAY), rows(ConversionsQueries.PRIMARY_BY_CAMPAIGN_DAY));
  }

  @Test
  void primaryConversionsNameActionsByIdOrNameInAnyCaseAndReplaceThePlatformsChoice() throws Exception {
    writeModel(", \"primaryConversions\": [\"sign-UP\", \"7004\"]", ", \"primaryConversions\": \"LEAD\"");
    assertEquals(List.of("google_ads | 2026-11-20 | 7002", "google_ads | 2026-11-21 | 7002",
            "google_ads | 2026-11-21 | 7004", "meta_ads | 2026-11-21 | lead"),
        rows("SELECT platform, CAST(date_day AS VARCHAR), conversion_action FROM finance.conversions_daily"
            + " WHERE is_primary ORDER BY 1, 2, 3"));
  }

  @Test
  void withoutAnFxRateForTheMetaAccountsCurrencyTheViewSaysWhichRateIsMissingInsteadOfAnswering() throws Exception {
    fxRates = "date,currency,rate_to_reporting\n2026-11-20,GBP,1.3\n";
    writeModel("", "");
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT COUNT(*) FROM finance.conversions_daily"));
    String message = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
    assertTrue(message.contains("no FX rate for EUR on 2026-11-20") && message.contains("meta.conversions"), message);
  }

  @Test
  void everyColumnOfTheViewCarriesItsMeaningAsRemarks() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "finance", "conversions_daily", null)) {
      int columns = 0;
      while (rs.next()) {
        columns++;
        String remarks = rs.getString("REMARKS");
        assertTrue(remarks != null && !remarks.isBlank(), rs.getString("COLUMN_NAME") + " has no remarks");
      }
      assertEquals(16, columns);
    }
  }
}
