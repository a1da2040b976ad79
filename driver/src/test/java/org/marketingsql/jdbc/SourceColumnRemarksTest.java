package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;

/** An API source's columns carry the descriptions its descriptor declares as REMARKS, for BI tools. */
@ExtendWith(IsolatedHome.class)
class SourceColumnRemarksTest {
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads");
  @TempDir
  Path temp;
  String url;

  @BeforeEach
  void start() throws Exception {
    Path model = temp.resolve("marketing.json");
    url = "jdbc:marketing:model=" + model;
    Files.writeString(model, """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "USD", "sources": [
           {"name": "gads", "type": "google-ads", "customerId": "123-456-7890", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%2$s", "clientSecret": "%3$s",
            "refreshToken": "%4$s", "tokenEndpoint": "%5$s/google/token", "startDate": "%6$s",
            "endpoint": "%5$s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN),
        ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET),
        ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN), server.baseUrl(),
        ApiStubs.GOOGLE_FIRST_DAY));
  }

  @Test
  void getColumnsOfASyncedApiTableGivesEachColumnsDescriptionAsRemarks() throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getColumns(null, "gads", "campaign_daily", null)) {
      int columns = 0;
      while (rs.next()) {
        columns++;
        assertTrue(rs.getString("REMARKS") != null && !rs.getString("REMARKS").isBlank(), rs.getString("COLUMN_NAME"));
        if (rs.getString("COLUMN_NAME").equals("spend")) {
          assertEquals("Cost in the account's currency (metrics.cost_micros ÷ 1,000,000, exact).", rs.getString("REMARKS"));
        }
      }
      assertEquals(12, columns, "the table's eleven columns and the account's name beside its id");
    }
  }
}
