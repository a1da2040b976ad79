package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Credits every order's revenue to channels by an {@link AttributionModel}: the touches of the
 * order's customer up to the order's day share it; an order without touches stays with its own
 * acquisition_channel (unattributed when it names none). Shares are rounded to 6 decimals and the
 * rounding rest goes to the largest share, so every model credits exactly the total revenue.
 */
public final class RevenueAttribution {
  private static final int SCALE = 6;

  private final AttributionModel model;
  private final Double halfLifeDays;

  public RevenueAttribution(AttributionModel model, Double halfLifeDays) {
    this.model = Objects.requireNonNull(model, "model");
    if (model == AttributionModel.TIME_DECAY && (halfLifeDays == null || !(halfLifeDays > 0))) {
      throw new IllegalArgumentException("ATTRIBUTED_REVENUE('time_decay', half_life_days) needs half_life_days > 0,"
          + " got " + halfLifeDays);
    }
    this.halfLifeDays = halfLifeDays;
  }

  /** Revenue per channel, sorted by channel, from the store's orders and touchpoints facts. */
  public Map<String, BigDecimal> revenueByChannel(Handle handle) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    String[] current = {null};
    Object[] order = new Object[3];
    List<LocalDate> days = new ArrayList<>();
    List<String> channels = new ArrayList<>();
    handle.createQuery("""
            SELECT o."source_name" || '|' || o."order_id" || '|' || CAST(o."order_date" AS VARCHAR), o."order_date",
              o."amount_rc", COALESCE(o."acquisition_channel", 'unattributed'), t."touched_at", t."channel"
            FROM "_marketing"."orders" o
            LEFT JOIN "_marketing"."touchpoints" t ON t."customer_id" = o."customer_id"
              AND CAST(t."touched_at" AS DATE) <= o."order_date"
            ORDER BY 1, t."touched_at", t."channel"
            """)
        .map((rs, ctx) -> {
          String key = rs.getString(1);
          if (!key.equals(current[0])) {
            if (current[0] != null) {
              credit(totals, (LocalDate) order[0], (BigDecimal) order[1], (String) order[2], days, channels);
            }
            current[0] = key;
            order[0] = rs.getObject(2, LocalDate.class);
            order[1] = rs.getBigDecimal(3);
            order[2] = rs.getString(4);
            days.clear();
            channels.clear();
          }
          LocalDateTime touched = rs.getObject(5, LocalDateTime.class);
          if (touched != null) {
            days.add(touched.toLocalDate());
            channels.add(rs.getString(6));
          }
          return null;
        })
        .forEach(ignored -> { });
    if (current[0] != null) {
      credit(totals, (LocalDate) order[0], (BigDecimal) order[1], (String) order[2], days, channels);
    }
    return totals;
  }

  private void credit(Map<String, BigDecimal> totals, LocalDate orderDate, BigDecimal amount, String fallback,
      List<LocalDate> days, List<String> channels) {
    if (amount == null) {
      return;
    }
    if (days.isEmpty()) {
      totals.merge(fallback, amount.setScale(SCALE, RoundingMode.HALF_EVEN), BigDecimal::add);
      return;
    }
    double[] weights = model.weights(days, orderDate, halfLifeDays);
    BigDecimal rest = amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    int largest = 0;
    BigDecimal[] shares = new BigDecimal[weights.length];
    for (int i = 0; i < weights.length; i++) {
      shares[i] = amount.multiply(new BigDecimal(weights[i])).setScale(SCALE, RoundingMode.HALF_EVEN);
      rest = rest.subtract(shares[i]);
      if (weights[i] > weights[largest]) {
        largest = i;
      }
    }
    shares[largest] = shares[largest].add(rest);
    for (int i = 0; i < shares.length; i++) {
      if (weights[i] > 0) { // a touch the model gives nothing does not make its channel a row
        totals.merge(channels.get(i), shares[i], BigDecimal::add);
      }
    }
  }
}
