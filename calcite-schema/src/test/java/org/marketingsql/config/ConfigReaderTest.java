package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.metrics.ltv.LtvTimeUnit;

/** The operand reader; these tests cover the {@code ltv} key. */
class ConfigReaderTest {
  private final ConfigReader reader = new ConfigReader(name -> null);

  private MarketingConfig read(Map<String, ?> operand) {
    return reader.read(operand, Path.of("."), "jdbc:duckdb:");
  }

  @Test
  void ltvDefaultsToAllDataInWeeksWithoutDiscounting() {
    assertEquals(LtvConfig.DEFAULT, read(Map.of()).ltv());
    assertEquals(new LtvConfig(null, LtvTimeUnit.WEEK, BigDecimal.ZERO), LtvConfig.DEFAULT);
  }

  @Test
  void ltvReadsCalibrationEndTimeUnitAndDiscountRate() {
    LtvConfig ltv = read(Map.of("ltv", Map.of("calibrationEnd", "2025-06-30", "timeUnit", "month",
        "discountRate", 0.1))).ltv();
    assertEquals(new LtvConfig(LocalDate.of(2025, 6, 30), LtvTimeUnit.MONTH, new BigDecimal("0.1")), ltv);
  }

  @Test
  void ltvNamesEveryWrongSettingByItsKeyPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("ltv", Map.of(
        "calibrationEnd", "30.06.2025", "timeUnit", "fortnight", "discountRate", "1.5", "horizon", 12))));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).sorted().toList();
    assertEquals(List.of("ltv.calibrationEnd", "ltv.discountRate", "ltv.horizon", "ltv.timeUnit"), paths);
  }

  @Test
  void ltvMustBeAMapping() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("ltv", "weekly")));
    assertEquals("ltv", e.problems().get(0).path());
  }

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
    assertEquals(java.time.Duration.ofHours(6), stripe.maxAge());
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
}
