package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.demo.DemoCompany;
import org.marketingsql.demo.DemoLedger;

/** jdbc:marketing:demo reconciles to the cent with the ledger the generator keeps while writing. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class DemoCompanyTest {
  @TempDir
  Path temp;

  @Test
  void demoSpendAndRevenuePerChannelAndQuarterMatchTheGeneratorsLedger() throws Exception {
    DemoLedger ledger = DemoCompany.generate(temp.resolve("ledger"));
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

  private static BigDecimal cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_EVEN);
  }

  @Test
  void demoLtvToCacPerChannelMatchesTheGeneratorsLedger() throws Exception {
    DemoLedger ledger = DemoCompany.generate(temp.resolve("ledger"));
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
