package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * A platform report's table as written: the header cells and every row's cells as text, for a report
   * that is not an ad spend report (no spend column), such as Microsoft Advertising's conversions by goal.
   *
   * @param header the header cells as written, e.g. {@code GoalId}
   * @param rows the data rows, in file order
   */
  public record Table(Path file, List<String> header, List<Row> rows) {
    public Table {
      Objects.requireNonNull(file, "file");
      header = List.copyOf(header);
      rows = List.copyOf(rows);
    }

    /** The position of a header cell as written, or -1. */
    public int column(String name) {
      return header.indexOf(name);
    }
  }

  /**
   * One data row.
   *
   * @param line the 1-based physical line it starts on, for messages
   * @param cells one cell per header cell; null for an empty cell
   */
  public record Row(long line, List<String> cells) {
    public Row {
      cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }
  }

  /**
   * Reads one platform's report as text, framed as that platform frames its reports (report lines above
   * the header, a footer below the rows), without requiring the ad spend layout's columns.
   *
   * @throws ExportException when the file is not that platform's report or a row has the wrong number of
   *     fields; the message names the file and line
   */
  public static Table text(Path file, AdExportFormat format) throws ExportException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    AdReport report = new ExportFormats(List.of(format), List.of()).detectAd(ExportPreview.read(file), format.name(),
        null);
    CsvExport csv = CsvExport.open(file, report.frame());
    List<ColumnSpec> columns = csv.columnNames().stream().map(n -> new ColumnSpec(n, Kind.VARCHAR, 0)).toList();
    List<Row> rows = new ArrayList<>();
    csv.read(columns, (line, values) -> {
      List<String> cells = new ArrayList<>(values.length);
      for (Object value : values) {
        cells.add(value == null ? null : value.toString().trim());
      }
      rows.add(new Row(line, cells));
    });
    return new Table(file, csv.header(), rows);
  }
}
