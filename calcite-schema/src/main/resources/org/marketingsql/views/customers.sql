-- description: One row per customer who has an order, with the month and channel that acquired them: the channel their first order is credited to (finance.orders.acquisition_channel, the one attribution decision channel_roi also uses).
-- column customer_id: the customer as the order sources identify them; orders without a customer are left out
-- column first_order_date: date of the customer's first order
-- column acquisition_channel: the channel the first order is credited to (finance.orders.acquisition_channel: its own channel, its utm_source, else the configured model over the touchpoints within lookbackDays); with several orders on the first day, the first attributed channel by name; else unattributed
-- column cohort_month: first day of the month of the first order: the customer's acquisition cohort
-- column orders: number of orders of the customer so far
-- column margin_rc: gross margin of all the customer's orders so far (sum of finance.orders.margin_rc)
-- column revenue_rc: revenue of all the customer's orders so far (sum of finance.orders.amount_rc)
SELECT f."customer_id", f."first_order_date",
  CAST(COALESCE(MIN(CASE WHEN o."acquisition_channel" <> 'unattributed' THEN o."acquisition_channel" END), 'unattributed')
    AS VARCHAR) AS "acquisition_channel",
  FLOOR(f."first_order_date" TO MONTH) AS "cohort_month",
  f."orders", f."revenue_rc", f."margin_rc"
FROM (
  SELECT "customer_id", MIN("order_date") AS "first_order_date", COUNT(*) AS "orders", SUM("amount_rc") AS "revenue_rc",
    SUM("margin_rc") AS "margin_rc"
  FROM "finance"."orders"
  WHERE "customer_id" IS NOT NULL
  GROUP BY "customer_id") f
JOIN "finance"."orders" o ON o."customer_id" = f."customer_id" AND o."order_date" = f."first_order_date"
GROUP BY f."customer_id", f."first_order_date", f."orders", f."revenue_rc", f."margin_rc"
