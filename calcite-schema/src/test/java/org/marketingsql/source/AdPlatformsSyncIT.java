package org.marketingsql.source;


import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/** Google Ads and Microsoft Advertising, served locally, synced on connect into a fresh store and read through finance. */
@ExtendWith(IsolatedHome.class)
class AdPlatformsSyncIT {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads", "microsoft-ads");

  private String model() {
    String gDev = ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN);
    String gSecret = ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET);
    String gRefresh = ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN);
    String mDev = ApiStubs.secretFile(temp, "msads.dev", ApiStubs.MICROSOFT_DEVELOPER_TOKEN);
    String mSecret = ApiStubs.secretFile(temp, "msads.secret", ApiStubs.MICROSOFT_CLIENT_SECRET);
    String mRefresh = ApiStubs.secretFile(temp, "msads.refresh", ApiStubs.MICROSOFT_REFRESH_TOKEN);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "USD", "sources": [
           {"name": "gads", "type": "google-ads", "customerId": "123-456-7890", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%2$s", "clientSecret": "%3$s",
            "refreshToken": "%4$s", "tokenEndpoint": "%8$s/google/token", "startDate": "%9$s",
            "endpoint": "%8$s", "maxAge": "1h"},
           {"name": "msads", "type": "microsoft-ads", "accountId": "1234567", "customerId": "151000000",
            "clientId": "4c0b021f-0000-4000-8000-00000000abcd", "developerToken": "%5$s", "clientSecret": "%6$s",
            "refreshToken": "%7$s", "tokenEndpoint": "%8$s/microsoft/token", "startDate": "2025-07-01",
            "endpoint": "%8$s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), gDev, gSecret, gRefresh, mDev,
        mSecret, mRefresh, server.baseUrl(), ApiStubs.GOOGLE_FIRST_DAY);
  }

  @Test
  void bothPlatformsSyncOnConnectAndFinanceAdSpendAddsUpToTheCent() throws Exception {
    String model = model();
    Sql.calcite(model).query("SELECT platform, account_id, COUNT(*) AS days, SUM(spend) AS spend,"
        + " SUM(spend_rc) AS spend_rc, SUM(clicks) AS clicks FROM finance.ad_spend_daily"
        + " GROUP BY platform, account_id ORDER BY platform").returns(
        "platform=google_ads; account_id=1234567890; days=3; spend=284.500000; spend_rc=284.500000; clicks=218",
        "platform=microsoft_ads; account_id=1234567; days=3; spend=73.740000; spend_rc=73.740000; clicks=56");
    Sql.calcite(model).query("SELECT SUM(spend_rc) AS total FROM finance.ad_spend_daily").returns("total=358.240000");
    Sql.calcite(model).query("SELECT source_name, table_name, row_count, last_error FROM sync.sync_status"
        + " ORDER BY source_name, table_name").returns(
        "source_name=gads; table_name=accounts; row_count=1; last_error=null",
        "source_name=gads; table_name=ad_accounts; row_count=1; last_error=null",
        "source_name=gads; table_name=ad_group_daily; row_count=1; last_error=null",
        "source_name=gads; table_name=ad_groups; row_count=1; last_error=null",
        "source_name=gads; table_name=ad_spend; row_count=3; last_error=null",
        "source_name=gads; table_name=campaign_conversions_daily; row_count=6; last_error=null",
        "source_name=gads; table_name=campaign_daily; row_count=3; last_error=null",
        "source_name=gads; table_name=campaigns; row_count=2; last_error=null",
        "source_name=gads; table_name=conversion_actions; row_count=3; last_error=null",
        "source_name=gads; table_name=conversions; row_count=6; last_error=null",
        "source_name=gads; table_name=keyword_daily; row_count=1; last_error=null",
        "source_name=msads; table_name=accounts; row_count=1; last_error=null",
        "source_name=msads; table_name=ad_accounts; row_count=1; last_error=null",
        "source_name=msads; table_name=ad_spend; row_count=3; last_error=null",
        "source_name=msads; table_name=campaign_conversions_daily; row_count=6; last_error=null",
        "source_name=msads; table_name=campaign_daily; row_count=3; last_error=null",
        "source_name=msads; table_name=conversions; row_count=6; last_error=null");
  }
}
