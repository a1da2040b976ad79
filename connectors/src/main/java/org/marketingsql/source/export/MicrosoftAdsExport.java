package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Microsoft Advertising reports (UI downloads and the Reporting API's CSV): quoted {@code Report Name:}
 * … {@code Rows:} lines, a blank line, the header, the rows, a blank line and a copyright line
 * ({@code ©2025 Microsoft Corporation. All rights reserved.}, written {@code @2020 …} in Microsoft's own
 * examples). The report lines carry no date range, so the report's range is that of its rows.
 */
final class MicrosoftAdsExport implements AdExportFormat {

  private final String platform;

  MicrosoftAdsExport(String platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public int detectionRank() {
    return 0;
  }

  @Override
  public String label() {
    return "Microsoft Advertising";
  }

  @Override
  public String shape() {
    return "a first line \"Report Name: …\", report lines, a blank line, then the header";
  }

  @Override
  public AdReport detect(ExportPreview preview, LocaleDates dates) {
    List<String> first = preview.cells(1);
    List<String> keys = first.stream().map(AdColumns::key).toList();
    if (keys.contains("timeperiod") && keys.contains("spend")) {
      // downloaded with "exclude report header": Microsoft's own column names, the footer may remain
      return new AdReport(this, new Frame(1, MicrosoftAdsExport::isCopyright, true), null, null);
    }
    if (first.size() != 1 || !first.get(0).startsWith("Report Name:")) {
      return null;
    }
    // the header is the first line after the report lines with more than one cell; report lines have one
    int header = 0;
    for (int n = 2; n <= preview.lines().size() && header == 0; n++) {
      if (preview.cells(n).size() > 1) {
        header = n;
      }
    }
    return header == 0 ? null : new AdReport(this, new Frame(header, MicrosoftAdsExport::isCopyright, true), null, null);
  }

  private static boolean isCopyright(String firstCell) {
    return (firstCell.startsWith("\u00A9") || firstCell.startsWith("@")) && firstCell.contains("Microsoft Corporation");
  }

  @Override
  public AdColumns columns(Path file, List<String> header) throws ExportException {
    // the API names columns in PascalCase (CampaignName), the UI in words (Campaign name): keys match both
    AdColumns.Builder b = AdColumns.over(header)
        .role(AdRole.SPEND, "Spend")
        .role(AdRole.DATE, "TimePeriod", "Gregorian date", "Date", "Day")
        .role(AdRole.ACCOUNT_ID, "AccountId", "AccountNumber")
        .role(AdRole.ACCOUNT_NAME, "AccountName")
        .role(AdRole.CAMPAIGN_ID, "CampaignId")
        .role(AdRole.CAMPAIGN_NAME, "CampaignName")
        .role(AdRole.AD_GROUP, "AdGroupName")
        .role(AdRole.IMPRESSIONS, "Impressions")
        .role(AdRole.CLICKS, "Clicks")
        .role(AdRole.CURRENCY, "CurrencyCode", "Currency")
        .role(AdRole.CONVERSIONS, "ConversionsQualified", "Conversions")
        .role(AdRole.CONVERSION_VALUE, "Revenue");
    if (b.find("ConversionsQualified") >= 0) {
      // Microsoft deprecated Conversions for ConversionsQualified; the old column counts where the new one is empty
      b.role(AdRole.CONVERSIONS_FALLBACK, "Conversions");
    }
    if (!b.has(AdRole.SPEND)) {
      return null;
    }
    AdColumns columns = b.build();
    columns.requireCore(file, label(), "TimePeriod (choose a daily aggregation, not Summary)", "CampaignName");
    return columns;
  }
}
