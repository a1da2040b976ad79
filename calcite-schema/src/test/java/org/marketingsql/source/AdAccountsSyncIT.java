package org.marketingsql.source;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * Every client account under a Google Ads manager (one in USD, one in EUR) and a Microsoft Advertising
 * account, synced on connect: finance.accounts lists each with its currency and time zone, and
 * finance.ad_spend_daily names each account and adds up to the cent. The store and the stub are the class's: the
 * first test to connect syncs (the recorded answers do not change), the other reads what it synced.
 */
@ExtendWith(IsolatedHome.class)
class AdAccountsSyncIT {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final ApiStub server = ApiStub.recorded("google-ads-manager", "microsoft-ads");
  private static String model;

  /** The same model, over the same store, for every test of the class. */
  private static synchronized String model() throws Exception {
    if (model == null) {
      model = writeModel();
    }
    return model;
  }

  private static String writeModel() throws Exception {
    Path fx = Files.writeString(temp.resolve("fx.csv"), "date,currency,rate_to_reporting\n2026-11-20,EUR,1.05\n"
        + "2026-11-21,EUR,1.1\n");
    String gDev = ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN);
    String gSecret = ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET);
    String gRefresh = ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN);
    String mDev = ApiStubs.secretFile(temp, "msads.dev", ApiStubs.MICROSOFT_DEVELOPER_TOKEN);
    String mSecret = ApiStubs.secretFile(temp, "msads.secret", ApiStubs.MICROSOFT_CLIENT_SECRET);
    String mRefresh = ApiStubs.secretFile(temp, "msads.refresh", ApiStubs.MICROSOFT_REFRESH_TOKEN);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "USD", "fxRates": "%10$s", "sources": [
           {"name": "gads", "type": "google-ads", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%2$s", "clientSecret": "%3$s",
            "refreshToken": "%4$s", "tokenEndpoint": "%8$s/google/token", "startDate": "%9$s",
            "endpoint": "%8$s", "maxAge": "1h"},
           {"name": "msads", "type": "microsoft-ads", "accountIds": ["1234567"], "customerId": "151000000",
            "clientId": "4c0b021f-0000-4000-8000-00000000abcd", "developerToken": "%5$s", "clientSecret": "%6$s",
            "refreshToken": "%7$s", "tokenEndpoint": "%8$s/microsoft/token", "startDate": "2025-07-01",
            "endpoint": "%8$s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), gDev, gSecret, gRefresh, mDev,
        mSecret, mRefresh, server.baseUrl(), ApiStubs.GOOGLE_FIRST_DAY, fx.toString().replace("\\", "/"));
  }

  @Test
  void financeAccountsListsEveryAccountWithItsCurrencyAndTimeZone() throws Exception {
    Sql.calcite(model()).query("SELECT platform, account_id, account_name, currency, time_zone FROM finance.accounts"
        + " ORDER BY platform, account_id").returns(
        "platform=google_ads; account_id=1234567890; account_name=Acme Shoes; currency=USD;"
            + " time_zone=America/New_York",
        "platform=google_ads; account_id=2345678901; account_name=Acme Schuhe DE; currency=EUR;"
            + " time_zone=Europe/Berlin",
        "platform=microsoft_ads; account_id=1234567; account_name=Acme Search; currency=USD;"
            + " time_zone=America/Los_Angeles");
  }

  @Test
  void adSpendNamesEveryAccountAndAddsUpToTheCentInBothCurrencies() throws Exception {
    String model = model();
    // EUR 88.12 on the 20th at 1.05 and 91.35 on the 21st at 1.1: 92.526 + 100.485 = 193.011 USD.
    Sql.calcite(model).query("SELECT platform, account_id, account_name, COUNT(*) AS days, SUM(spend) AS spend,"
        + " SUM(spend_rc) AS spend_rc FROM finance.ad_spend_daily GROUP BY platform, account_id, account_name"
        + " ORDER BY platform, account_id").returns(
        "platform=google_ads; account_id=1234567890; account_name=Acme Shoes; days=3; spend=284.500000;"
            + " spend_rc=284.500000",
        "platform=google_ads; account_id=2345678901; account_name=Acme Schuhe DE; days=2; spend=179.470000;"
            + " spend_rc=193.011000",
        "platform=microsoft_ads; account_id=1234567; account_name=Acme; days=3; spend=73.740000;"
            + " spend_rc=73.740000");
    Sql.calcite(model).query("SELECT SUM(spend_rc) AS total FROM finance.ad_spend_daily").returns("total=551.251000");
  }
}
