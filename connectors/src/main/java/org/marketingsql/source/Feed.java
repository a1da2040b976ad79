package org.marketingsql.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a synced API table feeds one of finance's inputs: after each sync its rows matching
 * {@code where} are copied, as the input's columns, into a table of the source's schema named after
 * the input ({@code orders}, {@code ad_spend}, {@code conversions}), which {@code FinanceFacts} reads like any other
 * input of that kind.
 *
 * @param input which finance input the table feeds
 * @param expressions for each of the input's columns, in its order, the SQL expression over the synced
 *     table that gives it (usually just the quoted column of the same name)
 * @param where which rows count, as an SQL condition; {@code TRUE} for all
 */
public record Feed(Input input, Map<String, String> expressions, String where) {
  public Feed {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(where, "where");
    expressions = Collections.unmodifiableMap(new LinkedHashMap<>(expressions));
    if (!List.copyOf(expressions.keySet()).equals(input.columns())) {
      throw new IllegalArgumentException("a feed of " + input.table() + " must give the columns " + input.columns()
          + " in that order, not " + expressions.keySet());
    }
  }

  /** A feed from a table that already has every column of the input under the same name. */
  public static Feed sameNames(Input input, String where) {
    Map<String, String> same = new LinkedHashMap<>();
    input.columns().forEach(c -> same.put(c, "\"" + c + "\""));
    return new Feed(input, same, where);
  }

  /**
   * A feed from a table that has some of the input's columns under the same name; the others (touch data
   * the source does not know) are NULL.
   *
   * @param have the table's column names
   */
  public static Feed sameNames(Input input, List<String> have, String where) {
    Map<String, String> same = new LinkedHashMap<>();
    input.columns().forEach(c -> same.put(c, have.contains(c) ? "\"" + c + "\"" : "CAST(NULL AS VARCHAR)"));
    return new Feed(input, same, where);
  }

  /** The finance inputs an API table can feed; the names are those of the export folder's inputs where it has them. */
  public enum Input {
    /** Orders, with the touch data the source knows of each (NULL where it knows none), for attribution. */
    ORDERS("orders", "ORDERS", List.of("order_id", "customer_id", "order_date", "amount", "currency", "utm_source",
        "utm_medium", "utm_campaign")),
    AD_SPEND("ad_spend", "AD_SPEND", List.of("date", "platform", "account_id", "campaign_id", "campaign_name",
        "impressions", "clicks", "spend", "currency", "conversions", "conversion_value", "account_name")),
    /**
     * The ad accounts a source reads, one row each, as the platform describes them: what
     * {@code finance.accounts} lists.
     */
    ACCOUNTS("ad_accounts", "ACCOUNTS", List.of("platform", "account_id", "account_name", "currency", "time_zone")),
    /**
     * Conversions per day, campaign and conversion action, as the ad platform reports them: the count and
     * value (in the account's currency) of every action, its click-through and view-through counts where the
     * platform splits them (NULL where it does not), and whether the platform itself counts the action as a
     * primary conversion ({@code platform_primary}, NULL when it has no such notion). The finance facts
     * decide {@code is_primary} from it and the source's {@code primaryConversions}.
     */
    CONVERSIONS("conversions", "CONVERSIONS", List.of("date", "platform", "account_id", "campaign_id", "campaign_name",
        "conversion_action", "conversion_action_name", "currency", "conversions", "conversion_value",
        "click_through_conversions", "view_through_conversions", "platform_primary")),
    /**
     * Reference exchange rates as a central bank publishes them: {@code rate} units of {@code currency}
     * per one unit of {@code base_currency} on publication days. The finance facts turn them into rates
     * to the reporting currency (cross rates through the base), below any hand-made FX file.
     */
    FX_REFERENCE("fx_reference", "FX_REFERENCE", List.of("date", "base_currency", "currency", "rate")),
    /**
     * The items of subscriptions as they are now (price of one unit per interval in currency units, interval,
     * quantity) with their subscription's dates, from which the finance facts build the recurring revenue.
     */
    RECURRING_ITEMS("recurring_items", "RECURRING_ITEMS", List.of("id", "subscription_id", "customer_id", "status",
        "currency", "unit_amount", "recurring_interval", "interval_count", "quantity", "created", "start_date",
        "trial_end", "ended_at")),
    /** The discounts of subscriptions with their coupons' terms, which the recurring revenue is net of. */
    RECURRING_DISCOUNTS("recurring_discounts", "RECURRING_DISCOUNTS", List.of("id", "subscription_id", "percent_off",
        "amount_off", "currency", "duration", "start", "end"));

    private final String table;
    private final String kind;
    private final List<String> columns;

    Input(String table, String kind, List<String> columns) {
      this.table = table;
      this.kind = kind;
      this.columns = columns;
    }

    /** The table in the source's schema that holds the fed rows. */
    public String table() {
      return table;
    }

    /** The input kind recorded in the load state, as for an export file of that kind. */
    public String kind() {
      return kind;
    }

    public List<String> columns() {
      return columns;
    }
  }
}
