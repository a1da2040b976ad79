package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Reads a platform's ad report into the ad report {@link #LAYOUT}: the columns of {@link InputKind#AD_SPEND},
 * then {@code account_name, ad_group, report_start, report_end, export_format}, then every column of the
 * report not mapped to one of those, as text, so nothing the user downloaded is lost.
 *
 * <p>Two streaming passes: the first only looks at numbers and dates to learn the file's conventions
 * ({@link LocaleNumbers}, {@link LocaleDates}), the second converts and hands rows on. Metrics left empty
 * or {@code --} are zero, as the platforms mean them; the date, campaign and currency are required.
 */
public final class AdExportReader {

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

  private static final AdRole[] NUMBERS = {AdRole.IMPRESSIONS, AdRole.CLICKS, AdRole.SPEND, AdRole.CONVERSIONS,
      AdRole.CONVERSIONS_FALLBACK, AdRole.CONVERSION_VALUE};

  private final CsvExport csv;
  private final AdReport report;
  private final AdColumns columns;
  private final LocaleNumbers numbers;
  private final LocaleDates dates;
  /** Positions of the report's columns kept as text after the core columns. */
  private final int[] kept;
  private final List<ColumnSpec> specs;

  /** What a read found besides the rows. */
  public record Result(long rows, LocalDate firstDay, LocalDate lastDay) {}

  public AdExportReader(CsvExport csv, AdReport report, AdColumns columns, Locale locale) {
    this.csv = Objects.requireNonNull(csv, "csv");
    this.report = Objects.requireNonNull(report, "report");
    this.columns = Objects.requireNonNull(columns, "columns");
    if (!columns.header().equals(csv.header())) {
      throw new IllegalArgumentException("the columns were mapped over another header than " + csv.file());
    }
    this.numbers = new LocaleNumbers(csv.file(), locale);
    this.dates = new LocaleDates(csv.file(), locale);
    // the conversions indicator is not mapped: it says what the row's results are, worth keeping
    Set<Integer> mapped = new HashSet<>(columns.positions().values());
    KeptColumns layout = KeptColumns.of(CORE, csv.columnNames(), mapped);
    this.kept = layout.kept();
    this.specs = layout.specs();
  }

  /** The table's columns: {@link #CORE}, then the kept ones. */
  public List<ColumnSpec> columns() {
    return specs;
  }

  /**
   * Streams the report's rows, converted, to {@code sink}, one array per row in {@link #columns()} order.
   * {@code report_start} / {@code report_end} are null when the report lines do not state them; the
   * result's first and last day are then the report's range.
   */
  public Result read(RowSink sink) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    Path file = csv.file();
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
      Object[] row = convert(file, line, values);
      LocalDate day = (LocalDate) row[0];
      range[0] = range[0] == null || day.isBefore(range[0]) ? day : range[0];
      range[1] = range[1] == null || day.isAfter(range[1]) ? day : range[1];
      sink.accept(line, row);
    });
    return new Result(rows, range[0], range[1]);
  }

  private Object[] convert(Path file, long line, Object[] values) throws ExportException {
    Object[] row = new Object[specs.size()];
    LocalDate day = date(file, line, values, AdRole.DATE);
    if (day == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.DATE), "", "is empty, but every row needs its day");
    }
    String campaignName = text(values, AdRole.CAMPAIGN_NAME);
    String campaignId = text(values, AdRole.CAMPAIGN_ID);
    if (campaignId == null) {
      campaignId = campaignName; // exports without ids: the name is what identifies the campaign to the user
    }
    if (campaignId == null) {
      AdRole role = columns.has(AdRole.CAMPAIGN_ID) ? AdRole.CAMPAIGN_ID : AdRole.CAMPAIGN_NAME;
      throw ExportException.ofValue(file, line, columns.name(role), "", "is empty, but every row needs its campaign");
    }
    String currency = text(values, AdRole.CURRENCY);
    currency = currency != null ? currency.toUpperCase(Locale.ROOT) : columns.headerCurrency();
    if (currency == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.CURRENCY), "", "is empty, but every row needs its currency");
    }
    row[0] = day;
    row[1] = report.format().platform();
    row[2] = text(values, AdRole.ACCOUNT_ID);
    row[3] = campaignId;
    row[4] = campaignName;
    row[5] = whole(file, line, values, AdRole.IMPRESSIONS);
    row[6] = whole(file, line, values, AdRole.CLICKS);
    row[7] = money(file, line, values, AdRole.SPEND);
    row[8] = currency;
    row[9] = countsConversions(values) ? conversions(file, line, values) : BigDecimal.ZERO.setScale(InputKind.MONEY_SCALE);
    row[10] = money(file, line, values, AdRole.CONVERSION_VALUE);
    row[11] = text(values, AdRole.ACCOUNT_NAME);
    row[12] = text(values, AdRole.AD_GROUP);
    row[13] = report.start();
    row[14] = report.end();
    row[15] = report.format().platform();
    for (int k = 0; k < kept.length; k++) {
      row[CORE.size() + k] = values[kept[k]];
    }
    return row;
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

  private String text(Object[] values, AdRole role) {
    int at = columns.position(role);
    if (at < 0 || values[at] == null) {
      return null;
    }
    String value = values[at].toString().trim();
    return LocaleNumbers.isNothing(value) ? null : value;
  }

  private LocalDate date(Path file, long line, Object[] values, AdRole role) throws ExportException {
    String raw = (String) values[columns.position(role)];
    try {
      return dates.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, columns.name(role), raw, e.getMessage());
    }
  }

  private BigDecimal number(Path file, long line, Object[] values, AdRole role) throws ExportException {
    int at = columns.position(role);
    if (at < 0) {
      return null;
    }
    String raw = (String) values[at];
    try {
      return numbers.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, columns.name(role), raw, e.getMessage());
    }
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

  private BigDecimal money(Path file, long line, Object[] values, AdRole role) throws ExportException {
    BigDecimal value = number(file, line, values, role);
    if (value == null) {
      return columns.has(role) || role == AdRole.SPEND ? BigDecimal.ZERO.setScale(InputKind.MONEY_SCALE) : null;
    }
    if (value.stripTrailingZeros().scale() > InputKind.MONEY_SCALE) {
      // rounding would silently change amounts finance reconciles against
      throw ExportException.ofValue(file, line, columns.name(role), (String) values[columns.position(role)],
          "has more than " + InputKind.MONEY_SCALE + " decimals");
    }
    return value.setScale(InputKind.MONEY_SCALE, RoundingMode.UNNECESSARY);
  }
}
