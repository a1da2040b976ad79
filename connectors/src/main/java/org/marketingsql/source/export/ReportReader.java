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

/**
 * Reads a platform's report (an ad report, a report segmented by conversion action) into its layout's core
 * columns, then every column of the report not mapped to one of them, as text, so nothing the user downloaded
 * is lost.
 *
 * <p>Two streaming passes: the first only looks at numbers and dates to learn the file's conventions
 * ({@link LocaleNumbers}, {@link LocaleDates}), the second converts the rows ({@link #convert}) and hands them
 * on. The date, campaign and currency are required.
 */
public abstract sealed class ReportReader permits AdExportReader, ConversionReportReader {

  /** What a read found besides the rows: how many, and the first and last day among them (null without rows). */
  public record Result(long rows, LocalDate firstDay, LocalDate lastDay) {
    public Result {
      if (rows < 0) {
        throw new IllegalArgumentException("rows must not be negative: " + rows);
      }
    }
  }

  final CsvExport csv;
  final AdReport report;
  final AdColumns columns;
  private final List<ColumnSpec> core;
  private final AdRole[] numberRoles;
  private final LocaleNumbers numbers;
  private final LocaleDates dates;
  /** Positions of the report's columns kept as text after the core columns. */
  private final int[] kept;
  private final List<ColumnSpec> specs;

  /**
   * @param core the layout's columns, which {@link #convert} fills in this order
   * @param numberRoles the roles whose cells tell the file's number format
   */
  ReportReader(CsvExport csv, AdReport report, AdColumns columns, Locale locale, List<ColumnSpec> core,
      AdRole... numberRoles) {
    this.csv = Objects.requireNonNull(csv, "csv");
    this.report = Objects.requireNonNull(report, "report");
    this.columns = Objects.requireNonNull(columns, "columns");
    this.core = List.copyOf(core);
    this.numberRoles = numberRoles.clone();
    if (!columns.header().equals(csv.header())) {
      throw new IllegalArgumentException("the columns were mapped over another header than " + csv.file());
    }
    this.numbers = new LocaleNumbers(csv.file(), locale);
    this.dates = new LocaleDates(csv.file(), locale);
    // an unmapped column (e.g. Meta's conversions indicator) says something about the row: worth keeping
    Set<Integer> mapped = new HashSet<>(columns.positions().values());
    KeptColumns layout = KeptColumns.of(this.core, csv.columnNames(), mapped);
    this.kept = layout.kept();
    this.specs = layout.specs();
  }

  /** The table's columns: the layout's, then the kept ones. */
  public final List<ColumnSpec> columns() {
    return specs;
  }

  /**
   * Streams the report's rows, converted, to {@code sink}, one array per row in {@link #columns()} order.
   * {@code report_start} / {@code report_end} are null when the report lines do not state them; the
   * result's first and last day are then the report's range.
   */
  public final Result read(RowSink sink) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    Path file = csv.file();
    List<ColumnSpec> text = csv.columnNames().stream().map(n -> new ColumnSpec(n, Kind.VARCHAR, 0)).toList();
    int date = columns.position(AdRole.DATE);
    csv.read(text, (line, values) -> {
      for (AdRole role : numberRoles) {
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
      Object[] row = new Object[specs.size()];
      LocalDate day = date(file, line, values);
      convert(file, line, values, day, row);
      for (int k = 0; k < kept.length; k++) {
        row[core.size() + k] = values[kept[k]];
      }
      range[0] = range[0] == null || day.isBefore(range[0]) ? day : range[0];
      range[1] = range[1] == null || day.isAfter(range[1]) ? day : range[1];
      sink.accept(line, row);
    });
    return new Result(rows, range[0], range[1]);
  }

  /** Fills the layout's columns of {@code row} (the kept ones are filled after) from the row's cells. */
  abstract void convert(Path file, long line, Object[] values, LocalDate day, Object[] row) throws ExportException;

  /** The row's day, which every row needs. */
  private LocalDate date(Path file, long line, Object[] values) throws ExportException {
    String raw = (String) values[columns.position(AdRole.DATE)];
    LocalDate day;
    try {
      day = dates.parse(raw);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.DATE), raw, e.getMessage());
    }
    if (day == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.DATE), "", "is empty, but every row needs its day");
    }
    return day;
  }

  /** The row's campaign id; its name in reports without ids, since the name is what identifies it to the user. */
  final String campaignId(Path file, long line, Object[] values) throws ExportException {
    String campaignId = text(values, AdRole.CAMPAIGN_ID);
    campaignId = campaignId != null ? campaignId : text(values, AdRole.CAMPAIGN_NAME);
    if (campaignId == null) {
      AdRole role = columns.has(AdRole.CAMPAIGN_ID) ? AdRole.CAMPAIGN_ID : AdRole.CAMPAIGN_NAME;
      throw ExportException.ofValue(file, line, columns.name(role), "", "is empty, but every row needs its campaign");
    }
    return campaignId;
  }

  /** The row's currency code, upper case; {@code otherwise} when its cell is empty or missing, which must not be null then. */
  final String currency(Path file, long line, Object[] values, String otherwise) throws ExportException {
    String currency = text(values, AdRole.CURRENCY);
    currency = currency != null ? currency.toUpperCase(Locale.ROOT) : otherwise;
    if (currency == null) {
      throw ExportException.ofValue(file, line, columns.name(AdRole.CURRENCY), "",
          "is empty, but every row needs its currency");
    }
    return currency;
  }

  /** The cell, trimmed; null when the column is missing or the cell empty or {@code --}. */
  final String text(Object[] values, AdRole role) {
    int at = columns.position(role);
    if (at < 0 || values[at] == null) {
      return null;
    }
    String value = values[at].toString().trim();
    return LocaleNumbers.isNothing(value) ? null : value;
  }

  /** The cell as a number; null when the column is missing or the cell empty or {@code --}. */
  final BigDecimal number(Path file, long line, Object[] values, AdRole role) throws ExportException {
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

  /**
   * The cell as an exact decimal with the store's {@link InputKind#MONEY_SCALE} decimals; null when the column
   * is missing or the cell empty or {@code --}. More decimals are an error: rounding would silently change
   * amounts finance reconciles against.
   */
  final BigDecimal decimal(Path file, long line, Object[] values, AdRole role) throws ExportException {
    BigDecimal value = number(file, line, values, role);
    if (value == null) {
      return null;
    }
    if (value.stripTrailingZeros().scale() > InputKind.MONEY_SCALE) {
      throw ExportException.ofValue(file, line, columns.name(role), (String) values[columns.position(role)],
          "has more than " + InputKind.MONEY_SCALE + " decimals");
    }
    return value.setScale(InputKind.MONEY_SCALE, RoundingMode.UNNECESSARY);
  }

  /** Zero with the store's decimals where {@code value} is null. */
  static BigDecimal orZero(BigDecimal value) {
    return value != null ? value : BigDecimal.ZERO.setScale(InputKind.MONEY_SCALE);
  }
}
