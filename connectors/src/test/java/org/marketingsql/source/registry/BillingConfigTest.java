package org.marketingsql.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.BillingTerms;
import org.marketingsql.config.ConfigException;
import org.marketingsql.config.ConfigProblem;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceBilling;

/**
 * A source's {@code billing} terms, which may be given per platform: the platforms are those of the
 * billed sources in the registry.
 */
class BillingConfigTest {
  private final ConfigReader reader = new ConfigReader(name -> null);

  private MarketingConfig read(Map<String, ?> operand) {
    return reader.read(operand, Path.of("."), "jdbc:duckdb:");
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

}
