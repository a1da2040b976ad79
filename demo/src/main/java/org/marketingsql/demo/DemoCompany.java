package org.marketingsql.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The bundled "demo company": a small seller of hardware, software and services advertising on
 * four platforms in USD and EUR. {@link #generate} writes its export folder — the same files a
 * user would point the product at — and a {@link DemoLedger} of exact totals to check against.
 *
 * <p>The output is byte-for-byte fixed: all randomness comes from seeded {@link
 * java.util.SplittableRandom}s (see {@link DemoRandom}), dates are constants, iteration is over
 * lists and sorted maps, and no formatting depends on the default locale or time zone.
 */
public final class DemoCompany {
  public static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
  public static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
  public static final String REPORTING_CURRENCY = "USD";
  /** The ad platforms the demo's campaigns run on, as the ad spend file names them. */
  public static final List<String> PLATFORMS = Campaign.PLATFORMS;
  /** The header line of the demo's ad spend file. */
  public static final String AD_SPEND_HEADER = Csv.AD_SPEND_HEADER;
  /**
   * Names the generated data: the demo's cache folder carries it, so a build that generates other
   * data (a new file, a new column) starts a fresh demo instead of reusing an old one. Bump it with
   * every change of what {@link #generate} writes; {@code DemoCompanyTest} fails until you do.
   */
  public static final String VERSION = "6";

  /** One seed per concern, so tuning one part of the story does not reshuffle the others. */
  private static final long FX_SEED = 0x4D61726B6574L;
  private static final long SPEND_SEED = 0x5370656E64L;
  private static final long CUSTOMER_SEED = 0x437573746FL;
  private static final long CLAIM_SEED = 0x436C61696DL;
  private static final long SPLIT_SEED = 0x53706C6974L;
  private static final long BUDGET_SEED = 0x4275646765L;
  private static final long TOUCH_SEED = 0x546F756368L;
  private static final long SURVEY_SEED = 0x5375727679L;
  private static final long UTM_SEED = 0x55544D73L;
  private static final long SUBSCRIPTION_SEED = 0x53756273L;
  private static final long ACTION_SEED = 0x416374696F6EL;

  private DemoCompany() {}

  /**
   * Writes google_ads_campaign_report.csv (Google's spend, as its manager account downloads it),
   * google_ads_conversions_by_action.csv (the same report segmented by conversion action), ad_spend.csv
   * (the other platforms'), orders.csv, budgets.csv, fx_rates.csv, touchpoints.csv, nps_survey.csv and
   * subscription_items.csv into {@code folder} (created if missing, existing files of those names replaced) and
   * returns the ledger of what it wrote.
   */
  public static DemoLedger generate(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Files.createDirectories(folder);
    FxRates fx = FxRates.generate(new DemoRandom(FX_SEED));
    List<Campaign> campaigns = Campaigns.all();
    AdSpend ads = AdSpend.plan(campaigns, fx, new DemoRandom(SPEND_SEED));
    Orders orders = Orders.simulate(ads.platformSpendUsd(), fx, new DemoRandom(CUSTOMER_SEED));
    ads.claim(orders.platformOrders(), orders.platformRevenueUsd(), new DemoRandom(CLAIM_SEED));

    LedgerBuilder ledger = new LedgerBuilder();
    fx.write(folder.resolve(Csv.FX_RATES_FILE));
    ads.write(folder.resolve(Csv.AD_SPEND_FILE), folder.resolve(Csv.GOOGLE_ADS_FILE), new DemoRandom(SPLIT_SEED), ledger);
    // Its own seed: the UTM columns change no other number of the files.
    orders.write(folder.resolve(Csv.ORDERS_FILE), new Utms(campaigns, new DemoRandom(UTM_SEED)), ledger);
    Budgets.write(folder.resolve(Csv.BUDGETS_FILE), ads, new DemoRandom(BUDGET_SEED), ledger);
    // Their own seeds: adding them changed none of the bytes of the files above.
    Touchpoints.write(folder.resolve(Touchpoints.FILE), orders.purchases(), new DemoRandom(TOUCH_SEED));
    NpsSurvey.write(folder.resolve(NpsSurvey.FILE), orders.purchases(), new DemoRandom(SURVEY_SEED));
    Subscriptions.write(folder.resolve(Subscriptions.FILE), orders.purchases(), new DemoRandom(SUBSCRIPTION_SEED));
    ads.writeGoogleConversions(folder.resolve(Csv.GOOGLE_CONVERSIONS_FILE), new DemoRandom(ACTION_SEED));
    return ledger.build();
  }
}
