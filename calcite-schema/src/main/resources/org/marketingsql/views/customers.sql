-- description: One row per customer who has an order, with the month and channel that acquired them (from their first order).
-- column customer_id: the customer as the order sources identify them; orders without a customer are left out
-- column first_order_date: date of the customer's first order
-- column acquisition_channel: acquisition_channel of the customer's first order (unattributed when it names none; of several orders that day, the alphabetically first channel)
-- column cohort_month: first day of the month of the first order: the customer's acquisition cohort
-- column orders: number of orders of the customer so far
-- column revenue_rc: revenue of all the customer's orders so far (sum of finance.orders.amount_rc)
SELECT f."customer_id", f."first_order_date",
  MIN(COALESCE(o."acquisition_channel", 'unattributed')) AS "acquisition_channel",
  FLOOR(f."first_order_date" TO MONTH) AS "cohort_month",
  f."orders", f."revenue_rc"
FROM (
  SELECT "customer_id", MIN("order_date") AS "first_order_date", COUNT(*) AS "orders", SUM("amount_rc") AS "revenue_rc"
  FROM "finance"."orders"
  WHERE "customer_id" IS NOT NULL
  GROUP BY "customer_id") f
JOIN "finance"."orders" o ON o."customer_id" = f."customer_id" AND o."order_date" = f."first_order_date"
GROUP BY f."customer_id", f."first_order_date", f."orders", f."revenue_rc"
