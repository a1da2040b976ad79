package org.marketingsql.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.ConfigException;
import org.marketingsql.config.ConfigProblem;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;
import org.marketingsql.source.metaads.MetaAdsSource;

/**
 * The configuration of API sources, whose keys (which are required, which are secret) their
 * descriptors declare: the configuration reader finds them through the registry.
 */
class ApiSourceConfigTest {
  private MarketingConfig readApi(Map<String, ?> source) {
    ConfigReader withEnv = new ConfigReader(name -> name.equals("STRIPE_KEY") ? "sk_test_123" : null);
    return withEnv.read(Map.of("sources", List.of(source)), Path.of("."), "jdbc:duckdb:");
  }

  @Test
  void stripeSourcesReadTheirKeyEndpointMaxAgeAndOfflineFlag() {
    SourceConfig stripe = readApi(Map.of("name", "stripe", "type", "stripe", "apiKey", "${env:STRIPE_KEY}",
        "endpoint", "http://localhost:8089", "maxAge", "6h", "offline", true)).sources().get(0);
    assertEquals("sk_test_123", stripe.secrets().get("apiKey").reveal());
    assertEquals("http://localhost:8089", stripe.endpoint());
    assertEquals(Duration.ofHours(6), stripe.maxAge());
    assertEquals(true, stripe.offline());
  }

  @Test
  void apiSourcesNeverSyncOnConnectUnlessTheyHaveAMaxAge() {
    SourceConfig stripe = readApi(Map.of("name", "stripe", "type", "stripe", "apiKey", "${env:STRIPE_KEY}"))
        .sources().get(0);
    assertEquals(null, stripe.maxAge());
    assertEquals(false, stripe.offline());
    assertEquals(null, stripe.endpoint());
  }

  @Test
  void apiSourcesNameAMissingCredentialAndBadSettingsByKeyPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> readApi(Map.of("name", "crm", "type", "hubspot",
        "endpoint", "api.hubapi.com", "maxAge", "soon", "offline", "maybe")));
    assertEquals(List.of("sources[0].accessToken", "sources[0].endpoint", "sources[0].maxAge", "sources[0].offline"),
        e.problems().stream().map(ConfigProblem::path).sorted().toList());
  }

  @Test
  void adPlatformSourcesNameEachMissingCredentialAndSettingByKeyPath() {
    ConfigException google = assertThrows(ConfigException.class, () -> readApi(Map.of("name", "gads",
        "type", "google-ads", "customerId", "123-456-7890", "developerToken", "${env:STRIPE_KEY}")));
    assertEquals(List.of("sources[0].clientId", "sources[0].clientSecret", "sources[0].refreshToken"),
        google.problems().stream().map(ConfigProblem::path).sorted().toList());
    ConfigException microsoft = assertThrows(ConfigException.class, () -> readApi(Map.of("name", "msads",
        "type", "microsoft-ads", "clientId", "app-1", "clientSecret", "${env:STRIPE_KEY}",
        "refreshToken", "${env:STRIPE_KEY}")));
    assertEquals(List.of("sources[0].accountId", "sources[0].customerId", "sources[0].developerToken"),
        microsoft.problems().stream().map(ConfigProblem::path).sorted().toList());
  }

  @Test
  void aGoogleAdsSourceKeepsItsIdsClientAndStartDateAsSettings() {
    SourceConfig gads = readApi(Map.of("name", "gads", "type", "google-ads", "customerId", "123-456-7890",
        "loginCustomerId", "987-654-3210", "clientId", "app.apps.googleusercontent.com", "startDate", "2025-01-01",
        "developerToken", "${env:STRIPE_KEY}", "clientSecret", "${env:STRIPE_KEY}", "refreshToken", "${env:STRIPE_KEY}"))
        .sources().get(0);
    assertEquals("123-456-7890", gads.setting("customerId"));
    assertEquals("987-654-3210", gads.setting("loginCustomerId"));
    assertEquals("2025-01-01", gads.setting("startDate"));
    assertEquals(List.of("clientSecret", "developerToken", "refreshToken"),
        gads.secrets().keySet().stream().sorted().toList());
  }

  private List<String> problems(Map<String, ?> source) {
    ConfigException e = assertThrows(ConfigException.class, () -> readApi(source));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void billingIsRefusedOnSourcesThatAreNotBilledForAds() {
    List<String> problems = problems(Map.of("name", "stripe", "type", "stripe", "apiKey", "${env:STRIPE_KEY}",
        "billing", "prepaid"));
    assertEquals(true, problems.contains("sources[0].billing: only ad sources and csv-folder sources are billed;"
        + " remove billing from this stripe source"), problems.toString());
  }

  private final ConfigReader social = new ConfigReader(name -> "value-of-" + name);

  private SourceConfig readSocial(Map<String, ?> source) {
    return social.read(Map.of("sources", List.of(source)), Path.of("."), "jdbc:duckdb:").sources().get(0);
  }

  private List<String> socialProblems(Map<String, ?> source) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> social.read(Map.of("sources", List.of(source)), Path.of("."), "jdbc:duckdb:"));
    return e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
  }

  @Test
  void aMetaSourceReadsItsAccountTokenConversionTypesAndAttributionWindows() {
    SourceConfig meta = readSocial(Map.of("name", "meta", "type", "meta-ads", "accountId", "act_123",
        "accessToken", "${env:META_TOKEN}", "conversionActionTypes", List.of("purchase", "lead"),
        "attributionWindows", "7d_click,1d_view"));
    assertEquals(MetaAdsSource.TYPE, meta.type());
    assertEquals("value-of-META_TOKEN", meta.secrets().get("accessToken").reveal());
    assertEquals(List.of("purchase", "lead"), meta.settings().get("conversionActionTypes"));
    assertEquals("7d_click,1d_view", meta.setting("attributionWindows"));
  }

  @Test
  void aMetaSourceNeedsItsAccountAndToken() {
    assertEquals(List.of(
            "sources[0].accessToken: is required for a meta-ads source; reference it as ${env:VARIABLE_NAME} or"
                + " ${file:/run/secrets/name}",
            "sources[0].accountId: is required for a meta-ads source (or accountIds, a list of them)"),
        socialProblems(Map.of("name", "meta", "type", "meta-ads")));
  }

  @Test
  void aLinkedInSourceNeedsItsAccountClientAndBothSecrets() {
    assertEquals(4, socialProblems(Map.of("name", "li", "type", "linkedin-ads")).size());
    SourceConfig li = readSocial(Map.of("name", "li", "type", "linkedin-ads", "accountId", "507404993",
        "clientId", "86abc", "clientSecret", "${env:LI_SECRET}", "refreshToken", "${env:LI_REFRESH}"));
    assertEquals("86abc", li.setting("clientId"));
    assertEquals("value-of-LI_REFRESH", li.secrets().get("refreshToken").reveal());
  }

  @Test
  void aStartDateFurtherBackThanThePlatformKeepsDataIsRefusedNamingSourceKeyAndLimit() {
    SourceConfig meta = new SourceConfig("meta", MetaAdsSource.TYPE, null, null, null, null, null,
        Map.of("accessToken", Secret.of("${env:META_TOKEN}", "token")), "http://localhost:1", null, false,
        Map.of("accountId", "act_1", "startDate", "2023-01-01"));
    Clock today = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SourceRegistry.open(meta, RetryPolicy.defaults(), Sleeper.REAL, today));
    assertEquals("source meta: startDate 2023-01-01 is further back than Meta Ads keeps its data (37 months, so"
        + " 2023-10-22 at the earliest today); set startDate to 2023-10-22 or later", e.getMessage());
  }

  @Test
  void aStartDateWithinThePlatformsHistoryOpensTheSource() {
    SourceConfig meta = new SourceConfig("meta", MetaAdsSource.TYPE, null, null, null, null, null,
        Map.of("accessToken", Secret.of("${env:META_TOKEN}", "token")), "http://localhost:1", null, false,
        Map.of("accountId", "act_1", "startDate", "2023-10-22"));
    Clock today = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    assertEquals(6, SourceRegistry.open(meta, RetryPolicy.defaults(), Sleeper.REAL, today).tables().size());
  }

  @Test
  void eachAdPlatformReReadsItsOwnConversionWindowByDefault() {
    assertEquals(Map.of("google-ads", 30, "meta-ads", 28, "linkedin-ads", 30, "microsoft-ads", 30),
        Map.of("google-ads", find("google-ads"), "meta-ads", find("meta-ads"), "linkedin-ads", find("linkedin-ads"),
            "microsoft-ads", find("microsoft-ads")));
  }

  private static int find(String key) {
    return SourceRegistry.all().stream().filter(d -> d.type().key().equals(key)).findFirst().orElseThrow()
        .type().defaultLookbackDays();
  }

  @Test
  void anFxSourceNeedsNoKeyAndKeepsItsCurrenciesAndStartDate() {
    SourceConfig fx = readApi(Map.of("name", "ecb", "type", "fx", "currencies", List.of("USD", "GBP"),
        "startDate", "2024-01-01", "maxAge", "1d")).sources().get(0);
    assertEquals(List.of("USD", "GBP"), fx.settings().get("currencies"));
    assertEquals(java.time.LocalDate.of(2024, 1, 1), fx.dateSetting("startDate"));
    assertEquals(Map.of(), fx.secrets());
    assertEquals(1, SourceRegistry.open(fx, RetryPolicy.defaults(), Sleeper.REAL, Clock.systemUTC()).tables().size());
  }
}
