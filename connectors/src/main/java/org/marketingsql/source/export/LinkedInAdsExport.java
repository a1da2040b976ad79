package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * LinkedIn Campaign Manager exports: UTF-16 with tabs, report lines (report name, range, generation time)
 * above the header. LinkedIn's levels are one deeper than the others': its campaign group is the
 * campaign of the finance views and its campaign the ad group.
 */
final class LinkedInAdsExport implements AdExportFormat {

  private final String platform;

  LinkedInAdsExport(String platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /** Report lines seen above the header are a handful; leave room for filter lines. */
  private static final int MAX_HEADER_LINE = 15;

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public int detectionRank() {
    return 2;
  }

  @Override
  public String label() {
    return "LinkedIn Campaign Manager";
  }

  @Override
  public String shape() {
    return "report lines, then a header with Total Spent and Campaign Group Name or Campaign Name";
  }

  @Override
  public AdReport detect(ExportPreview preview, LocaleDates dates) {
    int header = preview.findLine(MAX_HEADER_LINE, cells -> {
      List<String> keys = cells.stream().map(AdColumns::key).toList();
      return keys.contains("totalspent") && (keys.contains("campaigngroupname") || keys.contains("campaignname"));
    });
    return header == 0 ? null : new AdReport(this, new Frame(header, cell -> false, false), null, null);
  }

  @Override
  public AdColumns columns(Path file, List<String> header) throws ExportException {
    AdColumns.Builder b = AdColumns.over(header)
        .role(AdRole.SPEND, "Total Spent")
        .role(AdRole.DATE, "Start Date (in UTC)", "Date", "Day")
        .role(AdRole.ACCOUNT_ID, "Account ID")
        .role(AdRole.ACCOUNT_NAME, "Account Name")
        .role(AdRole.CAMPAIGN_ID, "Campaign Group ID")
        .role(AdRole.CAMPAIGN_NAME, "Campaign Group Name")
        .role(AdRole.AD_GROUP, "Campaign Name")
        .role(AdRole.IMPRESSIONS, "Impressions")
        .role(AdRole.CLICKS, "Clicks")
        .role(AdRole.CURRENCY, "Currency")
        .role(AdRole.CONVERSIONS, "Conversions")
        .role(AdRole.CONVERSION_VALUE, "Conversion Value", "Conversion Value in Local Currency");
    if (!b.has(AdRole.SPEND)) {
      return null;
    }
    AdColumns columns = b.build();
    columns.requireCore(file, label(), "Start Date (in UTC) (choose a daily time breakdown)",
        "Campaign Group Name (its campaign group is the finance views' campaign)");
    return columns;
  }
}
