package org.marketingsql.jdbc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.schema.Refresher;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;

/**
 * Filter pushdown for live reads, through the driver: a query over days the snapshot lacks answers at
 * once from it, warned (01M01) that fresher data is coming, and asks the refresher to read exactly those
 * days of Google Ads once; a later connection sees them.
 */
@ExtendWith(IsolatedHome.class)
class LiveReadsTest {
  /**
   * Where the source starts once its first sync is done: moved back from GOOGLE_FIRST_DAY, so the days
   * between are in the live reads' window but not in the store.
   */
  private static final String EARLIER_START = "2026-11-01";
  /** A recorded campaign day outside the first sync's window (which starts GOOGLE_FIRST_DAY). */
  private static final String EARLY_DAY = """
      [{"results": [{"customer": {"resourceName": "customers/1234567890", "id": "1234567890", "currencyCode": "USD"},
        "campaign": {"resourceName": "customers/1234567890/campaigns/111", "id": "111", "name": "Brand"},
        "metrics": {"clicks": "10", "costMicros": "12340000", "impressions": "100"},
        "segments": {"date": "2026-11-10"}}],
        "fieldMask": "segments.date,customer.id,customer.currencyCode,campaign.id,campaign.name,metrics.impressions,metrics.clicks,metrics.costMicros,metrics.conversions,metrics.conversionsValue",
        "requestId": "early"}]
      """;

  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("google-ads");
  String url;

  @BeforeEach
  void start() throws Exception {
    Path model = temp.resolve("marketing.json");
    url = "jdbc:marketing:model=" + model;
    writeModel(false, ApiStubs.GOOGLE_FIRST_DAY);
  }

  /** The first connection syncs from GOOGLE_FIRST_DAY; then the source's start date moves back to EARLIER_START. */
  private void syncedThenStartedEarlier() throws Exception {
    DriverManager.getConnection(url).close();
    writeModel(false, EARLIER_START);
  }

  private void writeModel(boolean offline, String startDate) throws Exception {
    Path model = temp.resolve("marketing.json");
    Files.writeString(model, """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%1$s", "reportingCurrency": "USD", "sources": [
           {"name": "gads", "type": "google-ads", "customerId": "123-456-7890", "loginCustomerId": "987-654-3210",
            "clientId": "1234-abc.apps.googleusercontent.com", "developerToken": "%2$s", "clientSecret": "%3$s",
            "refreshToken": "%4$s", "tokenEndpoint": "%5$s/google/token", "startDate": "%6$s",
            "endpoint": "%5$s", "maxAge": "1h", "offline": %7$s}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        ApiStubs.secretFile(temp, "gads.dev", ApiStubs.GOOGLE_DEVELOPER_TOKEN),
        ApiStubs.secretFile(temp, "gads.secret", ApiStubs.GOOGLE_CLIENT_SECRET),
        ApiStubs.secretFile(temp, "gads.refresh", ApiStubs.GOOGLE_REFRESH_TOKEN), server.baseUrl(),
        startDate, offline));
  }

  private int rangedCalls(String from, String to) {
    return server.findAll(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)).withRequestBody(
        matchingJsonPath("$.query", matching(".* FROM campaign WHERE segments.date BETWEEN '" + from + "' AND '" + to
            + "'")))).size();
  }

  private static String answer(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1) + " " + rs.getString(2);
    }
  }

  /** Waits for the refresh the live reads asked for, which publishes the days they lacked. */
  private static void refreshed() {
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "the refresh did not end");
  }

  @Test
  void aQueryOverDaysTheSnapshotLacksAnswersAtOnceWithAWarningAndALaterOneSeesThoseDaysReadOnce() throws Exception {
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE segments.date BETWEEN '2026-11-10' AND '2026-11-12'")
        .atPriority(1).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody(EARLY_DAY)));
    String sql = "SELECT COUNT(*), SUM(spend_rc) FROM finance.ad_spend_daily"
        + " WHERE date_day BETWEEN DATE '2026-11-10' AND DATE '2026-11-12'";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      assertEquals(0, rangedCalls("2026-11-10", "2026-11-12"), "connecting syncs from the start date only");
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
      assertNull(s.getWarnings(), "days before the source's start date are not asked for");
    }
    refreshed();
    assertEquals(0, rangedCalls("2026-11-10", "2026-11-12"));
    writeModel(false, EARLIER_START);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        assertEquals(0, rs.getLong(1), "the statement answers from its snapshot, without waiting for the API");
      }
      assertEquals("01M01", s.getWarnings().getSQLState());
      assertTrue(s.getWarnings().getMessage().contains("fresher data is coming"), s.getWarnings().getMessage());
    }
    refreshed();
    assertEquals(1, rangedCalls("2026-11-10", "2026-11-12"));
    try (Connection again = DriverManager.getConnection(url); Statement s = again.createStatement()) {
      assertEquals("1 12.340000", answer(again, sql));
      try (ResultSet rs = s.executeQuery(sql)) {
        assertNull(s.getWarnings(), "the snapshot holds those days now");
      }
      refreshed();
      assertEquals(1, rangedCalls("2026-11-10", "2026-11-12"), "the store now holds those days");
      // days the store already holds are not asked for again, whichever table is queried
      answer(again, "SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily WHERE \"date\" >= DATE '"
          + ApiStubs.GOOGLE_FIRST_DAY + "' AND \"date\" <= DATE '" + ApiStubs.GOOGLE_FIRST_DAY + "'");
      refreshed();
      assertEquals(0, server.findAll(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)).withRequestBody(
          matchingJsonPath("$.query", matching(".* BETWEEN '" + ApiStubs.GOOGLE_FIRST_DAY + "' AND '"
              + ApiStubs.GOOGLE_FIRST_DAY + "'")))).size());
    }
  }

  @Test
  void anEqualityOnOneDayReadsThatDayAndAnOfflineSourceNeverCallsOut() throws Exception {
    String sql = "SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily WHERE \"date\" = DATE '2026-11-12'";
    syncedThenStartedEarlier();
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals("0 null", answer(c, sql));
    }
    refreshed();
    assertEquals(1, rangedCalls("2026-11-12", "2026-11-12"));
    writeModel(true, EARLIER_START);
    try (Connection offline = DriverManager.getConnection(url)) {
      assertEquals("0 null", answer(offline, sql.replace("2026-11-12", "2026-11-13")));
    }
    refreshed();
    assertEquals(0, rangedCalls("2026-11-13", "2026-11-13"));
  }

  @Test
  void aFailingLiveReadKeepsTheLastGoodDataAndRecordsTheError() throws Exception {
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-02'")
        .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": {\"code\": 400, \"message\": \"Request contains an invalid argument.\","
                + " \"status\": \"INVALID_ARGUMENT\"}}")));
    syncedThenStartedEarlier();
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals("0 null", answer(c, "SELECT COUNT(*), SUM(spend) FROM gads.campaign_daily"
          + " WHERE \"date\" BETWEEN DATE '2026-11-01' AND DATE '2026-11-02'"));
    }
    refreshed();
    assertEquals(1, rangedCalls("2026-11-01", "2026-11-02"));
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT row_count, last_error"
            + " FROM sync.sync_status WHERE source_name = 'gads' AND table_name = 'campaign_daily'")) {
      rs.next();
      assertEquals(3, rs.getLong(1), "the rows of the last good sync stay");
      assertTrue(rs.getString(2).contains("2026-11-01..2026-11-02"), rs.getString(2));
    }
  }

  @Test
  void aQueryOverMissingDaysWarnsItsStatementAndTheWarningGoesWithClearWarnings() throws Exception {
    server.stubFor(ApiStubs.googleQuery(".* FROM campaign WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-02'")
        .atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
            .withBody("{\"error\": {\"code\": 400, \"message\": \"Request contains an invalid argument.\","
                + " \"status\": \"INVALID_ARGUMENT\"}}")));
    String sql = "SELECT COUNT(*) FROM gads.campaign_daily WHERE \"date\" BETWEEN DATE '2026-11-01' AND DATE '2026-11-02'";
    syncedThenStartedEarlier();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeQuery(sql).close();
      SQLWarning warning = s.getWarnings();
      assertNotNull(warning, "the statement says fresher data is coming");
      assertEquals("01M01", warning.getSQLState());
      assertTrue(warning.getMessage().contains("gads.campaign_daily")
          && warning.getMessage().contains("2026-11-01..2026-11-02"), warning.getMessage());
      s.clearWarnings();
      assertNull(s.getWarnings());
      s.executeQuery("SELECT COUNT(*) FROM gads.campaign_daily").close();
      assertNull(s.getWarnings(), "a statement that read no API has no warning");
      // a prepared statement is planned, and so warned, when it is prepared
      try (PreparedStatement p = c.prepareStatement(sql + " AND campaign_id IS NOT NULL")) {
        assertNotNull(p.getWarnings());
        p.executeQuery().close();
        assertEquals("01M01", p.getWarnings().getSQLState());
      }
    }
    refreshed();
  }

  @Test
  void anOpenRangeIsClampedToTheSourcesStartDate() throws Exception {
    syncedThenStartedEarlier();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM gads.campaign_daily WHERE \"date\" >= DATE '0001-01-01'").close();
      SQLWarning warning = s.getWarnings();
      assertNotNull(warning, "the days from the start date to the first sync's are coming");
      assertTrue(warning.getMessage().contains(EARLIER_START + ".."), warning.getMessage());
      assertFalse(warning.getMessage().contains("0001-01-01"), warning.getMessage());
    }
    refreshed();
    Pattern between = Pattern.compile("BETWEEN '(\\d{4}-\\d{2}-\\d{2})'");
    List<LoggedRequest> reads = server.findAll(postRequestedFor(urlPathEqualTo(ApiStubs.GOOGLE_STREAM)));
    LocalDate earliest = LocalDate.MAX;
    for (LoggedRequest read : reads) {
      Matcher m = between.matcher(read.getBodyAsString());
      while (m.find()) {
        LocalDate day = LocalDate.parse(m.group(1));
        earliest = day.isBefore(earliest) ? day : earliest;
      }
    }
    assertEquals(LocalDate.parse(EARLIER_START), earliest, "no day before the start date is asked for");
    assertEquals(1, rangedCalls(EARLIER_START, LocalDate.parse(ApiStubs.GOOGLE_FIRST_DAY).minusDays(1).toString()),
        "the days between the start date and the first sync's, once");
  }
}
