package org.marketingsql.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.marketingsql.source.googleads.GoogleAdsSource;
import org.marketingsql.source.linkedinads.LinkedInAdsSource;
import org.marketingsql.source.metaads.MetaAdsSource;
import org.marketingsql.source.microsoftads.MicrosoftAdsSource;

/**
 * One campaign of the demo company.
 *
 * @param platform ad platform, e.g. {@code google_ads}
 * @param accountId ad account the campaign lives in
 * @param accountName that account's name, as the platform's exports show it
 * @param currency account currency; all spend and claimed value of the campaign is in it
 * @param campaignId id, unique within the platform
 * @param name human-readable campaign name
 * @param start first day with a row
 * @param end last day with a row
 * @param dailySpend typical weekday spend in account currency before seasonality
 * @param cpm cost per thousand impressions in account currency
 * @param ctr click-through rate
 * @param efficiency relative share of the platform's claimed conversions per unit of spend
 */
record Campaign(
    String platform,
    String accountId,
    String accountName,
    String currency,
    String campaignId,
    String name,
    LocalDate start,
    LocalDate end,
    double dailySpend,
    double cpm,
    double ctr,
    double efficiency) {

  static final String GOOGLE = GoogleAdsSource.PLATFORM;
  static final String META = MetaAdsSource.PLATFORM;
  static final String LINKEDIN = LinkedInAdsSource.PLATFORM;
  static final String MICROSOFT = MicrosoftAdsSource.PLATFORM;
  /** Ad platforms in file order; also the ad channels of orders.csv and budgets.csv. */
  static final List<String> PLATFORMS = List.of(GOOGLE, META, LINKEDIN, MICROSOFT);

  Campaign {
    Csv.plain(platform);
    Csv.plain(accountId);
    Csv.plain(accountName);
    Csv.plain(campaignId);
    Csv.plain(name);
    if (!PLATFORMS.contains(platform)) {
      throw new IllegalArgumentException("unknown platform " + platform);
    }
    if (!currency.equals(DemoCompany.REPORTING_CURRENCY) && !currency.equals(FxRates.EUR)) {
      throw new IllegalArgumentException("unsupported currency " + currency);
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("campaign ends before it starts: " + name);
    }
    if (!(dailySpend > 0 && cpm > 0 && ctr > 0 && ctr < 1 && efficiency > 0)) {
      throw new IllegalArgumentException("implausible campaign parameters: " + name);
    }
  }

  boolean runsOn(LocalDate date) {
    return !date.isBefore(start) && !date.isAfter(end);
  }
}
