package org.marketingsql.source;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.SocialAdStubs;
import org.marketingsql.testing.Sql;

/**
 * Every API source at once, served locally from recorded responses, synced into one fresh store on
 * connect: the four ad platforms add up in {@code finance.ad_spend_daily} and Stripe and HubSpot in
 * {@code finance.orders}, to the cent.
 */
@ExtendWith(IsolatedHome.class)
class AllSourcesSyncIT {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("stripe", "hubspot", "google-ads", "microsoft-ads", "meta-ads");

  @BeforeEach
  void start() {
    SocialAdStubs.linkedin(server, "analytics.json", LocalDate.now(ZoneOffset.UTC));
  }

  private String model() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    // Meta's account is in EUR
    Files.writeString(folder.resolve("fx_rates.csv"),
        "date,currency,rate_to_reporting\n2026-11-20,EUR,1.0800\n2026-11-21,EUR,1.1000\n");
    String root = server.baseUrl();
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "sources": [
           {"name": "exports", "type": "csv-folder", "path": "%s"},
           {"name": "stripe", "type": "stripe", "apiKey": "%s", "endpoint": "%s", "maxAge": "1h"},
           {"name": "crm", "type": "hubspot", "accessToken": "%s", "endpoint": "%s", "maxAge": "1h"},
           {"name": "gads", "type": "google-ads", "customerId": "123-456-7890", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%s", "clientSecret": "%s",
            "refreshToken": "%s", "tokenEndpoint": "%s/google/token", "startDate": "%s", "endpoint": "%s", "maxAge": "1h"},
           {"name": "msads", "type": "microsoft-ads", "accountId": "1234567", "customerId": "151000000",
            "clientId": "4c0b021f-0000-4000-8000-00000000abcd", "developerToken": "%s", "clientSecret": "%s",
            "refreshToken": "%s", "tokenEndpoint": "%s/microsoft/token", "startDate": "2025-07-01", "endpoint": "%s",
            "maxAge": "1h"},
           {"name": "meta", "type": "meta-ads", "accountId": "%s", "accessToken": "%s", "endpoint": "%s",
            "conversionActionTypes": ["purchase"], "maxAge": "1h"},
           {"name": "linkedin", "type": "linkedin-ads", "accountId": "%s", "clientId": "%s", "clientSecret": "%s",
            "refreshToken": "%s", "tokenEndpoint": "%s", "endpoint": "%s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), folder.toString().replace("\\", "/"),
        secret("stripe.key", ApiStubs.STRIPE_KEY), root,
        secret("hubspot.token", ApiStubs.HUBSPOT_TOKEN), root,
        secret("gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN), secret("gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET),
        secret("gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN), root, ApiStubs.GOOGLE_FIRST_DAY, root,
        secret("msads.dev", ApiStubs.MICROSOFT_DEVELOPER_TOKEN), secret("msads.secret", ApiStubs.MICROSOFT_CLIENT_SECRET),
        secret("msads.refresh", ApiStubs.MICROSOFT_REFRESH_TOKEN), root, root,
        SocialAdStubs.META_ACCOUNT, secret("meta.token", SocialAdStubs.META_TOKEN), root,
        SocialAdStubs.LINKEDIN_ACCOUNT, SocialAdStubs.LINKEDIN_CLIENT_ID, secret("linkedin.secret", SocialAdStubs.LINKEDIN_SECRET),
        secret("linkedin.refresh", SocialAdStubs.LINKEDIN_REFRESH), root + SocialAdStubs.LINKEDIN_TOKEN_PATH, root);
  }

  private String secret(String file, String value) {
    return ApiStubs.secretFile(temp, file, value);
  }

  @Test
  void everySourceSyncsIntoOneFreshStoreAndFinanceAddsUpToTheCent() throws Exception {
    String model = model();
    Sql.calcite(model).query("SELECT platform, SUM(spend_rc) AS spend_usd FROM finance.ad_spend_daily"
        + " GROUP BY platform ORDER BY platform").returns(
        "platform=google_ads; spend_usd=284.500000",
        "platform=linkedin_ads; spend_usd=800.000000",
        "platform=meta_ads; spend_usd=289.640000",
        "platform=microsoft_ads; spend_usd=73.740000");
    Sql.calcite(model).query("SELECT SUM(spend_rc) AS total FROM finance.ad_spend_daily").returns("total=1447.880000");
    Sql.calcite(model).query("SELECT source_name, COUNT(*) AS orders, SUM(amount_rc) AS revenue FROM finance.orders"
        + " GROUP BY source_name ORDER BY source_name").returns(
        "source_name=crm; orders=2; revenue=1749.500000",
        "source_name=stripe; orders=2; revenue=94.990000");
    Sql.calcite(model).query("SELECT COUNT(*) AS failed FROM sync.sync_status WHERE last_error IS NOT NULL")
        .returns("failed=0");
  }
}
