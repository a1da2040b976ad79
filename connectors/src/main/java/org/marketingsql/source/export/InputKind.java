package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finance inputs a folder may hold, recognised by their header, never by their file name.
 * Each names the columns it needs (with their kinds) and the one that identifies it, so a file
 * that has the identifying column but lacks another is refused with the missing column named.
 */
public enum InputKind {
  AD_SPEND("ad spend", "spend",
      columns("date", Kind.DATE, "platform", Kind.VARCHAR, "account_id", Kind.VARCHAR, "campaign_id", Kind.VARCHAR,
          "campaign_name", Kind.VARCHAR, "impressions", Kind.BIGINT, "clicks", Kind.BIGINT, "spend", Kind.DECIMAL,
          "currency", Kind.VARCHAR, "conversions", Kind.DECIMAL, "conversion_value", Kind.DECIMAL),
      Set.of("date", "platform", "campaign_id", "spend", "currency")),
  ORDERS("orders", "order_id",
      columns("order_id", Kind.VARCHAR, "customer_id", Kind.VARCHAR, "order_date", Kind.DATE, "amount", Kind.DECIMAL,
          "currency", Kind.VARCHAR),
      Set.of("order_id", "order_date", "amount", "currency")),
  BUDGETS("budgets", "month",
      columns("month", Kind.VARCHAR, "channel", Kind.VARCHAR, "amount", Kind.DECIMAL, "currency", Kind.VARCHAR),
      Set.of("month", "channel", "amount", "currency")),
  FX_RATES("FX rates", "rate_to_reporting",
      columns("date", Kind.DATE, "currency", Kind.VARCHAR, "rate_to_reporting", Kind.DECIMAL),
      Set.of("date", "currency", "rate_to_reporting")),
  TOUCHPOINTS("touchpoints", "touched_at",
      columns("customer_id", Kind.VARCHAR, "touched_at", Kind.TIMESTAMP, "channel", Kind.VARCHAR, "campaign_id", Kind.VARCHAR),
      Set.of("customer_id", "touched_at", "channel")),
  /** Recognised by its score column, whose name varies by survey tool (see {@link NpsColumns}). */
  NPS_SURVEY("NPS survey", "nps", Map.of(), Set.of());

  /** Optional columns of orders that the views use when present. */
  public static final Map<String, Kind> ORDER_EXTRAS = columns("acquisition_channel", Kind.VARCHAR, "product_line", Kind.VARCHAR,
      "utm_source", Kind.VARCHAR, "utm_medium", Kind.VARCHAR, "utm_campaign", Kind.VARCHAR);
  /** Money and counts carry up to 6 decimals, rates up to 8. */
  static final int MONEY_SCALE = 6;
  static final int RATE_SCALE = 8;
  /** All digits of the finance facts' money and rate columns: DECIMAL(18, s). */
  static final int FACT_PRECISION = 18;

  private final String label;
  private final String signature;
  private final Map<String, Kind> columns;
  private final Set<String> required;

  InputKind(String label, String signature, Map<String, Kind> columns, Set<String> required) {
    this.label = label;
    this.signature = signature;
    this.columns = columns;
    this.required = required;
  }

  /** For messages: "orders", "ad spend". */
  public String label() {
    return label;
  }

  /** The documented columns with their kinds, in documented order. */
  public Map<String, Kind> columns() {
    return columns;
  }

  /** Columns that must hold a value on every row. */
  public Set<String> required() {
    return required;
  }

  /**
   * The kind of input a header belongs to; null for a generic table.
   *
   * @throws ExportException when the header has a kind's identifying column but lacks others
   */
  public static InputKind detect(Path file, List<String> columnNames) throws ExportException {
    // Ad spend first: its header also has a date and a currency, like FX rates.
    for (InputKind kind : values()) {
      if (kind == NPS_SURVEY) {
        if (NpsColumns.score(columnNames).isPresent()) {
          return kind;
        }
        continue;
      }
      if (!columnNames.contains(kind.signature)) {
        continue;
      }
      if (kind == BUDGETS && !(columnNames.contains("channel") && columnNames.contains("amount"))) {
        continue; // a "month" column alone is common in generic tables
      }
      List<String> missing = kind.columns.keySet().stream().filter(c -> !columnNames.contains(c)).toList();
      if (missing.isEmpty()) {
        return kind;
      }
      throw ExportException.ofFile(file, "looks like " + kind.label + " (it has column " + kind.signature
          + ") but lacks column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + "; the documented header is " + String.join(",", kind.columns.keySet()), null);
    }
    return null;
  }

  /** The column to load, given what inference found: documented columns get their documented kind. */
  public ColumnSpec spec(ColumnSpec inferred) {
    Kind kind = columns.get(inferred.name());
    if (kind == null && this == ORDERS) {
      kind = ORDER_EXTRAS.get(inferred.name());
    }
    if (kind == null || kind == Kind.TIMESTAMP && inferred.kind() == Kind.DATE) {
      return inferred; // a touch known to the day only is still a touch
    }
    if (kind != Kind.DECIMAL) {
      return new ColumnSpec(inferred.name(), kind, 0);
    }
    // the finance facts hold these as DECIMAL(18, s): a larger value is refused here, naming its line
    int scale = inferred.name().equals("rate_to_reporting") ? RATE_SCALE : MONEY_SCALE;
    return new ColumnSpec(inferred.name(), kind, scale, FACT_PRECISION);
  }

  private static Map<String, Kind> columns(Object... pairs) {
    Map<String, Kind> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
