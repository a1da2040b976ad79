package org.marketingsql.source.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta Ads Manager exports (Reports → Export table data → CSV): UTF-8 with a BOM, quoted header,
 * {@code Reporting starts} / {@code Reporting ends} on every row, {@code Day} when broken down daily,
 * spend as {@code Amount spent (USD)} with the account currency in the header, and empty cells where a
 * metric is zero. {@code Results} counts whatever {@code Result indicator} names, so it counts as
 * conversions only on rows whose indicator is a purchase.
 */
final class MetaAdsExport implements AdExportFormat {

  private static final Pattern AMOUNT_SPENT = Pattern.compile("Amount spent \\(([A-Z]{3})\\)");

  private final String platform;

  MetaAdsExport(String platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public int detectionRank() {
    return 1;
  }

  @Override
  public String label() {
    return "Meta Ads Manager";
  }

  @Override
  public String shape() {
    return "a header with Reporting starts, Reporting ends and Amount spent (currency)";
  }

  @Override
  public AdReport detect(ExportPreview preview, LocaleDates dates) {
    List<String> cells = preview.cells(1);
    boolean meta = cells.contains("Reporting starts") && cells.contains("Reporting ends")
        || cells.stream().anyMatch(c -> AMOUNT_SPENT.matcher(c).matches());
    if (!meta) {
      return null;
    }
    // every row repeats the report's range; the first row's is the report's
    int starts = cells.indexOf("Reporting starts");
    int ends = cells.indexOf("Reporting ends");
    List<String> first = preview.cells(2);
    LocalDate start = starts >= 0 && starts < first.size() ? dateOrNull(dates, first.get(starts)) : null;
    LocalDate end = ends >= 0 && ends < first.size() ? dateOrNull(dates, first.get(ends)) : null;
    boolean ordered = start != null && end != null && !end.isBefore(start);
    return new AdReport(this, Frame.PLAIN, ordered ? start : null, ordered ? end : null);
  }

  /** An ISO or written-out date; numeric ones wait for the file's order and leave the range to the rows. */
  private static LocalDate dateOrNull(LocaleDates dates, String text) {
    try {
      return text.length() == 10 && text.charAt(4) == '-' ? dates.parse(text) : dates.textual(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public AdColumns columns(Path file, List<String> header) throws ExportException {
    AdColumns.Builder b = AdColumns.over(header);
    for (int i = 0; i < header.size(); i++) {
      Matcher m = AMOUNT_SPENT.matcher(header.get(i));
      if (m.matches()) {
        b.position(AdRole.SPEND, i).headerCurrency(m.group(1).toUpperCase(Locale.ROOT));
        break;
      }
    }
    if (!b.has(AdRole.SPEND)) {
      return null;
    }
    b.role(AdRole.DATE, "Day")
        .role(AdRole.ACCOUNT_ID, "Account ID")
        .role(AdRole.ACCOUNT_NAME, "Account name")
        .role(AdRole.CAMPAIGN_ID, "Campaign ID")
        .role(AdRole.CAMPAIGN_NAME, "Campaign name")
        .role(AdRole.AD_GROUP, "Ad set name")
        .role(AdRole.IMPRESSIONS, "Impressions")
        .role(AdRole.CLICKS, "Link clicks", "Clicks (all)")
        .role(AdRole.CURRENCY, "Currency")
        .role(AdRole.CONVERSION_VALUE, "Purchases conversion value");
    int purchases = b.find("Purchases");
    int results = b.find("Results");
    int indicator = b.find("Result indicator");
    if (purchases >= 0) {
      b.position(AdRole.CONVERSIONS, purchases);
    } else if (results >= 0 && indicator >= 0) {
      b.position(AdRole.CONVERSIONS, results).conversionsIndicator(indicator);
    }
    AdColumns columns = b.build();
    columns.requireCore(file, label(), "Day (break the report down by day)", "Campaign name");
    return columns;
  }
}
