package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * Reads a platform's report segmented by conversion action (Google Ads: the campaign report with the segment
 * "Conversions → Conversion action") into the conversions {@link #LAYOUT}: the columns of finance's
 * conversions input, then {@code account_name, report_start, report_end, export_format}, then every other
 * column of the report as text. Two streaming passes, as {@link AdExportReader}.
 *
 * <p>The count is {@code All conv.} (every action, primary or secondary, as the API source counts them), else
 * {@code Conversions}; the value likewise. Whether the platform counts an action as primary is read from
 * the numbers, since the report does not carry the setting: a row whose {@code Conversions} is not 0 is
 * primary, one where only {@code All conv.} is not 0 is not, and a row without conversions is unknown
 * (NULL, which adds nothing either way). View-through conversions are NULL where the report leaves them
 * empty or {@code --}: Google does not report them per action.
 */
public final class ConversionReportReader {

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

  private static final AdRole[] NUMBERS = {AdRole.CONVERSIONS, AdRole.CONVERSION_VALUE, AdRole.ALL_CONVERSIONS,
      AdRole.ALL_CONVERSION_VALUE, AdRole.VIEW_THROUGH_CONVERSIONS};

  private final CsvExport csv;
  private final AdReport report;
  private final AdColumns columns;
  private final String currency;
  private final LocaleNumbers numbers;
  private final LocaleDates dates;
  private final int[] kept;
  private final List<ColumnSpec> specs;

  /** What a read found besides the rows: how many, and the first and last day among them (null without rows). */
  public record Result(long rows, LocalDate firstDay, LocalDate lastDay) {}

  /**
   * @param columns the report's {@link AdExportFormat#conversionColumns}
   * @param configuredCurrency the source's {@code currency}, for a report without a currency column; may be null
   * @throws ExportException when the report states no currency and the source sets none
   */
  public ConversionReportReader(CsvExport csv, AdReport report, AdColumns columns, Locale locale,
      String configuredCurrency) throws ExportException {
    this.csv = Objects.requireNonNull(csv, "csv");
    this.report = Objects.requireNonNull(report, "report");
    this.columns = Objects.requireNonNull(columns, "columns");
    if (!columns.header().equals(csv.header())) {
      throw new IllegalArgumentException("the columns were mapped over another header than " + csv.file());
    }
    if (!columns.has(AdRole.CURRENCY) && configuredCurrency == null) {
      throw ExportException.ofFile(csv.file(), "looks like a " + report.format().label() + " report segmented by"
          + " conversion action but lacks column a currency; add Currency code to the report and download it"
          + " again, or set currency: on the source", null);
    }
    this.currency = configuredCurrency == null ? null : configuredCurrency.trim().toUpperCase(Locale.ROOT);
    this.numbers = new LocaleNumbers(csv.file(), locale);
    this.dates = new LocaleDates(csv.file(), locale);
    Set<Integer> mapped = new HashSet<>(columns.positions().values());
    KeptColumns layout = KeptColumns.of(CORE, csv.columnNames(), mapped);
    this.kept = layout.kept();
    this.specs = layout.specs();
  }

  private static SourceColumn column(String name, SqlType type, String description) {
    return new SourceColumn(name, type, description);
  }

  /** The table's columns: {@link #CORE}, then the kept ones. */
  public List<ColumnSpec> columns() {
    return specs;
  }

  /** Streams the report's rows, converted, to {@code sink}, one array per row in {@link #columns()} order. */
  public Result read(RowSink sink) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    List<ColumnSpec> text = csv.columnNames().stream().map(n -> new ColumnSpec(n, Kind.VARCHAR, 0)).toList();
    int date = columns.position(AdRole.DATE);
    csv.read(text, (line, values) -> {
      for (AdRole role : NUMBERS) {
        int at = columns.position(role);
        if (at >= 0) {
          numbers.observe((String) values[at], line, columns.header().get(at));
        }
      }
      dates.observe((String) values[date], line, columns.header().get(date));
    });
    numbers.decide();
    dates.decide();
    LocalDate[] range = new LocalDate[2];
    long rows = csv.read(text, (line, values) -> {
      Object[] row = convert(csv.file(), line, values);
      LocalDate day = (LocalDate) row[0];
      range[0] = range[0] == null || day.isBefore(range[0]) ? day : range[0];
      range[1] = range[1] == null || day.isAfter(range[1]) ? day : range[1];
      sink.accept(line, row);
    });
    return new Result(rows, range[0], range[1]);
  }

  private Object[] convert(Path file, long line, Object[] values) throws ExportException {
    Object[] row = new Object[specs.size()];
    LocalDate day = date(file, line, values);
    if (day == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.DATE), "", "is empty, but every row needs its day");
    }
    String campaignName = text(values, AdRole.CAMPAIGN_NAME);
    String campaignId = text(values, AdRole.CAMPAIGN_ID);
    campaignId = campaignId != null ? campaignId : campaignName;
    if (campaignId == null) {
      AdRole role = columns.has(AdRole.CAMPAIGN_ID) ? AdRole.CAMPAIGN_ID : AdRole.CAMPAIGN_NAME;
      throw ExportException.ofValue(file, line, columns.name(role), "", "is empty, but every row needs its campaign");
    }
    String actionName = text(values, AdRole.CONVERSION_ACTION);
    String actionId = text(values, AdRole.CONVERSION_ACTION_ID);
    actionId = actionId != null ? actionId : actionName;
    if (actionId == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.CONVERSION_ACTION), "",
          "is empty, but every row needs its conversion action");
    }
    String rowCurrency = text(values, AdRole.CURRENCY);
    rowCurrency = rowCurrency != null ? rowCurrency.toUpperCase(Locale.ROOT) : currency;
    if (rowCurrency == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.CURRENCY), "",
          "is empty, but every row needs its currency");
    }
    BigDecimal primaryCount = count(file, line, values, AdRole.CONVERSIONS);
    BigDecimal allCount = count(file, line, values, AdRole.ALL_CONVERSIONS);
    BigDecimal primaryValue = count(file, line, values, AdRole.CONVERSION_VALUE);
    BigDecimal allValue = count(file, line, values, AdRole.ALL_CONVERSION_VALUE);
    row[0] = day;
    row[1] = report.format().platform();
    row[2] = text(values, AdRole.ACCOUNT_ID);
    row[3] = campaignId;
    row[4] = campaignName;
    row[5] = actionId;
    row[6] = actionName;
    row[7] = rowCurrency;
    row[8] = orZero(columns.has(AdRole.ALL_CONVERSIONS) ? allCount : primaryCount);
    row[9] = orZero(columns.has(AdRole.ALL_CONVERSION_VALUE) ? allValue : primaryValue);
    row[10] = null;
    row[11] = count(file, line, values, AdRole.VIEW_THROUGH_CONVERSIONS);
    row[12] = primary(primaryCount, allCount);
    row[13] = text(values, AdRole.ACCOUNT_NAME);
    row[14] = report.start();
    row[15] = report.end();
    row[16] = report.format().platform();
    for (int k = 0; k < kept.length; k++) {
      row[CORE.size() + k] = values[kept[k]];
    }
    return row;
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

  private static BigDecimal orZero(BigDecimal value) {
    return value != null ? value : BigDecimal.ZERO.setScale(InputKind.MONEY_SCALE);
  }

  private String text(Object[] values, AdRole role) {
    int at = columns.position(role);
    if (at < 0 || values[at] == null) {
      return null;
    }
    String value = values[at].toString().trim();
    return LocaleNumbers.isNothing(value) ? null : value;
  }

  private LocalDate date(Path file, long line, Object[] values) throws ExportException {
    String raw = (String) values[columns.position(AdRole.DATE)];
    try {
      return dates.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.DATE), raw, e.getMessage());
    }
  }

  /** The cell as an exact decimal with the facts' six decimals; null when the column is missing, empty or {@code --}. */
  private BigDecimal count(Path file, long line, Object[] values, AdRole role) throws ExportException {
    int at = columns.position(role);
    if (at < 0) {
      return null;
    }
    String raw = (String) values[at];
    BigDecimal value;
    try {
      value = numbers.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, columns.name(role), raw, e.getMessage());
    }
    if (value == null) {
      return null;
    }
    if (value.stripTrailingZeros().scale() > InputKind.MONEY_SCALE) {
      throw ExportException.ofValue(file, line, columns.name(role), raw,
          "has more than " + InputKind.MONEY_SCALE + " decimals");
    }
    return value.setScale(InputKind.MONEY_SCALE, RoundingMode.UNNECESSARY);
  }
}
