package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Daily campaign delivery of the demo company. Spend is planned first (it drives customer
 * acquisition); the platforms' claimed conversions are filled in once the real orders exist,
 * because a platform's claim is the real attributed revenue, inflated.
 */
final class AdSpend {
  static final int DAYS = (int) ChronoUnit.DAYS.between(DemoCompany.FIRST_DAY, DemoCompany.LAST_DAY) + 1;
  /** Chance that a running campaign shows a zero-spend day (paused, billing hold, ...). */
  private static final double ZERO_SPEND_CHANCE = 0.004;
  /** Share of (campaign, day) keys that the export splits over two rows, as by device. */
  private static final double SPLIT_CHANCE = 0.01;
  /** The first two lines of a Google Ads download: the report's name and its date range. */
  static final String GOOGLE_ADS_TITLE = "Campaign report";
  static final String GOOGLE_ADS_RANGE = "January 1, 2024 - December 31, 2025";
  /** Google's column names, in the order the manager account's campaign view downloads them. */
  static final String GOOGLE_ADS_HEADER =
      "Day,Account,Customer ID,Campaign,Campaign ID,Currency code,Cost,Impr.,Clicks,Conversions,Conv. value";

  /** Google's column names when the campaign report is segmented by conversion action. */
  static final String GOOGLE_CONVERSIONS_HEADER = "Day,Account,Customer ID,Campaign,Campaign ID,Conversion action,"
      + "Currency code,Conversions,Conv. value,All conv.,All conv. value";
  /** A lead's value in the account's currency, in cents per hundredth of a lead (25.00 a lead). */
  private static final long LEAD_VALUE = 25;

  private final List<Campaign> campaigns;
  private final FxRates fx;
  /** [campaign][day] in account-currency cents; -1 when the campaign does not run that day. */
  private final long[][] spendCents;
  private final long[][] impressions;
  private final long[][] clicks;
  private final long[][] conversionHundredths;
  private final long[][] conversionValueCents;

  private AdSpend(List<Campaign> campaigns, FxRates fx) {
    this.campaigns = campaigns;
    this.fx = fx;
    int n = campaigns.size();
    spendCents = new long[n][DAYS];
    impressions = new long[n][DAYS];
    clicks = new long[n][DAYS];
    conversionHundredths = new long[n][DAYS];
    conversionValueCents = new long[n][DAYS];
  }

  static LocalDate day(int index) {
    return DemoCompany.FIRST_DAY.plusDays(index);
  }

  static AdSpend plan(List<Campaign> campaigns, FxRates fx, DemoRandom random) {
    AdSpend ads = new AdSpend(campaigns, fx);
    for (int c = 0; c < campaigns.size(); c++) {
      Campaign campaign = campaigns.get(c);
      // each campaign ramps over its first weeks, as bidding strategies learn
      for (int d = 0; d < DAYS; d++) {
        LocalDate date = day(d);
        if (!campaign.runsOn(date)) {
          ads.spendCents[c][d] = -1;
          continue;
        }
        if (random.chance(ZERO_SPEND_CHANCE)) {
          continue; // zero row: all measures stay 0
        }
        long age = ChronoUnit.DAYS.between(campaign.start(), date);
        double ramp = Math.min(1.0, 0.4 + age / 30.0);
        double spend = campaign.dailySpend() * DemoCalendar.demand(date) * ramp * random.noise(0.18);
        long cents = Math.max(1, Math.round(spend * 100));
        long imps = Math.max(1, Math.round(spend / campaign.cpm() * 1000 * random.noise(0.1)));
        long clk = Math.min(imps, Math.round(imps * campaign.ctr() * random.noise(0.15)));
        ads.spendCents[c][d] = cents;
        ads.impressions[c][d] = imps;
        ads.clicks[c][d] = clk;
      }
    }
    return ads;
  }

  /** Spend per platform and day in USD (approximate, for driving the simulation only). */
  double[][] platformSpendUsd() {
    double[][] usd = new double[Campaign.PLATFORMS.size()][DAYS];
    for (int c = 0; c < campaigns.size(); c++) {
      Campaign campaign = campaigns.get(c);
      int p = Campaign.PLATFORMS.indexOf(campaign.platform());
      for (int d = 0; d < DAYS; d++) {
        if (spendCents[c][d] > 0) {
          usd[p][d] += spendCents[c][d] / 100.0 * usdPer(campaign, d);
        }
      }
    }
    return usd;
  }

  /**
   * Fills conversions and conversion_value: each platform claims its customers' real orders and
   * revenue of the day times an inflation factor (double counting, view-through), spread over the
   * day's campaigns by spend and efficiency.
   */
  void claim(double[][] realOrders, double[][] realRevenueUsd, DemoRandom random) {
    double[] inflation = {1.25, 1.55, 1.45, 1.2}; // in Campaign.PLATFORMS order
    for (int p = 0; p < Campaign.PLATFORMS.size(); p++) {
      String platform = Campaign.PLATFORMS.get(p);
      for (int d = 0; d < DAYS; d++) {
        double weightSum = 0;
        for (int c = 0; c < campaigns.size(); c++) {
          if (campaigns.get(c).platform().equals(platform) && spendCents[c][d] > 0) {
            weightSum += weight(c, d);
          }
        }
        if (weightSum == 0) {
          continue;
        }
        for (int c = 0; c < campaigns.size(); c++) {
          if (!campaigns.get(c).platform().equals(platform) || spendCents[c][d] <= 0) {
            continue;
          }
          double share = weight(c, d) / weightSum;
          double conversions = realOrders[p][d] * inflation[p] * share * random.noise(0.2);
          double valueUsd = realRevenueUsd[p][d] * inflation[p] * share * random.noise(0.2);
          conversionHundredths[c][d] = Math.round(conversions * 100);
          conversionValueCents[c][d] = Math.round(valueUsd / usdPer(campaigns.get(c), d) * 100);
        }
      }
    }
  }

  private double weight(int c, int d) {
    return spendCents[c][d] * usdPer(campaigns.get(c), d) * campaigns.get(c).efficiency();
  }

  private double usdPer(Campaign campaign, int d) {
    return campaign.currency().equals(FxRates.EUR) ? fx.usdPerEur(day(d)) : 1.0;
  }

  /**
   * Writes the rows ordered by date, then campaign catalog order, and books them in the ledger: Google's
   * into {@code googleAdsReport} as the campaign report of the manager account (Google Ads → Campaigns →
   * Download, with the segment Day and the columns Account and Customer ID, so each row names its client
   * account), the other platforms' into {@code adSpendFile} in the unified ad spend layout.
   */
  void write(Path adSpendFile, Path googleAdsReport, DemoRandom random, LedgerBuilder ledger) throws IOException {
    try (BufferedWriter out = Csv.open(adSpendFile); BufferedWriter google = Csv.open(googleAdsReport)) {
      out.write(Csv.AD_SPEND_HEADER);
      out.write('\n');
      google.write(GOOGLE_ADS_TITLE);
      google.write('\n');
      google.write(GOOGLE_ADS_RANGE);
      google.write('\n');
      google.write(GOOGLE_ADS_HEADER);
      google.write('\n');
      StringBuilder line = new StringBuilder(160);
      for (int d = 0; d < DAYS; d++) {
        LocalDate date = day(d);
        for (int c = 0; c < campaigns.size(); c++) {
          if (spendCents[c][d] < 0) {
            continue;
          }
          Campaign campaign = campaigns.get(c);
          BufferedWriter target = campaign.platform().equals(Campaign.GOOGLE) ? google : out;
          long spend = spendCents[c][d];
          long imps = impressions[c][d];
          long clk = clicks[c][d];
          long conv = conversionHundredths[c][d];
          long value = conversionValueCents[c][d];
          if (spend > 100 && random.chance(SPLIT_CHANCE)) {
            // split as mobile/desktop: the two parts add up exactly to the key's totals
            double f = 0.3 + 0.4 * random.uniform();
            long spend1 = Math.round(spend * f);
            long imps1 = Math.round(imps * f);
            long clk1 = Math.min(imps1, Math.round(clk * f));
            long conv1 = Math.round(conv * f);
            long value1 = Math.round(value * f);
            row(target, line, ledger, date, campaign, imps1, clk1, spend1, conv1, value1);
            row(target, line, ledger, date, campaign, imps - imps1, clk - clk1, spend - spend1,
                conv - conv1, value - value1);
            ledger.splitKey();
          } else {
            row(target, line, ledger, date, campaign, imps, clk, spend, conv, value);
          }
        }
      }
    }
  }

  private void row(BufferedWriter out, StringBuilder line, LedgerBuilder ledger, LocalDate date,
      Campaign campaign, long imps, long clk, long spend, long conv, long value) throws IOException {
    line.setLength(0);
    if (campaign.platform().equals(Campaign.GOOGLE)) {
      line.append(date).append(',').append(campaign.accountName()).append(',')
          .append(campaign.accountId()).append(',').append(campaign.name()).append(',')
          .append(campaign.campaignId()).append(',').append(campaign.currency()).append(',');
      Csv.decimal(line, spend, 2).append(',').append(imps).append(',').append(clk).append(',');
    } else {
      line.append(date).append(',').append(campaign.platform()).append(',')
          .append(campaign.accountId()).append(',').append(campaign.campaignId()).append(',')
          .append(campaign.name()).append(',').append(imps).append(',').append(clk).append(',');
      Csv.decimal(line, spend, 2).append(',').append(campaign.currency()).append(',');
    }
    Csv.decimal(line, conv, 2).append(',');
    Csv.decimal(line, value, 2).append('\n');
    out.append(line);
    ledger.adSpendRow(campaign.platform(), date,
        fx.toReporting(spend, campaign.currency(), date),
        fx.toReporting(value, campaign.currency(), date));
  }

  /**
   * Writes Google's conversions by action into {@code file}: the manager account's campaign report with the
   * segment Conversions → Conversion action, one row per campaign, day and action that has conversions.
   * {@code Purchase} is the only primary action: its Conversions and Conv. value are exactly the campaign
   * report's, so the primary actions add up to Google's ad spend conversions. Sign-ups (about twice the
   * purchases, no value) and leads (about a third, at a fixed value each) are secondary: 0 in Conversions,
   * counted in All conv. only.
   */
  void writeGoogleConversions(Path file, DemoRandom random) throws IOException {
    try (BufferedWriter out = Csv.open(file)) {
      out.write(GOOGLE_ADS_TITLE);
      out.write('\n');
      out.write(GOOGLE_ADS_RANGE);
      out.write('\n');
      out.write(GOOGLE_CONVERSIONS_HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(160);
      for (int d = 0; d < DAYS; d++) {
        LocalDate date = day(d);
        for (int c = 0; c < campaigns.size(); c++) {
          Campaign campaign = campaigns.get(c);
          if (!campaign.platform().equals(Campaign.GOOGLE) || spendCents[c][d] <= 0) {
            continue;
          }
          long purchases = conversionHundredths[c][d];
          long signUps = Math.round(purchases * 2.0 * random.noise(0.3));
          long leads = Math.round(purchases / 3.0 * random.noise(0.4));
          action(out, line, date, campaign, "Purchase", purchases, conversionValueCents[c][d], true);
          action(out, line, date, campaign, "Sign-up", signUps, 0, false);
          // hundredths of a lead × 25.00 a lead = cents × 25
          action(out, line, date, campaign, "Lead", leads, leads * LEAD_VALUE, false);
        }
      }
    }
  }

  private static void action(BufferedWriter out, StringBuilder line, LocalDate date, Campaign campaign,
      String action, long hundredths, long valueCents, boolean primary) throws IOException {
    if (hundredths <= 0) {
      return; // Google writes no row for an action without conversions
    }
    line.setLength(0);
    line.append(date).append(',').append(campaign.accountName()).append(',').append(campaign.accountId())
        .append(',').append(campaign.name()).append(',').append(campaign.campaignId()).append(',').append(action)
        .append(',').append(campaign.currency()).append(',');
    Csv.decimal(line, primary ? hundredths : 0, 2).append(',');
    Csv.decimal(line, primary ? valueCents : 0, 2).append(',');
    Csv.decimal(line, hundredths, 2).append(',');
    Csv.decimal(line, valueCents, 2).append('\n');
    out.append(line);
  }

  /** Spend of a platform in a month in USD, exact; for planning budgets. */
  BigDecimal monthSpendUsd(String platform, int year, int month) {
    BigDecimal total = BigDecimal.ZERO;
    for (int c = 0; c < campaigns.size(); c++) {
      Campaign campaign = campaigns.get(c);
      if (!campaign.platform().equals(platform)) {
        continue;
      }
      for (int d = 0; d < DAYS; d++) {
        LocalDate date = day(d);
        if (date.getYear() == year && date.getMonthValue() == month && spendCents[c][d] > 0) {
          total = total.add(fx.toReporting(spendCents[c][d], campaign.currency(), date));
        }
      }
    }
    return total;
  }
}
