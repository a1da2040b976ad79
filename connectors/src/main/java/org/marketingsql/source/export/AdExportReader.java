package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * Reads a platform's ad report into the ad report {@link #LAYOUT}: the columns of {@link InputKind#AD_SPEND},
 * then {@code account_name, ad_group, report_start, report_end, export_format}, then every column of the
 * report not mapped to one of those, as text, so nothing the user downloaded is lost.
 *
 * <p>Two streaming passes, as every {@link ReportReader}. Metrics left empty or {@code --} are zero, as the
 * platforms mean them; the date, campaign and currency are required.
 */
public final class AdExportReader extends ReportReader {

  /**
   * The columns every platform report gets, in order: the ad spend input's, with its amounts as wide as any
   * export carries, then what only reports have.
   */
  static final ExportLayout LAYOUT = new ExportLayout("ad report", "An ad platform's report as downloaded from its"
      + " UI (or its reporting API), recognised by its first lines and header: one row per day and campaign, ad"
      + " group or ad, as the report was broken down. It feeds finance.ad_spend_daily.",
      Stream.concat(InputKind.AD_SPEND.layout().columns().stream().map(InputKind::widened), Stream.of(
          new SourceColumn("account_name", SqlType.VARCHAR, "The ad account's name, when the report has it."),
          new SourceColumn("ad_group", SqlType.VARCHAR, "The ad group (Meta's ad set, LinkedIn's campaign), when the"
              + " report is broken down by it."),
          new SourceColumn("report_start", SqlType.DATE, "The first day the report covers, as its report lines"
              + " state it; NULL when they do not."),
          new SourceColumn("report_end", SqlType.DATE, "The last day the report covers, likewise."),
          new SourceColumn("export_format", SqlType.VARCHAR, "The platform whose export the file is, e.g."
              + " google_ads."))).toList(),
      "Every other column of the report, as text under its own name.");

  /** {@link #LAYOUT}'s columns as loaded. */
  static final List<ColumnSpec> CORE = LAYOUT.columns().stream().map(ColumnSpec::of).toList();

  public AdExportReader(CsvExport csv, AdReport report, AdColumns columns, Locale locale) {
    super(csv, report, columns, locale, CORE, AdRole.IMPRESSIONS, AdRole.CLICKS, AdRole.SPEND, AdRole.CONVERSIONS,
        AdRole.CONVERSIONS_FALLBACK, AdRole.CONVERSION_VALUE);
  }

  @Override
  void convert(Path file, long line, Object[] values, LocalDate day, Object[] row) throws ExportException {
    String campaignId = campaignId(file, line, values);
    String currency = currency(file, line, values, columns.headerCurrency());
    row[0] = day;
    row[1] = report.format().platform();
    row[2] = text(values, AdRole.ACCOUNT_ID);
    row[3] = campaignId;
    row[4] = text(values, AdRole.CAMPAIGN_NAME);
    row[5] = whole(file, line, values, AdRole.IMPRESSIONS);
    row[6] = whole(file, line, values, AdRole.CLICKS);
    row[7] = money(file, line, values, AdRole.SPEND);
    row[8] = currency;
    row[9] = countsConversions(values) ? conversions(file, line, values) : orZero(null);
    row[10] = money(file, line, values, AdRole.CONVERSION_VALUE);
    row[11] = text(values, AdRole.ACCOUNT_NAME);
    row[12] = text(values, AdRole.AD_GROUP);
    row[13] = report.start();
    row[14] = report.end();
    row[15] = report.format().platform();
  }

  /** The conversions column's count; where it is empty, the fallback column's, if the report has one. */
  private BigDecimal conversions(Path file, long line, Object[] values) throws ExportException {
    if (columns.has(AdRole.CONVERSIONS_FALLBACK) && number(file, line, values, AdRole.CONVERSIONS) == null) {
      return money(file, line, values, AdRole.CONVERSIONS_FALLBACK);
    }
    return money(file, line, values, AdRole.CONVERSIONS);
  }

  /** Meta's Results count what the indicator names; only purchases are conversions for finance. */
  private boolean countsConversions(Object[] values) {
    int at = columns.conversionsIndicator();
    if (at < 0) {
      return true;
    }
    Object indicator = values[at];
    return indicator != null && indicator.toString().toLowerCase(Locale.ROOT).contains("purchase");
  }

  private Long whole(Path file, long line, Object[] values, AdRole role) throws ExportException {
    BigDecimal value = number(file, line, values, role);
    if (value == null) {
      return columns.has(role) ? 0L : null;
    }
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      throw ExportException.ofValue(file, line, columns.name(role), (String) values[columns.position(role)],
          "is not a whole number");
    }
  }

  /** Empty or {@code --} is zero, as the platforms mean it; a column the report lacks is null, but for spend. */
  private BigDecimal money(Path file, long line, Object[] values, AdRole role) throws ExportException {
    BigDecimal value = decimal(file, line, values, role);
    return value == null && (columns.has(role) || role == AdRole.SPEND) ? orZero(null) : value;
  }
}
