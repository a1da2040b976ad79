package org.marketingsql.source.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Google Ads UI downloads ("Download" → CSV or Excel CSV): a title line ({@code Campaign report}), a
 * date-range line ({@code July 8, 2025 - July 31, 2025}, {@code 27 January 2026 - 23 February 2026} or
 * {@code All time}), then the header; rows may be followed by {@code Total: …} rows, which are sums of the
 * rows above and must not be counted again. The Excel variant is UTF-16LE with a BOM and tabs, which
 * {@link CsvExport} sniffs from the header line.
 */
final class GoogleAdsExport implements AdExportFormat {

  /** The title and the date range; some downloads drop the title, none has more. */
  private static final int MAX_HEADER_LINE = 4;

  /**
   * Google's column names for each role, the name the UI writes first (then older or API spellings); a
   * report maps only the roles it reads ({@link #AD_REPORT}, {@link #ACTION_REPORT}) and keeps the other
   * columns as text.
   */
  private static final Map<AdRole, List<String>> NAMES = Map.ofEntries(
      Map.entry(AdRole.DATE, List.of("Day", "Date", "Week", "Month")),
      Map.entry(AdRole.ACCOUNT_ID, List.of("Customer ID")),
      Map.entry(AdRole.ACCOUNT_NAME, List.of("Account", "Account name")),
      Map.entry(AdRole.CAMPAIGN_ID, List.of("Campaign ID")),
      Map.entry(AdRole.CAMPAIGN_NAME, List.of("Campaign")),
      Map.entry(AdRole.AD_GROUP, List.of("Ad group")),
      Map.entry(AdRole.CURRENCY, List.of("Currency code", "Currency")),
      Map.entry(AdRole.SPEND, List.of("Cost")),
      Map.entry(AdRole.IMPRESSIONS, List.of("Impr.", "Impressions")),
      Map.entry(AdRole.CLICKS, List.of("Clicks")),
      Map.entry(AdRole.CONVERSIONS, List.of("Conversions")),
      Map.entry(AdRole.CONVERSION_VALUE, List.of("Conv. value", "Conversion value")),
      Map.entry(AdRole.CONVERSION_ACTION, List.of("Conversion action")),
      Map.entry(AdRole.CONVERSION_ACTION_ID, List.of("Conversion action ID")),
      Map.entry(AdRole.ALL_CONVERSIONS, List.of("All conv.", "All conversions")),
      Map.entry(AdRole.ALL_CONVERSION_VALUE, List.of("All conv. value", "All conversions value")),
      Map.entry(AdRole.VIEW_THROUGH_CONVERSIONS, List.of("View-through conv.", "View-through conversions")));

  /** The roles an ad report (not segmented by conversion action) reads. */
  private static final Set<AdRole> AD_REPORT = EnumSet.of(AdRole.DATE, AdRole.ACCOUNT_ID, AdRole.ACCOUNT_NAME,
      AdRole.CAMPAIGN_ID, AdRole.CAMPAIGN_NAME, AdRole.AD_GROUP, AdRole.CURRENCY, AdRole.SPEND, AdRole.IMPRESSIONS,
      AdRole.CLICKS, AdRole.CONVERSIONS, AdRole.CONVERSION_VALUE);

  /** The roles a report segmented by conversion action reads: no spend, no ad group. */
  private static final Set<AdRole> ACTION_REPORT = EnumSet.of(AdRole.DATE, AdRole.ACCOUNT_ID, AdRole.ACCOUNT_NAME,
      AdRole.CAMPAIGN_ID, AdRole.CAMPAIGN_NAME, AdRole.CURRENCY, AdRole.CONVERSIONS, AdRole.CONVERSION_VALUE,
      AdRole.CONVERSION_ACTION, AdRole.CONVERSION_ACTION_ID, AdRole.ALL_CONVERSIONS, AdRole.ALL_CONVERSION_VALUE,
      AdRole.VIEW_THROUGH_CONVERSIONS);

  private final String platform;

  GoogleAdsExport(String platform) {
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  @Override
  public String platform() {
    return platform;
  }

  @Override
  public int detectionRank() {
    return 3;
  }

  @Override
  public String label() {
    return "Google Ads";
  }

  @Override
  public String shape() {
    return "a title line, a date-range line, then a header with Google's column names (Cost, Impr., Conv. value)";
  }

  @Override
  public AdReport detect(ExportPreview preview, LocaleDates dates) {
    int header = preview.findLine(MAX_HEADER_LINE, GoogleAdsExport::isHeader);
    if (header == 0) {
      return null;
    }
    LocalDate start = null;
    LocalDate end = null;
    for (int n = 1; n < header; n++) {
      LocalDate[] range = dates.range(preview.line(n));
      if (range != null) {
        start = range[0];
        end = range[1];
      }
    }
    return new AdReport(this, new Frame(header, GoogleAdsExport::isTotal, false), start, end);
  }

  /** {@code Impr.}, {@code Conv. value} and {@code All conv.} are Google's abbreviations; no other platform writes them. */
  private static boolean isHeader(List<String> cells) {
    List<String> keys = cells.stream().map(AdColumns::key).toList();
    return cells.contains("Impr.") || cells.contains("Conv. value") || cells.contains("All conv.")
        || keys.contains("cost") && keys.contains("currencycode");
  }

  /** {@code Total: Account}, {@code Total: Campaigns}, {@code Total: Search} … */
  private static boolean isTotal(String firstCell) {
    return firstCell.startsWith("Total:") || firstCell.equals("Total");
  }

  @Override
  public AdColumns columns(Path file, List<String> header) throws ExportException {
    if (segmentedByAction(header)) {
      return null; // its Cost is "--" on every row: conversions, not ad spend
    }
    AdColumns.Builder b = map(header, AD_REPORT);
    if (!b.has(AdRole.SPEND)) {
      return null;
    }
    AdColumns columns = b.build();
    columns.requireCore(file, label(), "Day (or Week, Month: add the segment \"Time\")", "Campaign");
    return columns;
  }

  /** {@code header}'s columns of {@code roles}, by {@link #NAMES}. */
  private static AdColumns.Builder map(List<String> header, Set<AdRole> roles) {
    AdColumns.Builder b = AdColumns.over(header);
    for (AdRole role : roles) {
      b.role(role, NAMES.get(role).toArray(String[]::new));
    }
    return b;
  }

  /** The segment "Conversions → Conversion action" adds this column; the report then holds conversions only. */
  private static boolean segmentedByAction(List<String> header) {
    return header.stream().map(AdColumns::key).anyMatch(k -> k.equals(AdColumns.key("Conversion action")));
  }

  /**
   * The campaign report segmented by conversion action: Google shows only the conversion columns then
   * ({@code Cost}, {@code Impr.} and {@code Clicks} are {@code --}). {@code All conv.} counts every action,
   * {@code Conversions} only those Google counts as primary.
   */
  @Override
  public AdColumns conversionColumns(Path file, List<String> header) throws ExportException {
    if (!segmentedByAction(header)) {
      return null;
    }
    AdColumns columns = map(header, ACTION_REPORT).build();
    String missing = null;
    if (!columns.has(AdRole.DATE)) {
      missing = "Day (or Week, Month: add the segment \"Time\")";
    } else if (!columns.has(AdRole.CAMPAIGN_ID) && !columns.has(AdRole.CAMPAIGN_NAME)) {
      missing = "Campaign";
    } else if (!columns.has(AdRole.CONVERSIONS) && !columns.has(AdRole.ALL_CONVERSIONS)) {
      missing = "All conv. (or Conversions)";
    }
    if (missing != null) {
      throw ExportException.ofFile(file, "looks like a Google Ads report segmented by conversion action (it has"
          + " column Conversion action) but lacks column " + missing + "; add it to the report and download it"
          + " again", null);
    }
    return columns;
  }
}
