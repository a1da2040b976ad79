package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.demo.DemoCompany;

/**
 * The cohort report's recurring revenue section: shown from finance.subscription_mrr and subscription_retention
 * when the data has subscriptions (the demo company has), replaced by a one-line note when it has none (the demo
 * company's exports without their subscription items file, and without the files the cohort report does not read,
 * which the store would otherwise load and attribute for nothing).
 */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class CohortMrrSectionTest {
  private static final String SECTION = "Recurring revenue (MRR)";
  private static final String RETENTION = "Subscription retention by cohort";
  private static final String OMITTED = "No subscriptions in the data";
  @TempDir
  static Path temp;

  @Test
  void onTheDemoCompanyTheCohortReportShowsMrrByMonthAndRetentionByCohort() throws Exception {
    String url = "jdbc:marketing:demo";
    String text = BundledReportsTest.pdfText(new ReportRenderer(url).render(ReportDesigns.find("customer-ltv-cohorts"),
        Map.of("cohorts_from", "2025-01"), ReportFormat.PDF));
    String flat = text.replaceAll("\\s+", " ");
    assertTrue(flat.contains(SECTION) && flat.contains(RETENTION), "the section and its retention table:\n" + text);
    assertFalse(flat.contains(OMITTED), "no note when there are subscriptions");
    String mrr;
    String grossMonth3;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT mrr_rc FROM finance.subscription_mrr"
          + " WHERE month_start = DATE '2025-12-01'")) {
        assertTrue(rs.next(), "the demo has MRR in its last month");
        mrr = amount(rs.getBigDecimal(1));
      }
      try (ResultSet rs = s.executeQuery("SELECT cohort_gross_revenue_retention FROM finance.subscription_retention"
          + " WHERE cohort_month = DATE '2025-01-01' AND months_since_start = 3")) {
        assertTrue(rs.next());
        grossMonth3 = rs.getBigDecimal(1).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN) + "%";
      }
    }
    String december = flat.substring(flat.indexOf(SECTION));
    assertTrue(december.contains("2025-12 " + mrr + " "), "December's MRR " + mrr + " in the month table:\n" + text);
    String cohorts = flat.substring(flat.indexOf(RETENTION));
    assertTrue(cohorts.matches("(?s).*2025-01 [0-9,]+ [0-9,.]+ [0-9.]+% " + grossMonth3.replace(".", "\\.") + " .*"),
        "the January cohort's gross retention at month 3, " + grossMonth3 + ":\n" + cohorts);
    String july = text.substring(text.indexOf(RETENTION)).lines().map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> l.startsWith("2025-07 ")).findFirst().orElseThrow();
    assertTrue(july.matches("2025-07 [0-9,]+ [0-9,.]+ [0-9.]+% [0-9.]+%"),
        "July's cohort shows month 3 only: months 6 and 12 are after the data's last month, 2025-12: " + july);
  }

  @Test
  void withoutSubscriptionsTheSectionIsOmittedWithAOneLineNote() throws Exception {
    Path exports = temp.resolve("demo-without-subscriptions");
    DemoCompany.generate(exports);
    Files.delete(exports.resolve("subscription_items.csv"));
    for (String unread : new String[] {"touchpoints.csv", "google_ads_campaign_report.csv",
        "google_ads_conversions_by_action.csv", "nps_survey.csv"}) {
      Files.delete(exports.resolve(unread));
    }
    String text = BundledReportsTest.pdfText(new ReportRenderer("jdbc:marketing:csv=" + exports)
        .render(ReportDesigns.find("customer-ltv-cohorts"), Map.of(), ReportFormat.PDF));
    String flat = text.replaceAll("\\s+", " ");
    assertTrue(flat.contains(OMITTED + " (finance.subscription_mrr is empty): the MRR and subscription retention"
        + " section is omitted."), "the note:\n" + text);
    assertFalse(flat.contains(SECTION) || flat.contains(RETENTION), "no MRR section:\n" + text);
    assertTrue(flat.contains("Cohort LTV curves"), "the rest of the report is there");
  }

  private static String amount(BigDecimal value) {
    return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US))
        .format(value.setScale(2, RoundingMode.HALF_EVEN));
  }
}
