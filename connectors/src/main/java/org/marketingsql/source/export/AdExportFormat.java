package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import org.marketingsql.source.ExportFormat;
import org.marketingsql.source.ExportLayout;

/**
 * An ad platform whose UI exports are read into the ad report layout (see {@link AdExportReader}): how to
 * recognise its file and what its columns mean. One class per platform; the platform's descriptor names
 * it, with the platform id it is defined by, and the registry's {@link ExportFormats} detect among them.
 */
public sealed interface AdExportFormat extends ExportFormat
    permits GoogleAdsExport, MicrosoftAdsExport, MetaAdsExport, LinkedInAdsExport {

  /** Google Ads UI downloads, of the platform {@code platform} ({@code google_ads}). */
  static AdExportFormat googleAds(String platform) {
    return new GoogleAdsExport(platform);
  }

  /** Meta Ads Manager exports, of the platform {@code platform} ({@code meta_ads}). */
  static AdExportFormat metaAds(String platform) {
    return new MetaAdsExport(platform);
  }

  /** LinkedIn Campaign Manager exports, of the platform {@code platform} ({@code linkedin_ads}). */
  static AdExportFormat linkedInAds(String platform) {
    return new LinkedInAdsExport(platform);
  }

  /** Microsoft Advertising reports, of the platform {@code platform} ({@code microsoft_ads}). */
  static AdExportFormat microsoftAds(String platform) {
    return new MicrosoftAdsExport(platform);
  }

  /** The platform as the finance views name it, e.g. {@code google_ads}. */
  String platform();

  /** As the {@code format} setting names it: the platform with hyphens, e.g. {@code google-ads}. */
  @Override
  default String name() {
    return platform().replace('_', '-');
  }

  @Override
  default ExportLayout layout() {
    return AdExportReader.LAYOUT;
  }

  /**
   * Where detection tries this platform: lower first. A platform whose header test could also match
   * another's file (Google's) comes last.
   */
  int detectionRank();

  /** For messages, e.g. {@code Google Ads}. */
  @Override
  String label();

  /** What this platform's export looks like, for the message when a configured format does not match. */
  String shape();

  /** The report when {@code preview} is this platform's export, otherwise null. */
  AdReport detect(ExportPreview preview, LocaleDates dates);

  /**
   * What each column means.
   *
   * @return null when the report has no spend column: it is then not ad spend, and loads as a plain table
   * @throws ExportException when the report has spend but lacks a column every ad report needs
   */
  AdColumns columns(Path file, List<String> header) throws ExportException;

  /**
   * What each column means when the report is segmented by conversion action, read by
   * {@link ConversionReportReader} into finance's conversions input instead of ad spend.
   *
   * @return null when the report is not segmented by conversion action (the default: only Google's is read)
   * @throws ExportException when it is, but lacks a column every such report needs
   */
  default AdColumns conversionColumns(Path file, List<String> header) throws ExportException {
    return null;
  }
}
