package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.LtvTimeUnit;

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

  private SourceBilling billing(Object billing) {
    return read(Map.of("sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", ".",
        "billing", billing)))).sources().get(0).billing();
  }

  private List<String> sourceProblems(Map<String, ?> source) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("sources", List.of(source))));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  private List<String> billingProblems(Object billing) {
    return sourceProblems(Map.of("name", "exports", "type", "csv-folder", "path", ".", "billing", billing));
  }

  @Test
  void billingIsTheDefaultMonthlyInvoiceNet30WhenNotConfigured() {
    SourceBilling none = read(Map.of("sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", "."))))
        .sources().get(0).billing();
    assertEquals(SourceBilling.NONE, none);
    assertEquals(BillingTerms.DEFAULT, none.termsFor("google_ads", "123"));
  }

  @Test
  void billingReadsPrepaid() {
    assertEquals(new BillingTerms.Prepaid(), billing("prepaid").termsFor("meta_ads", "act_1"));
  }

  @Test
  void billingReadsAThreshold() {
    assertEquals(new BillingTerms.Threshold(new BigDecimal("500")), billing(Map.of("threshold", 500)).sourceWide());
    assertEquals(new BillingTerms.Threshold(new BigDecimal("750.50")), billing(Map.of("threshold", "750.50")).sourceWide());
  }

  @Test
  void billingReadsInvoiceTermsAndDefaultsTheirMissingKeysToDay1Net30() {
    assertEquals(new BillingTerms.Invoice(5, 45, false),
        billing(Map.of("invoice", Map.of("day", 5, "netDays", 45))).sourceWide());
    assertEquals(new BillingTerms.Invoice(1, 14, false), billing(Map.of("invoice", Map.of("netDays", 14))).sourceWide());
  }

  @Test
  void billingByAccountOverridesPlatformWhichOverridesTheSourcesDefault() {
    SourceBilling billing = billing(Map.of("default", "prepaid", "google_ads", Map.of("threshold", 500),
        "421-553-2760", Map.of("invoice", Map.of("day", 1, "netDays", 30)), 508112233, "prepaid"));
    assertEquals(new BillingTerms.Invoice(1, 30, false), billing.termsFor("google_ads", "421-553-2760"));
    assertEquals(new BillingTerms.Threshold(new BigDecimal("500")), billing.termsFor("google_ads", "421-553-1908"));
    assertEquals(new BillingTerms.Prepaid(), billing.termsFor("meta_ads", "act_1"));
    assertEquals(new BillingTerms.Prepaid(), billing.termsFor("linkedin_ads", "508112233"));
    assertEquals(BillingTerms.DEFAULT, billing(Map.of("meta_ads", "prepaid")).termsFor("google_ads", null));
  }

  @Test
  void billingNamesEachWrongValueByItsKeyPath() {
    assertEquals(List.of("sources[0].billing.invoice.netDays: must be a whole number of days ≥ 0, found '-3'"),
        billingProblems(Map.of("invoice", Map.of("day", 1, "netDays", -3))));
    assertEquals(List.of("sources[0].billing.invoice.netDays: must be a whole number of days ≥ 0, found '7.5'"),
        billingProblems(Map.of("invoice", Map.of("netDays", 7.5))));
    assertEquals(List.of("sources[0].billing.invoice.day: must be a day of the month 1..31, found '32'"),
        billingProblems(Map.of("invoice", Map.of("day", 32))));
    assertEquals(List.of("sources[0].billing.invoice.dueDays: unknown key; known keys are [day, netDays]"),
        billingProblems(Map.of("invoice", Map.of("dueDays", 30))));
    assertEquals(List.of("sources[0].billing.invoice: must be a mapping such as { day: 1, netDays: 30 }, found 'monthly'"),
        billingProblems(Map.of("invoice", "monthly")));
    assertEquals(List.of("sources[0].billing.threshold: must be a positive amount in the account's currency,"
        + " such as 500, found '0'"), billingProblems(Map.of("threshold", 0)));
    assertEquals(List.of("sources[0].billing.threshold: must be a positive amount in the account's currency,"
        + " such as 500, found 'lots'"), billingProblems(Map.of("threshold", "lots")));
    assertEquals(List.of("sources[0].billing: must be prepaid, { threshold: AMOUNT } or { invoice: { day: 1, netDays:"
        + " 30 } }, found 'postpaid'"), billingProblems("postpaid"));
    assertEquals(List.of("sources[0].billing.meta_ads: must be prepaid, { threshold: AMOUNT } or { invoice: { day: 1,"
        + " netDays: 30 } }, found 'monthly'"), billingProblems(Map.of("meta_ads", "monthly")));
  }

  @Test
  void billingRefusesUnknownPlatformsAndTermsBesidePlatformKeys() {
    assertEquals(List.of("sources[0].billing.gogle_ads: unknown platform 'gogle_ads'; platforms are [google_ads,"
        + " linkedin_ads, meta_ads, microsoft_ads] (any other key is an account id)"),
        billingProblems(Map.of("gogle_ads", "prepaid")));
    assertEquals(List.of("sources[0].billing.threshold: the source's own terms cannot sit beside platform or account"
        + " keys; write them under default"), billingProblems(Map.of("threshold", 100, "meta_ads", "prepaid")));
  }

  @Test
  void theFxRatesKeyIsRefusedSayingWhereAnFxFileGoesInstead() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("fxRates", "rates.csv")));
    assertEquals(List.of("fxRates"), e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.problems().get(0).toString().contains("csv-folder"), e.problems().toString());
  }

  @Test
  void aSourceWithoutATypeIsAProblemNotACrash() {
    assertEquals(List.of("sources[0].type: is required"), sourceProblems(Map.of("name", "exports")));
  }

  @Test
  void billingIsRefusedOnSourcesThatAreNotBilledForAds() {
    List<String> problems = sourceProblems(Map.of("name", "stripe", "type", "stripe", "apiKey", "${env:STRIPE_KEY}",
        "billing", "prepaid"));
    assertEquals(true, problems.contains("sources[0].billing: only ad sources and csv-folder sources are billed;"
        + " remove billing from this stripe source"), problems.toString());
  }
}
