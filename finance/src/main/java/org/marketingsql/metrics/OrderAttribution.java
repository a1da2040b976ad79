package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.marketingsql.config.AttributionConfig;
import org.marketingsql.store.RowsInsert;

/**
 * Decides once, for every order, which channel and campaign its revenue is credited to, and writes
 * that decision as {@code _marketing.order_credit} (one row per order and credited channel and campaign)
 * and, for the order's largest share, into the order's {@code attributed_channel}, {@code
 * attributed_campaign_id} and {@code attribution_basis}. Every finance view that needs an order's
 * channel reads this one decision. In this order (docs/finance.md#attribution):
 * <ol>
 *   <li>{@code order_channel}: the order's own {@code acquisition_channel} (an orders file's column) wins;</li>
 *   <li>{@code order_utm}: else the order's own {@code utm_source}, mapped to a channel by the configuration,
 *   or, without a source, a {@code utm_campaign} that matches a campaign of exactly one platform;</li>
 *   <li>{@code touchpoints}: else the configured model shares the order among the customer's touchpoints
 *   from {@code lookbackDays} before the order's day up to that day;</li>
 *   <li>{@code unattributed}: else the channel {@code unattributed}.</li>
 * </ol>
 * The campaign is the order's {@code utm_campaign} (a touch's {@code campaign_id} for touchpoints), matched
 * by {@link PlatformCampaigns} within the channel's platform; a reference that matches nothing stays in
 * {@code campaign_ref} with no {@code campaign_id}. Shares are rounded to 6 decimals and the rounding rest
 * goes to the largest share, so the credits of an order add up to its revenue and margin exactly.
 */
public final class OrderAttribution {
  static final String FACT = "order_credit";
  static final String UNATTRIBUTED = "unattributed";
  private static final int SCALE = 6;
  private static final List<String> COLUMNS = List.of("order_row", "source_name", "order_date", "channel",
      "campaign_id", "campaign_name", "campaign_ref", "basis", "share", "revenue_rc", "margin_rc", "is_primary");

  private final AttributionConfig config;
  private final AttributionModel model;

  public OrderAttribution(AttributionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.model = AttributionModel.of(config.model());
  }

  /** Rebuilds the decision from the orders, touchpoints and ad spend facts, inside the caller's transaction. */
  public void refresh(Handle handle) {
    handle.execute("DELETE FROM \"_marketing\".\"order_credit\"");
    PlatformCampaigns campaigns = PlatformCampaigns.load(handle);
    List<Order> orders = orders(handle);
    RowsInsert insert = new RowsInsert(handle, "\"_marketing\".\"order_credit\"", COLUMNS);
    for (Order order : orders) {
      for (Credit c : decide(order, campaigns)) {
        insert.add(order.row, order.sourceName, Date.valueOf(order.date), c.channel, c.campaignId,
            c.campaignName, c.campaignRef, c.basis, c.share, c.revenue, c.margin, c.primary);
      }
    }
    insert.flush();
    handle.execute("""
        UPDATE "_marketing"."orders" SET "attributed_channel" = c."channel", "attributed_campaign_id" = c."campaign_id",
          "attribution_basis" = c."basis"
        FROM "_marketing"."order_credit" c
        WHERE c."order_row" = "_marketing"."orders"."order_row" AND c."is_primary\"""");
    // The decision is as good as the orders it is made for: their failure is its failure.
    String error = handle.createQuery(
            "SELECT \"error\" FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = 'orders' AND \"status\" <> 'ok'")
        .mapTo(String.class).findOne().orElse(null);
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT,
        error == null ? "ok" : "failed", error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
    // Every customer's acquisition channel follows from this decision.
    CustomerFacts.refresh(handle);
    // and the monthly totals of the views, from this decision, the customers and the ad spend
    MonthlyFacts.refresh(handle);
  }

  /** One order with its touches in time order (only when it has neither its own channel nor source). */
  private record Touch(LocalDate day, String channel, String campaign) {
  }

  private static final class Order {
    long row;
    String sourceName;
    LocalDate date;
    BigDecimal revenue;
    BigDecimal margin;
    String channel;
    String utmSource;
    String utmCampaign;
    final List<Touch> touches = new ArrayList<>();
  }

  private record Credit(String channel, String campaignId, String campaignName, String campaignRef, String basis,
      BigDecimal share, BigDecimal revenue, BigDecimal margin, boolean primary) {
  }

  private static List<Order> orders(Handle handle) {
    List<Order> orders = new ArrayList<>();
    handle.createQuery("""
            SELECT o."order_row", o."source_name", o."order_date", o."amount_rc", o."margin_rc",
              o."acquisition_channel", o."utm_source", o."utm_campaign", t."touched_at", t."channel", t."campaign_id"
            FROM "_marketing"."orders" o
            LEFT JOIN "_marketing"."touchpoints" t ON t."customer_id" = o."customer_id"
              AND CAST(t."touched_at" AS DATE) <= o."order_date"
              AND COALESCE(o."acquisition_channel", '') = '' AND COALESCE(o."utm_source", '') = ''
            ORDER BY o."order_row", t."touched_at", t."channel", t."campaign_id"
            """)
        .map((rs, ctx) -> {
          long row = rs.getLong(1);
          Order order = orders.isEmpty() ? null : orders.get(orders.size() - 1);
          if (order == null || order.row != row) {
            order = new Order();
            order.row = row;
            order.sourceName = rs.getString(2);
            order.date = rs.getObject(3, LocalDate.class);
            order.revenue = rs.getBigDecimal(4);
            order.margin = rs.getBigDecimal(5);
            order.channel = blankToNull(rs.getString(6));
            order.utmSource = blankToNull(rs.getString(7));
            order.utmCampaign = blankToNull(rs.getString(8));
            orders.add(order);
          }
          LocalDateTime touched = rs.getObject(9, LocalDateTime.class);
          if (touched != null) {
            order.touches.add(new Touch(touched.toLocalDate(), rs.getString(10).trim(), blankToNull(rs.getString(11))));
          }
          return null;
        })
        .forEach(ignored -> { });
    return orders;
  }

  private List<Credit> decide(Order order, PlatformCampaigns campaigns) {
    if (order.channel != null) {
      return List.of(whole(order, order.channel, "order_channel", campaigns));
    }
    if (order.utmSource != null) {
      return List.of(whole(order, config.channelOf(order.utmSource), "order_utm", campaigns));
    }
    if (order.utmCampaign != null) {
      var campaign = campaigns.matchOnOnePlatform(order.utmCampaign);
      if (campaign.isPresent()) {
        return List.of(whole(order, campaign.get().platform(), "order_utm", campaigns));
      }
    }
    LocalDate from = order.date.minusDays(config.lookbackDays());
    List<Touch> touches = order.touches.stream().filter(t -> !t.day().isBefore(from)).toList();
    if (!touches.isEmpty()) {
      return shared(order, touches, campaigns);
    }
    return List.of(credit(order, UNATTRIBUTED, null, order.utmCampaign, "unattributed", BigDecimal.ONE,
        order.revenue, order.margin, true));
  }

  /** The whole order to one channel, its campaign from the order's utm_campaign. */
  private static Credit whole(Order order, String channel, String basis, PlatformCampaigns campaigns) {
    var campaign = campaigns.match(channel, order.utmCampaign);
    return new Credit(channel, campaign.map(PlatformCampaigns.Campaign::id).orElse(null),
        campaign.map(PlatformCampaigns.Campaign::name).orElse(null), order.utmCampaign, basis, BigDecimal.ONE,
        scaled(order.revenue), scaled(order.margin), true);
  }

  private List<Credit> shared(Order order, List<Touch> touches, PlatformCampaigns campaigns) {
    double[] weights = model.weights(touches.stream().map(Touch::day).toList(), order.date,
        (double) config.halfLifeDays());
    // Touches of one channel and campaign are one credit; its weight is theirs summed.
    Map<List<String>, Double> byCredit = new LinkedHashMap<>();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        Touch t = touches.get(i);
        byCredit.merge(Arrays.asList(t.channel(), t.campaign()), weights[i], Double::sum);
      }
    }
    List<List<String>> keys = new ArrayList<>(byCredit.keySet());
    int primary = 0;
    for (int i = 1; i < keys.size(); i++) {
      // the largest share; among equal shares the later touch
      if (byCredit.get(keys.get(i)) >= byCredit.get(keys.get(primary)) - 1e-12) {
        primary = i;
      }
    }
    BigDecimal[] revenue = split(order.revenue, keys, byCredit, primary);
    BigDecimal[] margin = split(order.margin, keys, byCredit, primary);
    BigDecimal[] shares = split(BigDecimal.ONE, keys, byCredit, primary);
    List<Credit> credits = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String channel = keys.get(i).get(0);
      String reference = keys.get(i).get(1);
      var campaign = campaigns.match(channel, reference);
      credits.add(new Credit(channel, campaign.map(PlatformCampaigns.Campaign::id).orElse(null),
          campaign.map(PlatformCampaigns.Campaign::name).orElse(null), reference, "touchpoints", shares[i], revenue[i],
          margin[i], i == primary));
    }
    return credits;
  }

  private static BigDecimal[] split(BigDecimal amount, List<List<String>> keys, Map<List<String>, Double> weights,
      int largest) {
    BigDecimal[] parts = new BigDecimal[keys.size()];
    if (amount == null) {
      return parts;
    }
    BigDecimal rest = amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = amount.multiply(new BigDecimal(weights.get(keys.get(i)))).setScale(SCALE, RoundingMode.HALF_EVEN);
      rest = rest.subtract(parts[i]);
    }
    parts[largest] = parts[largest].add(rest);
    return parts;
  }

  private static Credit credit(Order order, String channel, String campaignId, String reference, String basis,
      BigDecimal share, BigDecimal revenue, BigDecimal margin, boolean primary) {
    return new Credit(channel, campaignId, null, reference, basis, share, scaled(revenue), scaled(margin), primary);
  }

  private static BigDecimal scaled(BigDecimal amount) {
    return amount == null ? null : amount.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
