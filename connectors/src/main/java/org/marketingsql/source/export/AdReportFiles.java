package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads an ad report an API prepared as a file (Microsoft Advertising's Reporting service hands out
 * CSV reports) with the same readers as the export folder, so a report downloaded by a sync and one
 * downloaded by hand load the same way.
 */
public final class AdReportFiles {
  private AdReportFiles() {
  }

  /**
   * What a report held, in the ad report layout.
   *
   * @param columns the column names: {@code date, platform, account_id, campaign_id, campaign_name,
   *     impressions, clicks, spend, currency, conversions, conversion_value, account_name, ad_group,
   *     report_start, report_end, export_format}, then the report's other columns as text
   * @param rows one array per data row, in {@code columns} order
   */
  public record Report(List<String> columns, List<Object[]> rows) {
    public Report {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }

    /** The position of a column, or -1. */
    public int column(String name) {
      return columns.indexOf(name);
    }
  }

  /**
   * Reads one platform's report.
   *
   * @param format the platform's export format, which the file must be
   * @param locale how the file writes numbers and dates; null to infer them as for an export
   * @param currency the account's currency for reports without a currency column; null if unknown
   * @throws ExportException when the file is not that platform's report or a row cannot be read; the
   *     message names the file and line
   */
  public static Report read(Path file, AdExportFormat format, Locale locale, String currency) throws ExportException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    AdReport report = new ExportFormats(List.of(format), List.of()).detectAd(ExportPreview.read(file), format.name(),
        locale);
    CsvExport csv = CsvExport.open(file, report.frame());
    AdColumns columns = report.format().columns(file, csv.header());
    if (columns == null) {
      throw ExportException.ofFile(file, "the " + report.format().label() + " report has no spend column", null);
    }
    columns = columns.withCurrency(currency, file, report.format().label());
    AdExportReader reader = new AdExportReader(csv, report, columns, locale);
    List<Object[]> rows = new ArrayList<>();
    reader.read((line, values) -> rows.add(values));
    return new Report(reader.columns().stream().map(ColumnSpec::name).toList(), rows);
  }
}
