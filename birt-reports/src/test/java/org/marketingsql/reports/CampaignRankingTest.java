package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketingsql.testing.Fixtures;

/**
 * The quarterly report on the hand-checked {@code campaigns} fixture (everything in USD, margin 1.0, last-touch
 * attribution), where, unlike the demo company, part of the revenue has no channel. March 2025: google_ads g1
 * "Brand Search" spends 200 and is credited p1's 120; g2 "Generic" spends 100 and is credited p5's 100 by its
 * last touch; meta_ads m1 "Spring Sale" spends 150 and is credited p2's 80 and p9's 10. Of the 7 orders' 440,
 * p6's 30 has no channel (its only touch is older than the look-back) and 310 is credited to a campaign.
 */
class CampaignRankingTest {
  private static Path exports;

  @BeforeAll
  static void copyFixture() throws Exception {
    Path home = Files.createTempDirectory("marketingsql-reports-");
    System.setProperty("marketingsql.home", home.toString());
    exports = Fixtures.copy("campaigns", home.resolve("exports"));
  }

  @AfterAll
  static void clearHome() {
    System.clearProperty("marketingsql.home");
  }

  @Test
  void theQuarterlyReportRanksTheCampaignsByTheRevenueCreditedToThemAndShowsTheUnattributedRevenue() throws Exception {
    byte[] pdf = new ReportRenderer("jdbc:marketing:csv=" + exports).render(ReportDesigns.find("quarterly-roi"),
        Map.of("quarter", "2025-Q1"), ReportFormat.PDF);
    String text = BundledReportsTest.pdfText(pdf);
    List<String> lines = text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();

    assertEquals(List.of("google_ads Generic 100.00 100.00 1.00", "google_ads Brand Search 200.00 120.00 0.60",
        "meta_ads Spring Sale 150.00 90.00 0.60"), campaignLines(text, "Top 10 campaigns", "Bottom 10 campaigns"),
        "ROAS on the credited revenue, ties by larger spend; the platforms' values (550 for g1 and g2) play no part");
    assertEquals(List.of("google_ads Brand Search 200.00 120.00 0.60", "meta_ads Spring Sale 150.00 90.00 0.60",
        "google_ads Generic 100.00 100.00 1.00"), campaignLines(text, "Bottom 10 campaigns", "Appendix"));
    assertTrue(lines.contains("7 440.00 30.00 6.8% 310.00 70.5%"), "the coverage line in\n" + text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("unattributed 0.00 30.00 ")),
        "the channel table lists the revenue without a channel:\n" + text);
  }

  private static List<String> campaignLines(String text, String from, String to) {
    String section = text.substring(text.indexOf(from), text.indexOf(to, text.indexOf(from)));
    return section.lines().map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> l.startsWith("google_ads ") || l.startsWith("meta_ads ")).toList();
  }
}
