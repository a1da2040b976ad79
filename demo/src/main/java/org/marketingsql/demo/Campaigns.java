package org.marketingsql.demo;

import static org.marketingsql.demo.Campaign.GOOGLE;
import static org.marketingsql.demo.Campaign.LINKEDIN;
import static org.marketingsql.demo.Campaign.META;
import static org.marketingsql.demo.Campaign.MICROSOFT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo company's campaign catalog, written out by hand so the data reads like a real
 * account structure: a US and an EU (EUR) account on Google and Meta (Google's two are client
 * accounts of one manager account, whose report lists both), one USD account on LinkedIn and
 * Microsoft, campaigns that launch and stop at different times.
 */
final class Campaigns {
  private static final LocalDate OPEN = DemoCompany.FIRST_DAY;
  private static final LocalDate CLOSE = DemoCompany.LAST_DAY;

  private Campaigns() {}

  static List<Campaign> all() {
    Builder b = new Builder();
    b.account(GOOGLE, "421-553-1908", "Demo Company - US", "USD", 21_450_000_000L);
    b.add("Brand - Search US", OPEN, CLOSE, 220, 28, 0.09, 3.0);
    b.add("Non-Brand - Search US", OPEN, CLOSE, 650, 32, 0.045, 1.0);
    b.add("Shopping - Hardware US", OPEN, CLOSE, 520, 9, 0.012, 1.2);
    b.add("PMax - All Products US", d(2024, 5, 15), CLOSE, 480, 11, 0.010, 1.3);
    b.add("Display - Remarketing US", OPEN, CLOSE, 120, 3.5, 0.004, 1.5);
    b.add("YouTube - Awareness US", d(2024, 9, 1), d(2025, 3, 31), 260, 7, 0.002, 0.4);
    b.add("Competitor - Search US", d(2024, 3, 1), d(2025, 6, 30), 150, 40, 0.035, 0.7);
    b.add("Non-Brand - Software Trials US", d(2025, 2, 1), CLOSE, 300, 30, 0.04, 0.9);
    b.add("Demand Gen - Prospecting US", d(2025, 6, 1), CLOSE, 200, 6, 0.006, 0.6);
    b.account(GOOGLE, "421-553-2760", "Demo Company - EU", "EUR", 21_450_100_000L);
    b.add("Brand - Search DE", OPEN, CLOSE, 90, 22, 0.08, 2.8);
    b.add("Non-Brand - Search EU", OPEN, CLOSE, 310, 26, 0.04, 1.0);
    b.add("Shopping - Hardware EU", d(2024, 4, 1), CLOSE, 240, 8, 0.011, 1.1);
    b.add("PMax - All Products EU", d(2025, 1, 15), CLOSE, 200, 10, 0.009, 1.2);
    b.add("Brand - Search FR", d(2024, 6, 1), CLOSE, 60, 20, 0.08, 2.5);

    b.account(META, "act_104857600", "Demo Company US", "USD", 120_210_000_000_000L);
    b.add("Prospecting - Lookalike US", OPEN, CLOSE, 520, 12, 0.011, 1.0);
    b.add("Retargeting - Cart Abandoners US", OPEN, CLOSE, 180, 15, 0.018, 2.2);
    b.add("Advantage+ Shopping US", d(2024, 7, 1), CLOSE, 450, 11, 0.013, 1.3);
    b.add("Video - Awareness US", OPEN, d(2024, 12, 31), 200, 5, 0.003, 0.3);
    b.add("Lead Gen - Webinar US", d(2024, 10, 1), d(2025, 9, 30), 150, 14, 0.009, 0.6);
    b.add("Prospecting - Interests US", d(2024, 2, 1), d(2025, 4, 30), 260, 10, 0.009, 0.8);
    b.add("Holiday Promo 2024 - BFCM US", d(2024, 11, 1), d(2024, 12, 31), 600, 16, 0.016, 1.6);
    b.add("Holiday Promo 2025 - BFCM US", d(2025, 11, 1), CLOSE, 650, 17, 0.016, 1.6);
    b.account(META, "act_209715200", "Demo Company EU", "EUR", 120_210_500_000_000L);
    b.add("Prospecting - Lookalike EU", OPEN, CLOSE, 300, 9, 0.010, 1.0);
    b.add("Retargeting - Website Visitors EU", OPEN, CLOSE, 110, 12, 0.016, 2.0);
    b.add("Advantage+ Shopping EU", d(2024, 9, 1), CLOSE, 220, 9, 0.012, 1.2);
    b.add("Holiday Promo 2025 - EU", d(2025, 11, 1), CLOSE, 250, 13, 0.015, 1.5);

    b.account(LINKEDIN, "508112233", "Demo Company", "USD", 612_300_000L);
    b.add("Sponsored Content - IT Decision Makers", OPEN, CLOSE, 300, 38, 0.005, 1.0);
    b.add("Lead Gen Forms - Services Demo", OPEN, CLOSE, 250, 45, 0.007, 1.4);
    b.add("Conversation Ads - Enterprise", d(2024, 4, 1), d(2025, 3, 31), 160, 60, 0.012, 0.7);
    b.add("Sponsored Content - Software Trials", d(2024, 8, 1), CLOSE, 220, 35, 0.006, 1.1);
    b.add("Retargeting - Website Visitors LI", OPEN, CLOSE, 90, 30, 0.008, 1.8);
    b.add("Event Promotion - Summit 2025", d(2025, 3, 1), d(2025, 5, 31), 280, 42, 0.006, 0.8);
    b.add("Thought Leadership - CFO Audience", d(2025, 5, 1), CLOSE, 170, 40, 0.004, 0.5);

    b.account(MICROSOFT, "180335577", "Demo Company", "USD", 412_000_000L);
    b.add("Brand - Search US", OPEN, CLOSE, 70, 20, 0.085, 3.0);
    b.add("Non-Brand - Search US", OPEN, CLOSE, 210, 24, 0.04, 1.0);
    b.add("Shopping - Hardware US", OPEN, CLOSE, 160, 7, 0.012, 1.2);
    b.add("PMax - All Products US", d(2025, 3, 1), CLOSE, 140, 9, 0.010, 1.2);
    b.add("Audience Ads - Remarketing US", d(2024, 6, 1), CLOSE, 60, 4, 0.005, 1.4);
    b.add("Competitor - Search US", d(2024, 3, 1), d(2025, 6, 30), 50, 30, 0.03, 0.7);
    b.add("Non-Brand - Software Trials US", d(2025, 2, 1), CLOSE, 90, 22, 0.035, 0.9);
    return List.copyOf(b.campaigns);
  }

  private static LocalDate d(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  /** Keeps the table above terse: campaigns inherit the account they follow. */
  private static final class Builder {
    private final List<Campaign> campaigns = new ArrayList<>();
    private String platform;
    private String accountId;
    private String accountName;
    private String currency;
    private long nextId;

    void account(String platform, String accountId, String accountName, String currency, long firstCampaignId) {
      this.platform = platform;
      this.accountId = accountId;
      this.accountName = accountName;
      this.currency = currency;
      this.nextId = firstCampaignId;
    }

    void add(String name, LocalDate start, LocalDate end, double dailySpend, double cpm,
        double ctr, double efficiency) {
      campaigns.add(new Campaign(platform, accountId, accountName, currency, Long.toString(nextId++), name,
          start, end, dailySpend, cpm, ctr, efficiency));
    }
  }
}
