package org.marketingsql.metrics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * Rebuilds {@code _marketing.customers}: one row per customer who has an order, with the first order's day,
 * the channel that acquired them, and their orders, revenue and margin so far; {@code finance.customers}
 * reads it, and through it {@code cohort_ltv} and {@code unit_economics}. Computed once per refresh, from the
 * orders and the attribution decision ({@link OrderAttribution}), instead of in every query: on PostgreSQL
 * that join of the orders with their own aggregate took most of a dashboard's time (docs/performance.md).
 */
final class CustomerFacts {
  static final String FACT = "customers";

  private CustomerFacts() {
  }

  /**
   * Rebuilds the fact inside the caller's transaction, after the attribution decision: the acquisition channel
   * is the first attributed channel by name among the orders of the first day, else {@code unattributed}
   * (finance.orders' {@code acquisition_channel}). The orders' failure is this fact's failure.
   */
  static void refresh(Handle handle) {
    handle.execute("DELETE FROM \"_marketing\".\"customers\"");
    handle.execute("""
        INSERT INTO "_marketing"."customers" ("customer_id", "first_order_date", "acquisition_channel", "cohort_month",
          "orders", "revenue_rc", "margin_rc")
        SELECT f."customer_id", f."first_order_date",
          COALESCE(MIN(CASE WHEN COALESCE(o."attributed_channel", 'unattributed') <> 'unattributed'
            THEN o."attributed_channel" END), 'unattributed'),
          CAST(DATE_TRUNC('month', f."first_order_date") AS DATE), f."orders", f."revenue_rc", f."margin_rc"
        FROM (
          SELECT "customer_id", MIN("order_date") AS "first_order_date", COUNT(*) AS "orders",
            SUM("amount_rc") AS "revenue_rc", SUM("margin_rc") AS "margin_rc"
          FROM "_marketing"."orders"
          WHERE "customer_id" IS NOT NULL
          GROUP BY "customer_id") f
        JOIN "_marketing"."orders" o ON o."customer_id" = f."customer_id" AND o."order_date" = f."first_order_date"
        GROUP BY f."customer_id", f."first_order_date", f."orders", f."revenue_rc", f."margin_rc"
        """);
    String error = handle.createQuery(
            "SELECT \"error\" FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = 'orders' AND \"status\" <> 'ok'")
        .mapTo(String.class).findOne().orElse(null);
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT,
        error == null ? "ok" : "failed", error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }
}
