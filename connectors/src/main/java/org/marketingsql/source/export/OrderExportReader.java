package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * Reads a payment or CRM export into the orders layout: the columns of {@link InputKind#ORDERS} (plus the
 * optional {@code acquisition_channel} and {@code product_line}, empty here), then {@code gross_amount,
 * refunded_amount, status, export_format}, the touch data {@code utm_source, utm_medium, utm_campaign} where the
 * tool's export has it, then the export's other columns as text. {@code amount} is the
 * revenue the order brought: gross minus refunds, zero when cancelled.
 *
 * <p>Rows that are not orders (failed charges, further line items, deals not won) are not loaded; their
 * number is in the result. Two streaming passes, as {@link AdExportReader}.
 */
public final class OrderExportReader {

  /**
   * The columns every order export gets, in order: the orders input's but its touch data (its optional ones
   * empty), with its amounts as wide as any export carries, then what only exports have, then the touch data
   * ({@code utm_*}) where the tool's export has it.
   */
  static final ExportLayout LAYOUT = new ExportLayout("order export", "A payment or CRM tool's export, recognised by"
      + " its header: one row per order; rows that are not orders (failed charges, further line items, deals not"
      + " won) are not loaded. It feeds finance.orders and finance.customers.",
      Stream.of(
          InputKind.ORDERS.layout().columns().stream().filter(c -> !isTouch(c)).map(InputKind::widened),
          Stream.of(
              new SourceColumn("gross_amount", SqlType.WIDE_MONEY, "What the customer was charged."),
              new SourceColumn("refunded_amount", SqlType.WIDE_MONEY, "What was given back since; NULL for none."),
              new SourceColumn("status", SqlType.VARCHAR, "The tool's status of the order, as it wrote it."),
              new SourceColumn("export_format", SqlType.VARCHAR, "The tool whose export the file is, e.g. stripe.")),
          InputKind.ORDERS.layout().columns().stream().filter(OrderExportReader::isTouch))
          .flatMap(columns -> columns).toList(),
      "Every other column of the export, as text under its own name.");

  private static boolean isTouch(SourceColumn column) {
    return column.name().startsWith("utm_");
  }

  /** {@link #LAYOUT}'s columns as loaded. */
  static final List<ColumnSpec> CORE = LAYOUT.columns().stream().map(ColumnSpec::of).toList();

  private final String configuredCurrency;
  private final ZoneId zone;
  private final CsvExport csv;
  private final OrderExportFormat format;
  private final OrderExportFormat.Rows rows;
  private final LocaleNumbers numbers;
  private final LocaleDates dates;
  private final int[] kept;
  private final List<ColumnSpec> specs;

  /** What a read found: the orders loaded and the rows that were not orders. */
  public record Result(long orders, long notOrders) {}

  public OrderExportReader(CsvExport csv, OrderExportFormat format, Locale locale) throws ExportException {
    this(csv, format, locale, null);
  }

  /**
   * @param currency the source's configured currency, for exports that carry none (a single-currency
   *     HubSpot portal); null when not configured
   */
  public OrderExportReader(CsvExport csv, OrderExportFormat format, Locale locale, String currency) throws ExportException {
    this(csv, format, locale, currency, ZoneOffset.UTC);
  }

  /**
   * @param currency the source's configured currency, for exports that carry none; null when not configured
   * @param zone the reporting time zone: an order time written with its offset ({@code 2025-07-08 22:03:12
   *     -0400}, Shopify's {@code Created at}) is an order of its day there
   */
  public OrderExportReader(CsvExport csv, OrderExportFormat format, Locale locale, String currency, ZoneId zone)
      throws ExportException {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.configuredCurrency = currency;
    this.csv = Objects.requireNonNull(csv, "csv");
    this.format = Objects.requireNonNull(format, "format");
    this.rows = format.rows(csv.file(), csv.header());
    this.numbers = new LocaleNumbers(csv.file(), locale);
    this.dates = new LocaleDates(csv.file(), locale);
    KeptColumns layout = KeptColumns.of(CORE, csv.columnNames(), rows.mapped());
    this.kept = layout.kept();
    this.specs = layout.specs();
  }

  public List<ColumnSpec> columns() {
    return specs;
  }

  public Result read(RowSink sink) throws ExportException {
    Path file = csv.file();
    List<ColumnSpec> text = csv.columnNames().stream().map(n -> new ColumnSpec(n, Kind.VARCHAR, 0)).toList();
    csv.read(text, (line, values) -> {
      OrderFields order = rows.order(values);
      if (order != null) {
        numbers.observe(order.gross(), line, rows.column("gross"));
        numbers.observe(order.refunded(), line, rows.column("refunded"));
        dates.observe(datePart(order.date()), line, rows.column("date"));
      }
    });
    numbers.decide();
    dates.decide();
    long[] skipped = {0};
    long total = csv.read(text, (line, values) -> {
      OrderFields order = rows.order(values);
      if (order == null) {
        skipped[0]++;
        return;
      }
      sink.accept(line, convert(file, line, order, values));
    });
    return new Result(total - skipped[0], skipped[0]);
  }

  private Object[] convert(Path file, long line, OrderFields order, Object[] values) throws ExportException {
    if (order.orderId() == null) {
      throw ExportException.ofLine(file, line, "the order has no id", null);
    }
    String currency = order.currency() != null ? order.currency() : configuredCurrency;
    if (currency == null) {
      throw ExportException.ofLine(file, line, "order " + order.orderId() + " has no currency; export the"
          + " currency column or set currency: on the source", null);
    }
    LocalDate day;
    try {
      OffsetDateTime at = withOffset(order.date());
      day = at != null ? at.atZoneSameInstant(zone).toLocalDate() : dates.parse(datePart(order.date()));
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, rows.column("date"), order.date(), e.getMessage());
    }
    if (day == null) {
      throw ExportException.ofValue(file, line, rows.column("date"), "", "is empty, but every order needs its day");
    }
    BigDecimal gross = money(file, line, order.gross(), "gross");
    BigDecimal refunded = money(file, line, order.refunded(), "refunded");
    BigDecimal zero = BigDecimal.ZERO.setScale(InputKind.MONEY_SCALE);
    BigDecimal amount = order.cancelled() ? zero : (gross == null ? zero : gross).subtract(refunded == null ? zero : refunded);
    Object[] row = new Object[specs.size()];
    row[0] = order.orderId();
    row[1] = order.customerId();
    row[2] = day;
    row[3] = amount;
    row[4] = currency.toUpperCase(Locale.ROOT);
    row[7] = gross;
    row[8] = refunded;
    row[9] = order.status();
    row[10] = format.name();
    TouchFields touch = rows.touch(values);
    row[11] = touch.source();
    row[12] = touch.medium();
    row[13] = touch.campaign();
    for (int k = 0; k < kept.length; k++) {
      row[CORE.size() + k] = values[kept[k]];
    }
    return row;
  }

  private BigDecimal money(Path file, long line, String raw, String field) throws ExportException {
    try {
      BigDecimal value = numbers.parse(raw);
      if (value == null) {
        return null;
      }
      if (value.stripTrailingZeros().scale() > InputKind.MONEY_SCALE) {
        throw new IllegalArgumentException("has more than " + InputKind.MONEY_SCALE + " decimals");
      }
      return value.setScale(InputKind.MONEY_SCALE, RoundingMode.UNNECESSARY);
    } catch (IllegalArgumentException e) {
      throw ExportException.ofValue(file, line, rows.column(field), raw, e.getMessage());
    }
  }

  private static final DateTimeFormatter SHOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");

  /**
   * A timestamp written with its UTC offset, as Shopify ({@code 2025-07-08 14:03:12 -0400}) and ISO 8601
   * ({@code 2025-07-08T14:03:12+02:00}, {@code …Z}) write it; null for anything else (a day, a local time).
   */
  static OffsetDateTime withOffset(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t, SHOP_TIME);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t);
      } catch (DateTimeParseException notIso) {
        return null;
      }
    }
  }

  /**
   * The day of a date or timestamp as the tools write them: {@code 2025-07-08 14:03:12 -0400} (its written
   * day; {@link #withOffset} reads such a time whole, for the reporting time zone's day), {@code 7/8/2025 2:03 PM}, {@code 2025-07-08}.
   */
  static String datePart(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.length() > 10 && t.charAt(4) == '-' && t.charAt(7) == '-' && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
      return t.substring(0, 10);
    }
    int colon = t.indexOf(':');
    if (colon < 0) {
      return t;
    }
    int space = t.lastIndexOf(' ', colon);
    String day = space < 0 ? t : t.substring(0, space).trim();
    return day.endsWith(",") ? day.substring(0, day.length() - 1) : day;
  }
}
