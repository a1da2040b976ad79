package org.marketingsql.source;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Meta and LinkedIn ads, served locally, synced on connect into a fresh store and read through finance. */
@ExtendWith(IsolatedHome.class)
class SocialAdsSyncIT {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("meta-ads");

  @BeforeEach
  void start() {
    SocialAdStubs.linkedin(server, "analytics.json", LocalDate.now(ZoneOffset.UTC));
  }

  private String model() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("fx_rates.csv"), "date,currency,rate_to_reporting\n2026-11-20,EUR,1.0800\n2026-11-21,EUR,1.1000\n");
    String meta = ApiStubs.secretFile(temp, "meta.token", SocialAdStubs.META_TOKEN);
    String secret = ApiStubs.secretFile(temp, "linkedin.secret", SocialAdStubs.LINKEDIN_SECRET);
    String refresh = ApiStubs.secretFile(temp, "linkedin.refresh", SocialAdStubs.LINKEDIN_REFRESH);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "sources": [
           {"name": "exports", "type": "csv-folder", "path": "%s"},
           {"name": "meta", "type": "meta-ads", "accountId": "%s", "accessToken": "%s", "endpoint": "%s",
            "conversionActionTypes": ["purchase"], "maxAge": "1h"},
           {"name": "linkedin", "type": "linkedin-ads", "accountId": "%s", "clientId": "%s", "clientSecret": "%s",
            "refreshToken": "%s", "tokenEndpoint": "%s", "endpoint": "%s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), folder.toString().replace("\\", "/"),
        SocialAdStubs.META_ACCOUNT, meta,
        server.baseUrl(), SocialAdStubs.LINKEDIN_ACCOUNT, SocialAdStubs.LINKEDIN_CLIENT_ID, secret, refresh,
        server.baseUrl() + SocialAdStubs.LINKEDIN_TOKEN_PATH, server.baseUrl());
  }

  @Test
  void bothSourcesSyncOnConnectAndAdSpendDailyAddsUpToTheCent() throws Exception {
    String model = model();
    Sql.calcite(model).query("SELECT platform, SUM(spend_rc) AS spend_usd FROM finance.ad_spend_daily"
        + " GROUP BY platform ORDER BY platform").returns(
        "platform=linkedin_ads; spend_usd=800.000000",
        "platform=meta_ads; spend_usd=289.640000");
    Sql.calcite(model).query("SELECT platform, currency, COUNT(*) AS days, SUM(spend) AS spend,"
        + " SUM(conversions) AS conversions, SUM(conversions_value) AS conversions_value"
        + " FROM finance.ad_spend_daily GROUP BY platform, currency ORDER BY platform").returns(
        "platform=linkedin_ads; currency=USD; days=3; spend=800.000000; conversions=13.000000;"
            + " conversions_value=3900.500000",
        "platform=meta_ads; currency=EUR; days=3; spend=265.500000; conversions=10.000000;"
            + " conversions_value=1199.970000");
    Sql.calcite(model).query("SELECT campaign_id, campaign_name, SUM(spend) AS spend FROM finance.ad_spend_daily"
        + " WHERE platform = 'linkedin_ads' GROUP BY campaign_id, campaign_name ORDER BY campaign_id").returns(
        "campaign_id=9001; campaign_name=Demand generation 2026; spend=719.429000",
        "campaign_id=9002; campaign_name=Retargeting; spend=80.571000");
    Sql.calcite(model).query("SELECT source_name, table_name, row_count, last_error FROM sync.sync_status"
        + " WHERE source_name <> 'exports' ORDER BY source_name, table_name").returns(
        "source_name=linkedin; table_name=accounts; row_count=1; last_error=null",
        "source_name=linkedin; table_name=ad_accounts; row_count=1; last_error=null",
        "source_name=linkedin; table_name=ad_spend; row_count=3; last_error=null",
        "source_name=linkedin; table_name=campaign_conversions_daily; row_count=3; last_error=null",
        "source_name=linkedin; table_name=campaign_daily; row_count=3; last_error=null",
        "source_name=linkedin; table_name=campaign_groups; row_count=2; last_error=null",
        "source_name=linkedin; table_name=campaigns; row_count=2; last_error=null",
        "source_name=linkedin; table_name=conversions; row_count=3; last_error=null",
        "source_name=meta; table_name=accounts; row_count=1; last_error=null",
        "source_name=meta; table_name=ad_accounts; row_count=1; last_error=null",
        "source_name=meta; table_name=ad_daily; row_count=1; last_error=null",
        "source_name=meta; table_name=ad_spend; row_count=3; last_error=null",
        "source_name=meta; table_name=adset_daily; row_count=1; last_error=null",
        "source_name=meta; table_name=campaign_actions_daily; row_count=5; last_error=null",
        "source_name=meta; table_name=campaign_daily; row_count=3; last_error=null",
        "source_name=meta; table_name=campaigns; row_count=2; last_error=null",
        "source_name=meta; table_name=conversions; row_count=5; last_error=null");
    int requests = server.findAll(anyRequestedFor(anyUrl())).size();
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM finance.ad_spend_daily").returns("n=6");
    assertEquals(requests, server.findAll(anyRequestedFor(anyUrl())).size(), "fresh data: no second sync within maxAge");
  }
}
