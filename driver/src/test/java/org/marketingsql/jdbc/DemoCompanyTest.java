package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.demo.DemoCompany;
import org.marketingsql.demo.DemoLedger;

/** jdbc:marketing:demo reconciles to the cent with the ledger the generator keeps while writing. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class DemoCompanyTest {
  @TempDir
  static Path temp;
  /** What the generator wrote, generated once: it writes the same files and ledger every time. */
  private static DemoLedger ledger;

  @BeforeAll
  static void generateTheLedger() throws Exception {
    ledger = DemoCompany.generate(temp.resolve("ledger"));
  }

  @Test
  void demoSpendAndRevenuePerChannelAndQuarterMatchTheGeneratorsLedger() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT fiscal_quarter, channel, SUM(spend_rc), SUM(attributed_revenue_rc)"
          + " FROM finance.channel_roi GROUP BY fiscal_quarter, channel")) {
        int rows = 0;
        while (rs.next()) {
          String quarter = rs.getString(1);
          String channel = rs.getString(2);
          assertEquals(cents(ledger.spendRc(channel, quarter)), cents(rs.getBigDecimal(3)), channel + " " + quarter);
          assertEquals(cents(ledger.revenueRc(channel, quarter)), cents(rs.getBigDecimal(4)), channel + " " + quarter);
          rows++;
        }
        assertEquals(8 * 7, rows, "8 quarters × 7 channels");
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(spend_rc), COUNT(*) FROM finance.ad_spend_daily")) {
        rs.next();
        assertEquals(ledger.totalSpendRc().stripTrailingZeros(), rs.getBigDecimal(1).stripTrailingZeros());
      }
      try (ResultSet rs = s.executeQuery("SELECT fiscal_quarter, channel, SUM(budget_rc) FROM finance.budget_vs_actual"
          + " GROUP BY fiscal_quarter, channel")) {
        while (rs.next()) {
          assertEquals(cents(ledger.budgetRc(rs.getString(2), rs.getString(1))), cents(rs.getBigDecimal(3)));
        }
      }
    }
  }

  @Test
  void demoCampaignRoiAndAttributionCoverageAccountForEveryDollar() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement()) {
      BigDecimal campaignRevenue;
      try (ResultSet rs = s.executeQuery("SELECT SUM(revenue_rc), SUM(channel_attributed_rc), SUM(unattributed_rc),"
          + " SUM(campaign_attributed_rc), SUM(unmatched_campaigns), COUNT(*) FROM finance.attribution_coverage")) {
        rs.next();
        assertEquals(cents(ledger.totalRevenueRc()), cents(rs.getBigDecimal(1)), "every order's revenue");
        assertEquals(cents(ledger.totalRevenueRc()), cents(rs.getBigDecimal(2)), "every demo order names its channel");
        assertEquals(0, rs.getBigDecimal(3).signum());
        campaignRevenue = rs.getBigDecimal(4);
        assertTrue(campaignRevenue.signum() > 0 && campaignRevenue.compareTo(rs.getBigDecimal(1)) < 0,
            "first orders after an ad click carry their campaign, repeat and organic orders none: " + campaignRevenue);
        assertTrue(rs.getLong(5) > 0, "unknown and newsletter campaigns are counted as misses");
        assertEquals(24, rs.getLong(6), "24 months of one source");
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(spend_rc), SUM(attributed_revenue_rc), COUNT(DISTINCT campaign_id),"
          + " (SELECT COUNT(DISTINCT campaign_id) FROM finance.ad_spend_daily) FROM finance.campaign_roi")) {
        rs.next();
        assertEquals(cents(ledger.totalSpendRc()), cents(rs.getBigDecimal(1)), "every campaign's spend");
        assertEquals(cents(campaignRevenue), cents(rs.getBigDecimal(2)), "the revenue coverage counts as matched");
        assertEquals(rs.getLong(4), rs.getLong(3), "every campaign with spend");
      }
    }
  }

  @Test
  void demoCashScheduleShowsEachKindOfTermsAndPaysExactlyTheSpend() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT platform, billing_terms, SUM(accrued_spend_rc), SUM(cash_out_rc),"
            + " MAX(date_day) FROM finance.marketing_cash_schedule GROUP BY platform, billing_terms ORDER BY platform")) {
      List<String> terms = new ArrayList<>();
      BigDecimal paid = BigDecimal.ZERO;
      while (rs.next()) {
        terms.add(rs.getString(1) + ": " + rs.getString(2) + " until " + rs.getDate(5));
        assertEquals(rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(1) + " pays what it spends");
        paid = paid.add(rs.getBigDecimal(4));
      }
      // the demo's last day is 31 December 2025: what it leaves unbilled or uninvoiced is paid in 2026
      assertEquals(List.of("google_ads: threshold 5000 until 2026-01-01",
          "linkedin_ads: invoice day 1, net 30 (default) until 2026-01-31", "meta_ads: threshold 2500 until 2026-01-01",
          "microsoft_ads: prepaid until 2025-12-31"), terms);
      assertEquals(cents(ledger.totalSpendRc()), cents(paid));
    }
  }

  @Test
  void demoAccountsListBothGoogleClientAccountsByTheNamesOfTheManagersReport() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.account_id, a.account_name, a.currency,"
            + " (SELECT COUNT(DISTINCT d.account_name) FROM finance.ad_spend_daily d"
            + " WHERE d.platform = a.platform AND d.account_id = a.account_id)"
            + " FROM finance.accounts a WHERE a.platform = 'google_ads' ORDER BY a.account_id")) {
      List<String> accounts = new ArrayList<>();
      while (rs.next()) {
        accounts.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + ", named on spend: "
            + rs.getLong(4));
      }
      assertEquals(List.of("421-553-1908 Demo Company - US USD, named on spend: 1",
          "421-553-2760 Demo Company - EU EUR, named on spend: 1"), accounts);
    }
  }

  @Test
  void demoConversionsByActionCoverBothGoogleAccountsAndTheirPurchasesAreTheAdSpendsConversions() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement()) {
      List<String> actions = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT account_id, conversion_action, is_primary, COUNT(*) > 100"
          + " FROM finance.conversions_daily GROUP BY 1, 2, 3 ORDER BY 1, 2")) {
        while (rs.next()) {
          actions.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getBoolean(4));
        }
      }
      assertEquals(List.of("421-553-1908 Lead false true", "421-553-1908 Purchase true true",
          "421-553-1908 Sign-up false true", "421-553-2760 Lead false true", "421-553-2760 Purchase true true",
          "421-553-2760 Sign-up false true"), actions);
      String primary = "SELECT account_id, SUM(conversions), SUM(conversions_value_rc) FROM finance.conversions_daily"
          + " WHERE is_primary GROUP BY 1 ORDER BY 1";
      String spend = "SELECT account_id, SUM(conversions), SUM(conversions_value_rc) FROM finance.ad_spend_daily"
          + " WHERE platform = 'google_ads' GROUP BY 1 ORDER BY 1";
      assertEquals(table(s, spend), table(s, primary));
    }
  }

  private static List<String> table(Statement s, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getBigDecimal(2).stripTrailingZeros().toPlainString() + " "
            + rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
      }
    }
    return rows;
  }

  private static BigDecimal cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_EVEN);
  }

  @Test
  void demoLtvToCacPerChannelMatchesTheGeneratorsLedger() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT channel, SUM(spend_rc), SUM(new_customers),"
            + " SUM(avg_ltv * new_customers) FROM finance.unit_economics"
            + " WHERE channel IN ('google_ads', 'meta_ads', 'linkedin_ads', 'microsoft_ads') GROUP BY channel")) {
      int channels = 0;
      while (rs.next()) {
        String channel = rs.getString(1);
        assertEquals(ledger.newCustomers(channel), rs.getLong(3), channel);
        BigDecimal cac = ledger.spendRc(channel).divide(BigDecimal.valueOf(ledger.newCustomers(channel)), 6,
            RoundingMode.HALF_EVEN);
        BigDecimal ltv = ledger.revenueRc(channel).divide(BigDecimal.valueOf(ledger.newCustomers(channel)), 6,
            RoundingMode.HALF_EVEN); // gross margin 1.0 in the demo
        BigDecimal viewCac = rs.getBigDecimal(2).divide(rs.getBigDecimal(3), 6, RoundingMode.HALF_EVEN);
        BigDecimal viewLtv = rs.getBigDecimal(4).divide(rs.getBigDecimal(3), 6, RoundingMode.HALF_EVEN);
        assertEquals(cents(cac), cents(viewCac), channel + " CAC");
        // per-month averages are kept to 6 decimals: over 24 months they may differ in the last ones
        assertEquals(0, cents(ltv).subtract(cents(viewLtv)).abs().compareTo(new BigDecimal("0.01")) > 0 ? 1 : 0,
            channel + " LTV " + ltv + " vs " + viewLtv);
        channels++;
      }
      assertEquals(4, channels);
    }
  }
}
