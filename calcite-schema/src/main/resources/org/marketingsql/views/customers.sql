-- description: One row per customer who has an order, with the month and channel that acquired them: their first order's acquisition_channel, or, when the order names none, the channel of their first touch up to that order.
-- column customer_id: the customer as the order sources identify them; orders without a customer are left out
-- column first_order_date: date of the customer's first order
-- column acquisition_channel: the first order's acquisition_channel; when it names none, the first-touch channel (the earliest touchpoint on or before the first order day; ties: the first channel by name); else unattributed
-- column cohort_month: first day of the month of the first order: the customer's acquisition cohort
-- column orders: number of orders of the customer so far
-- column margin_rc: gross margin of all the customer's orders so far (sum of finance.orders.margin_rc)
-- column revenue_rc: revenue of all the customer's orders so far (sum of finance.orders.amount_rc)
SELECT c."customer_id", c."first_order_date", CASE WHEN c."order_channel" = 'unattributed' AND t."channel" IS NOT NULL THEN t."channel"
    ELSE c."order_channel" END AS "acquisition_channel",
  c."cohort_month", c."orders", c."revenue_rc", c."margin_rc"
FROM (
  SELECT f."customer_id", f."first_order_date",
    MIN(COALESCE(o."acquisition_channel", 'unattributed')) AS "order_channel",
    FLOOR(f."first_order_date" TO MONTH) AS "cohort_month",
    f."orders", f."revenue_rc", f."margin_rc"
  FROM (
    SELECT "customer_id", MIN("order_date") AS "first_order_date", COUNT(*) AS "orders", SUM("amount_rc") AS "revenue_rc",
      SUM("margin_rc") AS "margin_rc"
    FROM "finance"."orders"
    WHERE "customer_id" IS NOT NULL
    GROUP BY "customer_id") f
  JOIN "finance"."orders" o ON o."customer_id" = f."customer_id" AND o."order_date" = f."first_order_date"
  GROUP BY f."customer_id", f."first_order_date", f."orders", f."revenue_rc", f."margin_rc") c
LEFT JOIN (
  SELECT p."customer_id", MIN(p."channel") AS "channel"
  FROM "finance"."_facts"."touchpoints" p
  JOIN (
    SELECT tp."customer_id", MIN(tp."touched_at") AS "first_touch"
    FROM "finance"."_facts"."touchpoints" tp
    JOIN (SELECT "customer_id", MIN("order_date") AS "first_order_date" FROM "finance"."orders" GROUP BY "customer_id") fo
      ON fo."customer_id" = tp."customer_id" AND CAST(tp."touched_at" AS DATE) <= fo."first_order_date"
    GROUP BY tp."customer_id") m
  ON m."customer_id" = p."customer_id" AND m."first_touch" = p."touched_at"
  GROUP BY p."customer_id") t
ON t."customer_id" = c."customer_id"
