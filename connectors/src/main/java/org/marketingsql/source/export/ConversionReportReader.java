package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * Reads a platform's report segmented by conversion action (Google Ads: the campaign report with the segment
 * "Conversions → Conversion action") into the conversions {@link #LAYOUT}: the columns of finance's
 * conversions input, then {@code account_name, report_start, report_end, export_format}, then every other
 * column of the report as text. Two streaming passes, as every {@link ReportReader}.
 *
 * <p>The count is {@code All conv.} (every action, primary or secondary, as the API source counts them), else
 * {@code Conversions}; the value likewise. Whether the platform counts an action as primary is read from
 * the numbers, since the report does not carry the setting: a row whose {@code Conversions} is not 0 is
 * primary, one where only {@code All conv.} is not 0 is not, and a row without conversions is unknown
 * (NULL, which adds nothing either way). View-through conversions are NULL where the report leaves them
 * empty or {@code --}: Google does not report them per action.
 */
public final class ConversionReportReader extends ReportReader {

  /** The columns every conversions report gets, in order. */
  public static final ExportLayout LAYOUT = new ExportLayout("conversions report", "An ad platform's report"
      + " segmented by conversion action, as downloaded from its UI (Google Ads: the campaign report with the"
      + " segment Conversions → Conversion action, recognised by its Conversion action column): one row per day,"
      + " campaign and conversion action. It feeds finance.conversions_daily, not finance.ad_spend_daily.",
      List.of(
          column("date", SqlType.DATE, "The day the row's conversions are for."),
          column("platform", SqlType.VARCHAR, "The ad platform as the finance views name it, e.g. google_ads."),
          column("account_id", SqlType.VARCHAR, "The ad account's id on the platform, when the report has it."),
          column("campaign_id", SqlType.VARCHAR, "The campaign's id on the platform; its name where the report has"
              + " no ids."),
          column("campaign_name", SqlType.VARCHAR, "The campaign's name."),
          column("conversion_action", SqlType.VARCHAR, "The conversion action's id; its name where the report has"
              + " no ids."),
          column("conversion_action_name", SqlType.VARCHAR, "The conversion action's name."),
          column("currency", SqlType.VARCHAR, "The ISO code of the currency of the conversion value."),
          column("conversions", SqlType.WIDE_MONEY, "Conversions of the action, primary or not (All conv., else"
              + " Conversions); may have fractions."),
          column("conversion_value", SqlType.WIDE_MONEY, "Their value (All conv. value, else Conv. value), in the"
              + " row's currency."),
          column("click_through_conversions", SqlType.WIDE_MONEY, "NULL: the report does not split click-through"
              + " conversions per action."),
          column("view_through_conversions", SqlType.WIDE_MONEY, "View-through conversions (View-through conv.);"
              + " NULL where the report leaves them empty or --."),
          column("platform_primary", SqlType.BOOLEAN, "Whether the platform counts the action as a primary"
              + " conversion, read from the numbers: TRUE when its Conversions is not 0, FALSE when only its All"
              + " conv. is, NULL on a row without conversions."),
          column("account_name", SqlType.VARCHAR, "The ad account's name, when the report has it."),
          column("report_start", SqlType.DATE, "The first day the report covers, as its report lines state it;"
              + " else its first row's day."),
          column("report_end", SqlType.DATE, "The last day the report covers, likewise."),
          column("export_format", SqlType.VARCHAR, "The platform whose export the file is, e.g. google_ads.")),
      "Every other column of the report, as text under its own name.");

  /** {@link #LAYOUT}'s columns as loaded. */
  static final List<ColumnSpec> CORE = LAYOUT.columns().stream().map(ColumnSpec::of).toList();

  private final String currency;

  /**
   * @param columns the report's {@link AdExportFormat#conversionColumns}
   * @param configuredCurrency the source's {@code currency}, for a report without a currency column; may be null
   * @throws ExportException when the report states no currency and the source sets none
   */
  public ConversionReportReader(CsvExport csv, AdReport report, AdColumns columns, Locale locale,
      String configuredCurrency) throws ExportException {
    super(csv, report, columns, locale, CORE, AdRole.CONVERSIONS, AdRole.CONVERSION_VALUE, AdRole.ALL_CONVERSIONS,
        AdRole.ALL_CONVERSION_VALUE, AdRole.VIEW_THROUGH_CONVERSIONS);
    if (!columns.has(AdRole.CURRENCY) && configuredCurrency == null) {
      throw ExportException.ofFile(csv.file(), "looks like a " + report.format().label() + " report segmented by"
          + " conversion action but lacks column a currency; add Currency code to the report and download it"
          + " again, or set currency: on the source", null);
    }
    this.currency = configuredCurrency == null ? null : configuredCurrency.trim().toUpperCase(Locale.ROOT);
  }

  private static SourceColumn column(String name, SqlType type, String description) {
    return new SourceColumn(name, type, description);
  }

  @Override
  void convert(Path file, long line, Object[] values, LocalDate day, Object[] row) throws ExportException {
    String campaignId = campaignId(file, line, values);
    String actionName = text(values, AdRole.CONVERSION_ACTION);
    String actionId = text(values, AdRole.CONVERSION_ACTION_ID);
    actionId = actionId != null ? actionId : actionName;
    if (actionId == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.CONVERSION_ACTION), "",
          "is empty, but every row needs its conversion action");
    }
    String rowCurrency = currency(file, line, values, currency);
    BigDecimal primaryCount = decimal(file, line, values, AdRole.CONVERSIONS);
    BigDecimal allCount = decimal(file, line, values, AdRole.ALL_CONVERSIONS);
    BigDecimal primaryValue = decimal(file, line, values, AdRole.CONVERSION_VALUE);
    BigDecimal allValue = decimal(file, line, values, AdRole.ALL_CONVERSION_VALUE);
    row[0] = day;
    row[1] = report.format().platform();
    row[2] = text(values, AdRole.ACCOUNT_ID);
    row[3] = campaignId;
    row[4] = text(values, AdRole.CAMPAIGN_NAME);
    row[5] = actionId;
    row[6] = actionName;
    row[7] = rowCurrency;
    row[8] = orZero(columns.has(AdRole.ALL_CONVERSIONS) ? allCount : primaryCount);
    row[9] = orZero(columns.has(AdRole.ALL_CONVERSION_VALUE) ? allValue : primaryValue);
    row[10] = null;
    row[11] = decimal(file, line, values, AdRole.VIEW_THROUGH_CONVERSIONS);
    row[12] = primary(primaryCount, allCount);
    row[13] = text(values, AdRole.ACCOUNT_NAME);
    row[14] = report.start();
    row[15] = report.end();
    row[16] = report.format().platform();
  }

  /** TRUE when the primary count is not 0, FALSE when only the count of every action is, else unknown. */
  private static Boolean primary(BigDecimal primaryCount, BigDecimal allCount) {
    if (primaryCount != null && primaryCount.signum() != 0) {
      return Boolean.TRUE;
    }
    if (allCount != null && allCount.signum() != 0) {
      return Boolean.FALSE;
    }
    return null;
  }
}
