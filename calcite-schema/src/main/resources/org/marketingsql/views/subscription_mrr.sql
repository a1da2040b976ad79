-- description: Monthly recurring revenue of the subscriptions the payment sources sync, per calendar month, with its movements and retention. A month's MRR is what is in force at the end of its last day in the reporting time zone (timeZone); every amount of a month is converted at the rate of the month's first day, the starting MRR too, so exchange rates move no money between the movements.
-- column month_start: first day of the calendar month
-- column fiscal_year: fiscal year of the month (FISCAL_YEAR)
-- column fiscal_quarter: fiscal quarter of the month (FISCAL_QUARTER)
-- column customers_start: customers (logos) with MRR at the end of the month before
-- column customers_end: customers (logos) with MRR at the end of the month
-- column churned_customers: customers with MRR at the start and none at the end
-- metric starting_mrr_rc | reporting currency | MRR at the end of the month before, at this month's rate | What the month starts from; starting_mrr_rc + new_rc + reactivated_rc + expansion_rc - contraction_rc - churned_rc = mrr_rc.
-- metric mrr_rc | reporting currency | sum over subscription items in force at the month's end of unit_amount * quantity * 12 / (12, 1, 52 or 365 per year for month, year, week, day) / 12 / interval_count, less the subscription's discounts in force (percent_off first, then amount_off normalised like the price; once coupons excluded), * FX rate of the month's first day | Monthly recurring revenue at the month's end; trials count from trial_end, incomplete subscriptions never.
-- metric new_rc | reporting currency | MRR at the month's end of customers without MRR at its start and never before | MRR of customers won in the month.
-- metric expansion_rc | reporting currency | sum over customers with MRR at both ends of the month of max(0, end - start) | MRR added by existing customers (upgrades, more seats, discounts ending).
-- metric contraction_rc | reporting currency | sum over customers with MRR at both ends of the month of max(0, start - end) | MRR lost by customers who stay (downgrades, fewer seats, cancelled add-on subscriptions, new discounts).
-- metric churned_rc | reporting currency | MRR at the month's start of customers without MRR at its end | MRR of customers lost in the month.
-- metric reactivated_rc | reporting currency | MRR at the month's end of customers without MRR at its start who had MRR at the end of an earlier month | MRR of customers who came back.
-- metric arr_rc | reporting currency | mrr_rc * 12 | Annual run rate.
-- metric logo_churn | ratio | churned_customers / customers_start | Share of the customers at the month's start lost in the month; NULL without customers at the start.
-- metric revenue_churn | ratio | (churned_rc + contraction_rc) / starting_mrr_rc | Gross MRR churn rate of the month; NULL without starting MRR.
-- metric net_revenue_retention | ratio | (starting_mrr_rc + expansion_rc - contraction_rc - churned_rc) / starting_mrr_rc | MRR kept from the month's starting customers, expansion included (new and reactivated customers excluded); NULL without starting MRR.
-- metric gross_revenue_retention | ratio | (starting_mrr_rc - contraction_rc - churned_rc) / starting_mrr_rc | MRR kept from the month's starting customers, expansion excluded; NULL without starting MRR.
WITH "months" AS (
  SELECT "month_start", SUM("starting_mrr_rc") AS "starting_mrr_rc", SUM("mrr_rc") AS "mrr_rc",
    SUM("new_rc") AS "new_rc", SUM("expansion_rc") AS "expansion_rc", SUM("contraction_rc") AS "contraction_rc",
    SUM("churned_rc") AS "churned_rc", SUM("reactivated_rc") AS "reactivated_rc",
    SUM(CASE WHEN "starting_mrr_rc" > 0 THEN 1 ELSE 0 END) AS "customers_start",
    SUM(CASE WHEN "mrr_rc" > 0 THEN 1 ELSE 0 END) AS "customers_end",
    SUM(CASE WHEN "churned_rc" > 0 THEN 1 ELSE 0 END) AS "churned_customers"
  FROM "finance"."_facts"."subscription_mrr"
  GROUP BY "month_start")
SELECT "month_start", FISCAL_YEAR("month_start") AS "fiscal_year", FISCAL_QUARTER("month_start") AS "fiscal_quarter",
  "starting_mrr_rc", "mrr_rc", "new_rc", "expansion_rc", "contraction_rc", "churned_rc", "reactivated_rc",
  "mrr_rc" * 12 AS "arr_rc",
  CAST("customers_start" AS INTEGER) AS "customers_start", CAST("customers_end" AS INTEGER) AS "customers_end",
  CAST("churned_customers" AS INTEGER) AS "churned_customers",
  DIVIDE("churned_customers", "customers_start") AS "logo_churn",
  DIVIDE("churned_rc" + "contraction_rc", "starting_mrr_rc") AS "revenue_churn",
  DIVIDE("starting_mrr_rc" + "expansion_rc" - "contraction_rc" - "churned_rc", "starting_mrr_rc") AS "net_revenue_retention",
  DIVIDE("starting_mrr_rc" - "contraction_rc" - "churned_rc", "starting_mrr_rc") AS "gross_revenue_retention"
FROM "months"
