package org.marketingsql.metrics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * Rebuilds the monthly totals the monthly finance views read, from the daily facts, once per refresh:
 * {@code _marketing.monthly_spend} (ad spend, platform-reported value and last day with spend per month and
 * platform), {@code monthly_credit} (credited revenue and margin per month and channel, from {@code
 * order_credit}), {@code monthly_cohorts} (new customers and their margin per cohort month and acquisition
 * channel, from {@code customers}) and {@code order_months} (orders per month). channel_roi, budget_vs_actual
 * and unit_economics then sum a few hundred rows instead of every ad spend row and order credit in every query
 * (docs/performance.md). The sums are DECIMAL, so they equal the views' former sums to the last digit. Each
 * total has the state of the fact it sums: a failed fact makes its totals fail with the same message.
 */
final class MonthlyFacts {
  private MonthlyFacts() {
  }

  /** Rebuilds every monthly total inside the caller's transaction, after the facts they sum. */
  static void refresh(Handle handle) {
    rebuild(handle, "monthly_spend", "ad_spend", """
        INSERT INTO "_marketing"."monthly_spend" ("month_start", "platform", "spend_rc", "platform_value_rc", "last_day")
        SELECT CAST(DATE_TRUNC('month', "date_day") AS DATE), "platform", SUM("spend_rc"), SUM("conversions_value_rc"),
          MAX("date_day")
        FROM "_marketing"."ad_spend"
        GROUP BY CAST(DATE_TRUNC('month', "date_day") AS DATE), "platform"
        """);
    rebuild(handle, "monthly_credit", OrderAttribution.FACT, """
        INSERT INTO "_marketing"."monthly_credit" ("month_start", "channel", "revenue_rc", "margin_rc")
        SELECT CAST(DATE_TRUNC('month', "order_date") AS DATE), "channel", SUM("revenue_rc"), SUM("margin_rc")
        FROM "_marketing"."order_credit"
        GROUP BY CAST(DATE_TRUNC('month', "order_date") AS DATE), "channel"
        """);
    rebuild(handle, "monthly_cohorts", CustomerFacts.FACT, """
        INSERT INTO "_marketing"."monthly_cohorts" ("cohort_month", "channel", "new_customers", "margin_rc")
        SELECT "cohort_month", "acquisition_channel", COUNT(*), SUM("margin_rc")
        FROM "_marketing"."customers"
        GROUP BY "cohort_month", "acquisition_channel"
        """);
    rebuild(handle, "order_months", "orders", """
        INSERT INTO "_marketing"."order_months" ("month_start", "orders")
        SELECT CAST(DATE_TRUNC('month', "order_date") AS DATE), COUNT(*)
        FROM "_marketing"."orders"
        GROUP BY CAST(DATE_TRUNC('month', "order_date") AS DATE)
        """);
  }

  private static void rebuild(Handle handle, String fact, String input, String insert) {
    handle.execute("DELETE FROM \"_marketing\".\"" + fact + "\"");
    String error = handle.createQuery(
            "SELECT \"error\" FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ? AND \"status\" <> 'ok'")
        .bind(0, input).mapTo(String.class).findOne().orElse(null);
    if (error == null) {
      handle.execute(insert);
    }
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", fact);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", fact,
        error == null ? "ok" : "failed", error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }
}
