package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An ad platform whose UI exports are read into the ad spend layout (see {@link AdExportReader}): how to
 * recognise its file and what its columns mean. One class per platform.
 */
public sealed interface AdExportFormat permits GoogleAdsExport, MicrosoftAdsExport, MetaAdsExport, LinkedInAdsExport {

  /** Every platform, in the order detection tries them (most distinctive first). */
  static List<AdExportFormat> all() {
    return List.of(new MicrosoftAdsExport(), new MetaAdsExport(), new LinkedInAdsExport(), new GoogleAdsExport());
  }

  /**
   * The report in the file, if any platform recognises it.
   *
   * @param configured the source's {@code format} setting, or null to detect: a platform name
   *     ({@code google-ads}, {@code google_ads}) picks that platform; {@code csv} and the order formats
   *     ({@code stripe}, {@code shopify}, {@code hubspot}) give null
   * @throws ExportException when the configured platform does not recognise the file, or names no platform
   */
  static AdReport detect(ExportPreview preview, String configured, Locale locale) throws ExportException {
    LocaleDates dates = new LocaleDates(preview.file(), locale);
    if (configured == null || configured.isBlank()) {
      for (AdExportFormat format : all()) {
        AdReport report = format.detect(preview, dates);
        if (report != null) {
          return report;
        }
      }
      return null;
    }
    String wanted = configured.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    if (wanted.equals("csv") || OrderExportFormat.all().stream().anyMatch(f -> f.name().equals(wanted))) {
      return null;
    }
    for (AdExportFormat format : all()) {
      if (format.platform().equals(wanted)) {
        AdReport report = format.detect(preview, dates);
        if (report == null) {
          throw ExportException.ofFile(preview.file(), "the source's format is " + configured + ", but this file is"
              + " not a " + format.label() + " export: " + format.shape(), null);
        }
        return report;
      }
    }
    throw ExportException.ofFile(preview.file(), "the source's format '" + configured + "' is none of csv, "
        + String.join(", ", all().stream().map(f -> f.platform().replace('_', '-')).toList()) + ", "
        + String.join(", ", OrderExportFormat.all().stream().map(OrderExportFormat::name).toList()), null);
  }

  /** The platform as the finance views name it, e.g. {@code google_ads}. */
  String platform();

  /** For messages, e.g. {@code Google Ads}. */
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
}
