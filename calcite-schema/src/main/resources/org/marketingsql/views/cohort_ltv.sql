-- description: Revenue per acquired customer, cumulated month by month since acquisition, per cohort month and acquisition channel (channel all: every channel together).
-- column cohort_month: the month the customers placed their first order (finance.customers.cohort_month)
-- column acquisition_channel: the channel that acquired the cohort's customers, or all for the whole cohort
-- column months_since_acquisition: 0 for the cohort month itself, 1 for the month after, ... up to the last month that has orders
-- column customers: customers acquired in the cohort month through the channel
-- metric cumulative_revenue_per_customer_rc | reporting currency | revenue of the cohort's orders from the cohort month to months_since_acquisition / customers | Historical revenue LTV curve of a cohort: what an acquired customer has brought in so far.
WITH "acquired" AS (
  SELECT "customer_id", "cohort_month", "acquisition_channel" FROM "finance"."customers"
  UNION ALL
  SELECT "customer_id", "cohort_month", 'all' FROM "finance"."customers"),
"cohorts" AS (
  SELECT "cohort_month", "acquisition_channel", COUNT(*) AS "customers"
  FROM "acquired" GROUP BY "cohort_month", "acquisition_channel"),
"months" AS (
  SELECT DISTINCT FLOOR("order_date" TO MONTH) AS "month_start" FROM "finance"."orders"),
"grid" AS (
  SELECT c."cohort_month", c."acquisition_channel", c."customers",
    CAST((EXTRACT(YEAR FROM m."month_start") - EXTRACT(YEAR FROM c."cohort_month")) * 12
      + EXTRACT(MONTH FROM m."month_start") - EXTRACT(MONTH FROM c."cohort_month") AS INTEGER) AS "months_since_acquisition"
  FROM "cohorts" c JOIN "months" m ON m."month_start" >= c."cohort_month"),
"revenue" AS (
  SELECT a."cohort_month", a."acquisition_channel",
    CAST((EXTRACT(YEAR FROM o."order_date") - EXTRACT(YEAR FROM a."cohort_month")) * 12
      + EXTRACT(MONTH FROM o."order_date") - EXTRACT(MONTH FROM a."cohort_month") AS INTEGER) AS "months_since_acquisition",
    o."amount_rc"
  FROM "acquired" a JOIN "finance"."orders" o ON o."customer_id" = a."customer_id")
SELECT g."cohort_month", g."acquisition_channel", g."months_since_acquisition", g."customers",
  DIVIDE(COALESCE(SUM(r."amount_rc"), 0), g."customers") AS "cumulative_revenue_per_customer_rc"
FROM "grid" g
LEFT JOIN "revenue" r ON r."cohort_month" = g."cohort_month" AND r."acquisition_channel" = g."acquisition_channel"
  AND r."months_since_acquisition" <= g."months_since_acquisition"
GROUP BY g."cohort_month", g."acquisition_channel", g."months_since_acquisition", g."customers"
