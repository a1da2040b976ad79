package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

/**
 * The finance inputs a folder may hold, recognised by their header, never by their file name.
 * Each declares its columns (name, SQL type, description: the column's REMARKS and the docs) and names
 * the one that identifies it, so a file that has the identifying column but lacks another is refused
 * with the missing column named.
 */
public enum InputKind {
  AD_SPEND("ad spend", "spend", "A file in the unified ad spend layout, written by hand or by another tool: one row per"
      + " day and campaign (or finer). It feeds finance.ad_spend_daily.",
      List.of(
          column("date", SqlType.DATE, "The day the row's metrics are for."),
          column("platform", SqlType.VARCHAR, "The ad platform as the finance views name it: google_ads, meta_ads,"
              + " linkedin_ads, microsoft_ads or another."),
          column("account_id", SqlType.VARCHAR, "The ad account's id on the platform."),
          column("campaign_id", SqlType.VARCHAR, "The campaign's id on the platform; its name where the export has"
              + " no ids."),
          column("campaign_name", SqlType.VARCHAR, "The campaign's name."),
          column("impressions", SqlType.BIGINT, "How often the ads were shown."),
          column("clicks", SqlType.BIGINT, "Clicks on the ads."),
          column("spend", SqlType.MONEY, "What the platform charged, in the row's currency."),
          column("currency", SqlType.VARCHAR, "The ISO code of the currency of spend and conversion value."),
          column("conversions", SqlType.MONEY, "Conversions as the platform counts them; may have fractions."),
          column("conversion_value", SqlType.MONEY, "The value of those conversions as the platform reports it, in"
              + " the row's currency.")),
      Set.of("date", "platform", "campaign_id", "spend", "currency")),
  ORDERS("orders", "order_id", "A file in the unified orders layout, one row per order. It feeds finance.orders and"
      + " finance.customers.",
      List.of(
          column("order_id", SqlType.VARCHAR, "The order's id."),
          column("customer_id", SqlType.VARCHAR, "Who bought, when known."),
          column("order_date", SqlType.DATE, "The day of the order."),
          column("amount", SqlType.MONEY, "The revenue the order brought, in its currency."),
          column("currency", SqlType.VARCHAR, "The ISO code of the order's currency.")),
      Set.of("order_id", "order_date", "amount", "currency")),
  BUDGETS("budgets", "month", "A file of marketing budgets, one row per month and channel. It feeds"
      + " finance.budget_vs_actual.",
      List.of(
          column("month", SqlType.VARCHAR, "The budget's month, as YYYY-MM."),
          column("channel", SqlType.VARCHAR, "The channel budgeted: an ad platform (google_ads …) or another channel."),
          column("amount", SqlType.MONEY, "The budget, in its currency."),
          column("currency", SqlType.VARCHAR, "The ISO code of the budget's currency.")),
      Set.of("month", "channel", "amount", "currency")),
  FX_RATES("FX rates", "rate_to_reporting", "A file of exchange rates, one row per day and currency. The finance"
      + " views convert to the reporting currency with them.",
      List.of(
          column("date", SqlType.DATE, "The day the rate holds for."),
          column("currency", SqlType.VARCHAR, "The ISO code of the currency converted."),
          column("rate_to_reporting", SqlType.FX_RATE, "One unit of the currency in the reporting currency.")),
      Set.of("date", "currency", "rate_to_reporting")),
  TOUCHPOINTS("touchpoints", "touched_at", "A file of marketing touches, one row per touch of a customer. The"
      + " attribution models (ATTRIBUTED_REVENUE, first-touch channels) read it.",
      List.of(
          column("customer_id", SqlType.VARCHAR, "The customer touched."),
          column("touched_at", SqlType.TIMESTAMP, "When; a date alone is kept as a date."),
          column("channel", SqlType.VARCHAR, "The channel of the touch (google_ads, email …)."),
          column("campaign_id", SqlType.VARCHAR, "The campaign of the touch, when known.")),
      Set.of("customer_id", "touched_at", "channel")),
  /** Subscription items in the layout Stripe's subscription_items feed; the name is that feed's input kind. */
  RECURRING_ITEMS("subscription items", "recurring_interval", "A file of subscription items as they are now, one"
      + " row per item: its price per interval, the interval, the quantity and its subscription's dates (the columns"
      + " of Stripe's subscription_items). It feeds finance.subscription_mrr and subscription_retention.",
      List.of(
          column("id", SqlType.VARCHAR, "The item's id."),
          column("subscription_id", SqlType.VARCHAR, "The subscription the item belongs to."),
          column("customer_id", SqlType.VARCHAR, "The customer subscribed."),
          column("status", SqlType.VARCHAR, "The subscription's status; incomplete and incomplete_expired never"
              + " count."),
          column("currency", SqlType.VARCHAR, "The ISO code of the price's currency."),
          column("unit_amount", SqlType.MONEY, "The price of one unit per interval, in the currency."),
          column("recurring_interval", SqlType.VARCHAR, "day, week, month or year."),
          column("interval_count", SqlType.BIGINT, "Intervals between bills (3 with month is quarterly); 1 when"
              + " empty."),
          column("quantity", SqlType.BIGINT, "Units billed; 1 when empty."),
          column("created", SqlType.TIMESTAMP, "When the item was added to its subscription."),
          column("start_date", SqlType.TIMESTAMP, "When the subscription started."),
          column("trial_end", SqlType.TIMESTAMP, "When its trial ended; empty without trial."),
          column("ended_at", SqlType.TIMESTAMP, "When the subscription ended; empty while it runs.")),
      Set.of("subscription_id", "customer_id", "currency", "unit_amount", "recurring_interval", "start_date")),
  /** Recognised by its score column, whose name varies by survey tool (see {@link NpsColumns}). */
  NPS_SURVEY("NPS survey", "nps", NpsColumns.DESCRIPTION, List.of(), Set.of());

  /** Money and counts carry up to 6 decimals. */
  static final int MONEY_SCALE = SqlType.MONEY.scale();

  private final String label;
  private final String signature;
  private final ExportLayout layout;
  private final Map<String, Kind> columns;
  private final Set<String> required;

  InputKind(String label, String signature, String description, List<SourceColumn> documented, Set<String> required) {
    this.label = label;
    this.signature = signature;
    List<SourceColumn> declared = new ArrayList<>(documented);
    if (signature.equals("order_id")) {
      declared.addAll(orderExtras());
    }
    this.layout = new ExportLayout(label, description, declared,
        documented.isEmpty() ? "" : "Any other column of the file, typed as its values are.");
    Map<String, Kind> kinds = new LinkedHashMap<>();
    documented.forEach(c -> kinds.put(c.name(), ColumnSpec.kindOf(c.type())));
    this.columns = Collections.unmodifiableMap(kinds);
    this.required = required;
  }

  /** The optional columns of orders that the views use when present. */
  private static List<SourceColumn> orderExtras() {
    return List.of(
        column("acquisition_channel", SqlType.VARCHAR, "The channel that acquired the customer (google_ads, organic,"
            + " email …), when known."),
        column("product_line", SqlType.VARCHAR, "The order's product line, for gross margins by product line."),
        column("utm_source", SqlType.VARCHAR, "The utm_source of the visit that led to the order, when known: mapped"
            + " to a channel by the attribution settings."),
        column("utm_medium", SqlType.VARCHAR, "The utm_medium of that visit, when known."),
        column("utm_campaign", SqlType.VARCHAR, "The utm_campaign of that visit, when known: matched to the"
            + " platforms' campaign ids and names."));
  }

  /** A declared column as a platform's export holds it: an amount as wide as any export carries. */
  static SourceColumn widened(SourceColumn column) {
    return column.type() == SqlType.MONEY ? column.withType(SqlType.WIDE_MONEY) : column;
  }

  private static SourceColumn column(String name, SqlType type, String description) {
    return new SourceColumn(name, type, description);
  }

  /** The columns a file of this kind loads with, declared with their types and descriptions. */
  ExportLayout layout() {
    return layout;
  }

  /** Whether {@code column} is one of this kind's declared columns (orders' optional ones included). */
  public boolean declares(String column) {
    return layout.column(column) != null;
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

  /** The column to load, given what inference found: declared columns get their declared type. */
  public ColumnSpec spec(ColumnSpec inferred) {
    SourceColumn declared = layout.column(inferred.name());
    if (declared == null || declared.type() == SqlType.TIMESTAMP && inferred.kind() == Kind.DATE) {
      return inferred; // a touch known to the day only is still a touch
    }
    // the finance facts hold amounts and rates as DECIMAL(18, s): a larger value is refused here, naming its line
    return ColumnSpec.of(declared);
  }
}
