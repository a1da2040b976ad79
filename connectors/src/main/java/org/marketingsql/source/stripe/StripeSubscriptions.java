package org.marketingsql.source.stripe;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.TIMESTAMP;
import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.Json;
import org.marketingsql.source.http.Pages;

/**
 * What a subscription bills: its items (price, interval, quantity) and its discounts, from the
 * subscription list ({@code status=all}, {@code expand[]=data.discounts}), read whole on every sync
 * because subscriptions change long after they are created. A subscription lists its first items
 * inline; when {@code items.has_more} says there are more, its items are paged from
 * {@code GET /v1/subscription_items?subscription=…}.
 *
 * <p>Stripe keeps a subscription as it is now: an item's price or quantity changed in place, or an item
 * deleted, leaves no trace in these lists (only in events, which Stripe keeps 30 days). So each item
 * counts from its {@code created} to the subscription's end with its current price and quantity.
 */
final class StripeSubscriptions {
  /** One item of a subscription, with the subscription it belongs to. */
  record Item(JsonNode subscription, JsonNode item) {
    Item {
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(item, "item");
    }

    JsonNode price() {
      JsonNode price = item.path("price");
      return price.isObject() ? price : item.path("plan");
    }
  }

  /** One discount of a subscription, with its coupon. */
  record Discount(JsonNode subscription, JsonNode discount, JsonNode coupon) {
    Discount {
      Objects.requireNonNull(subscription, "subscription");
      Objects.requireNonNull(discount, "discount");
      Objects.requireNonNull(coupon, "coupon");
    }
  }

  private static final String SUBSCRIPTION_ENDS = "When the subscription ended, UTC; NULL while it runs.";

  static final TableDefinition<Item> ITEMS = TableDefinition.<Item>table("subscription_items",
          "One row per item of a subscription (canceled subscriptions included), as it is now: its price, interval and"
              + " quantity, beside the subscription's dates and status. Feeds finance.subscription_mrr.")
      .column("id", VARCHAR, "The item's id (si_…).", i -> i.item().get("id").asText())
      .column("subscription_id", VARCHAR, "The subscription (sub_…).", i -> i.subscription().get("id").asText())
      .column("customer_id", VARCHAR, "The customer subscribed (cus_…).",
          i -> StripeTables.expandableId(i.subscription(), "customer"))
      .column("status", VARCHAR, "The subscription's status now: active, trialing, past_due, canceled, unpaid, paused,"
          + " incomplete, incomplete_expired.", i -> Json.text(i.subscription(), "status"))
      .column("price_id", VARCHAR, "The price billed (price_…).", i -> Json.text(i.price(), "id"))
      .column("product_id", VARCHAR, "The product of the price (prod_…).", i -> StripeTables.expandableId(i.price(), "product"))
      .column("currency", VARCHAR, "The price's currency, ISO 4217 upper case.", i -> currency(i))
      .column("unit_amount", MONEY, "The price of one unit per interval, in currency units (not cents; zero-decimal"
          + " currencies such as JPY as they are); NULL for tiered prices, which the MRR leaves out.",
          i -> unitAmount(i))
      .column("recurring_interval", VARCHAR, "How often the price bills: day, week, month or year.",
          i -> Json.text(i.price().path("recurring").isObject() ? i.price().path("recurring") : i.price(), "interval"))
      .column("interval_count", BIGINT, "The number of intervals between bills, e.g. 3 with month for quarterly.",
          i -> Json.integer(i.price().path("recurring").isObject() ? i.price().path("recurring") : i.price(),
              "interval_count"))
      .column("quantity", BIGINT, "The number of units billed (1 when Stripe gives none).",
          i -> {
            Long q = Json.integer(i.item(), "quantity");
            return q == null ? 1L : q;
          })
      .column("created", TIMESTAMP, "When the item was added to the subscription, UTC.",
          i -> Json.epochSeconds(Json.integer(i.item(), "created")))
      .column("start_date", TIMESTAMP, "When the subscription started, UTC.",
          i -> Json.epochSeconds(Json.integer(i.subscription(), "start_date")))
      .column("trial_end", TIMESTAMP, "When the subscription's trial ends or ended, UTC; NULL without trial.",
          i -> Json.epochSeconds(Json.integer(i.subscription(), "trial_end")))
      .column("canceled_at", TIMESTAMP, "When the subscription was canceled, UTC; NULL if it was not.",
          i -> Json.epochSeconds(Json.integer(i.subscription(), "canceled_at")))
      .column("ended_at", TIMESTAMP, SUBSCRIPTION_ENDS,
          i -> Json.epochSeconds(Json.integer(i.subscription(), "ended_at")))
      .build();

  static final TableDefinition<Discount> DISCOUNTS = TableDefinition.<Discount>table("subscription_discounts",
          "One row per discount of a subscription, with its coupon: what finance.subscription_mrr takes off.")
      .column("id", VARCHAR, "The discount's id (di_…).", d -> d.discount().get("id").asText())
      .column("subscription_id", VARCHAR, "The subscription discounted (sub_…).", d -> d.subscription().get("id").asText())
      .column("coupon_id", VARCHAR, "The coupon applied.", d -> Json.text(d.coupon(), "id"))
      .column("percent_off", MONEY, "The percentage taken off, e.g. 20 for 20 %; NULL for an amount off.",
          d -> Json.decimal(Json.text(d.coupon(), "percent_off")))
      .column("amount_off", MONEY, "The amount taken off each invoice, in currency units; NULL for a percentage.",
          d -> StripeTables.units(Json.integer(d.coupon(), "amount_off"), StripeTables.currency(d.coupon())))
      .column("currency", VARCHAR, "The currency of amount_off, ISO 4217 upper case.",
          d -> StripeTables.currency(d.coupon()))
      .column("duration", VARCHAR, "forever, once or repeating.", d -> Json.text(d.coupon(), "duration"))
      .column("duration_in_months", BIGINT, "For repeating coupons, the months it applies.",
          d -> Json.integer(d.coupon(), "duration_in_months"))
      .column("start", TIMESTAMP, "When the discount was applied, UTC.",
          d -> Json.epochSeconds(Json.integer(d.discount(), "start")))
      .column("end", TIMESTAMP, "When the discount ends, UTC; NULL for forever (and once) coupons.",
          d -> Json.epochSeconds(Json.integer(d.discount(), "end")))
      .build();

  /** The subscription list with every status and the discounts expanded (a list shows their ids otherwise). */
  private static final Map<String, String> LIST = Map.of("status", "all", "expand[]", "data.discounts");

  private final StripeClient client;

  StripeSubscriptions(StripeClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** The items, read whole every sync; they feed the recurring revenue ({@code finance.subscription_mrr}). */
  ApiTable items() {
    return new ApiTable(ITEMS.name(), ITEMS.columns(), (cursor, progress) -> {
      List<Object[]> rows = new ArrayList<>();
      int pages = readSubscriptions(subscription -> {
        for (JsonNode item : items(subscription)) {
          rows.add(ITEMS.row(new Item(subscription, item)));
        }
      }, progress, rows);
      return new Batch(rows, Optional.empty(), pages, true);
    }, Feed.sameNames(Feed.Input.RECURRING_ITEMS, "TRUE"));
  }

  /** The discounts, read whole every sync. */
  ApiTable discounts() {
    return new ApiTable(DISCOUNTS.name(), DISCOUNTS.columns(), (cursor, progress) -> {
      List<Object[]> rows = new ArrayList<>();
      int pages = readSubscriptions(subscription -> {
        for (JsonNode discount : discounts(subscription)) {
          rows.add(DISCOUNTS.row(new Discount(subscription, discount, coupon(subscription, discount))));
        }
      }, progress, rows);
      return new Batch(rows, Optional.empty(), pages, true);
    }, Feed.sameNames(Feed.Input.RECURRING_DISCOUNTS, "TRUE"));
  }

  /** Reads every subscription, passing each to {@code each}; returns the pages read. */
  private int readSubscriptions(java.util.function.Consumer<JsonNode> each, ApiTable.Progress progress,
      List<Object[]> rows) {
    int pages = 0;
    for (Pages it = client.list("subscriptions", null, LIST); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode subscription : page.get("data")) {
        if (!subscription.path("id").isTextual()) {
          throw ApiException.malformed("stripe", "GET /v1/subscriptions", "an id on every object");
        }
        each.accept(subscription);
      }
      progress.page(pages, rows.size());
    }
    return pages;
  }

  /** A subscription's items: those listed inline, or all of them from the item list when there are more. */
  private List<JsonNode> items(JsonNode subscription) {
    JsonNode inline = subscription.path("items");
    if (!inline.path("data").isArray()) {
      throw ApiException.malformed("stripe", "GET /v1/subscriptions", "items.data on subscription "
          + subscription.get("id").asText());
    }
    List<JsonNode> items = new ArrayList<>();
    if (!inline.path("has_more").asBoolean(false)) {
      inline.get("data").forEach(items::add);
      return items;
    }
    Map<String, String> filter = new LinkedHashMap<>();
    filter.put("subscription", subscription.get("id").asText());
    for (Pages it = client.list("subscription_items", null, filter); it.hasNext(); ) {
      it.next().get("data").forEach(items::add);
    }
    return items;
  }

  /** The discounts expanded in {@code discounts}; older API versions give one {@code discount} object instead. */
  private static List<JsonNode> discounts(JsonNode subscription) {
    List<JsonNode> found = new ArrayList<>();
    JsonNode many = subscription.path("discounts");
    if (many.isArray()) {
      for (JsonNode d : many) {
        if (!d.isObject() || !d.path("id").isTextual()) {
          throw ApiException.malformed("stripe", "GET /v1/subscriptions", "expanded discount objects on subscription "
              + subscription.get("id").asText());
        }
        found.add(d);
      }
    }
    JsonNode one = subscription.path("discount");
    if (found.isEmpty() && one.isObject() && one.path("id").isTextual()) {
      found.add(one);
    }
    return found;
  }

  /** A discount's coupon: {@code coupon}, or {@code source.coupon} in newer API versions. */
  private static JsonNode coupon(JsonNode subscription, JsonNode discount) {
    JsonNode coupon = discount.path("coupon");
    if (!coupon.isObject()) {
      coupon = discount.path("source").path("coupon");
    }
    if (!coupon.isObject()) {
      throw ApiException.malformed("stripe", "GET /v1/subscriptions", "the coupon of discount "
          + discount.get("id").asText() + " on subscription " + subscription.get("id").asText());
    }
    return coupon;
  }

  private static String currency(Item i) {
    String own = StripeTables.currency(i.price());
    return own != null ? own : StripeTables.currency(i.subscription());
  }

  /** {@code unit_amount_decimal} (minor units, possibly with decimals) when given, else {@code unit_amount}. */
  static BigDecimal unitAmount(Item i) {
    String currency = currency(i);
    BigDecimal minor = Json.decimal(Json.text(i.price(), "unit_amount_decimal"));
    if (minor == null) {
      Long whole = Json.integer(i.price(), i.price().has("unit_amount") ? "unit_amount" : "amount");
      minor = whole == null ? null : BigDecimal.valueOf(whole);
    }
    if (minor == null) {
      return null;
    }
    return minor.movePointLeft(StripeTables.units(0L, currency).scale());
  }
}
