-- description: Acquisition cost against the margin acquired customers bring, per calendar month and acquisition channel (channel all: every channel and all ad spend together).
-- column month_start: first day of the calendar month the customers were acquired in (their cohort month)
-- column fiscal_year: fiscal year of the month (FISCAL_YEAR)
-- column fiscal_quarter: fiscal quarter of the month (FISCAL_QUARTER)
-- column channel: acquisition channel: an ad platform (finance.ad_spend_daily.platform) or another channel of the orders (organic, ...); all for the blended row
-- column spend_rc: acquisition spend: ad spend of the channel in the month (sum of finance.ad_spend_daily.spend_rc); for all, every platform's
-- column new_customers: customers whose first order is in the month, acquired by the channel (finance.customers)
-- column months_observed: months from month_start to the last month with orders, both included
-- metric cac | reporting currency | spend_rc / new_customers | Customer acquisition cost; NULL without new customers.
-- metric avg_ltv | reporting currency | margin so far of the month's new customers (sum of finance.customers.margin_rc) / new_customers | Historical LTV: margin an acquired customer has brought so far; NULL without new customers.
-- metric ltv_to_cac | ratio | avg_ltv / cac | LTV:CAC ratio; NULL without new customers or without spend.
-- metric payback_months | months | cac / (avg_ltv / months_observed) | Months of the average monthly margin per customer it takes to earn back the CAC; NULL without margin.
-- metric payback_month | months | 1 + the smallest k such that the margin of the month's new customers' orders from month_start to k months later >= spend_rc | The month, counting month_start as 1, in which the cohort's cumulative margin first covered its acquisition spend; NULL without new customers or while it has not.
WITH "acquired" AS (
  SELECT "customer_id", "cohort_month", "acquisition_channel" AS "channel", "margin_rc" FROM "finance"."customers"
  UNION ALL
  SELECT "customer_id", "cohort_month", 'all', "margin_rc" FROM "finance"."customers"),
"spend" AS (
  SELECT "month_start", CAST("platform" AS VARCHAR) AS "channel", CAST("spend_rc" AS DECIMAL(19, 6)) AS "spend_rc"
  FROM "finance"."_facts"."monthly_spend"
  UNION ALL
  SELECT "month_start", 'all', CAST(SUM("spend_rc") AS DECIMAL(19, 6))
  FROM "finance"."_facts"."monthly_spend" GROUP BY "month_start"),
"cohorts" AS (
  SELECT "cohort_month" AS "month_start", CAST("channel" AS VARCHAR) AS "channel", "new_customers", CAST("margin_rc" AS DECIMAL(19, 6)) AS "margin_rc"
  FROM "finance"."_facts"."monthly_cohorts"
  UNION ALL
  SELECT "cohort_month", 'all', SUM("new_customers"), CAST(SUM("margin_rc") AS DECIMAL(19, 6))
  FROM "finance"."_facts"."monthly_cohorts" GROUP BY "cohort_month"),
"last_month" AS (
  SELECT MAX("month_start") AS "last_month" FROM "finance"."_facts"."order_months"),
"joined" AS (
  SELECT COALESCE(s."month_start", c."month_start") AS "month_start", COALESCE(s."channel", c."channel") AS "channel",
    COALESCE(s."spend_rc", 0) AS "spend_rc", COALESCE(c."new_customers", 0) AS "new_customers",
    COALESCE(c."margin_rc", 0) AS "margin_rc"
  FROM "spend" s FULL OUTER JOIN "cohorts" c ON s."month_start" = c."month_start" AND s."channel" = c."channel"),
"cohort_orders" AS (
  SELECT a."cohort_month", a."channel",
    CAST((EXTRACT(YEAR FROM o."order_date") - EXTRACT(YEAR FROM a."cohort_month")) * 12
      + EXTRACT(MONTH FROM o."order_date") - EXTRACT(MONTH FROM a."cohort_month") AS INTEGER) AS "k",
    SUM(o."margin_rc") AS "margin_rc"
  FROM "acquired" a JOIN "finance"."orders" o ON o."customer_id" = a."customer_id"
  GROUP BY a."cohort_month", a."channel",
    CAST((EXTRACT(YEAR FROM o."order_date") - EXTRACT(YEAR FROM a."cohort_month")) * 12
      + EXTRACT(MONTH FROM o."order_date") - EXTRACT(MONTH FROM a."cohort_month") AS INTEGER)),
"cumulative" AS (
  SELECT m."cohort_month", m."channel", m."k", SUM(p."margin_rc") AS "cumulative_rc"
  FROM "cohort_orders" m JOIN "cohort_orders" p
    ON p."cohort_month" = m."cohort_month" AND p."channel" = m."channel" AND p."k" <= m."k"
  GROUP BY m."cohort_month", m."channel", m."k"),
"observed" AS (
  SELECT j.*, CASE WHEN l."last_month" IS NULL OR l."last_month" < j."month_start" THEN 0
    ELSE CAST((EXTRACT(YEAR FROM l."last_month") - EXTRACT(YEAR FROM j."month_start")) * 12
      + EXTRACT(MONTH FROM l."last_month") - EXTRACT(MONTH FROM j."month_start") + 1 AS INTEGER) END AS "months_observed"
  FROM "joined" j CROSS JOIN "last_month" l),
"paid_back" AS (
  SELECT c."cohort_month", c."channel", MIN(c."k") + 1 AS "payback_month"
  FROM "cumulative" c JOIN "observed" b ON c."cohort_month" = b."month_start" AND c."channel" = b."channel"
  WHERE c."cumulative_rc" >= b."spend_rc"
  GROUP BY c."cohort_month", c."channel")
SELECT b."month_start", FISCAL_YEAR(b."month_start") AS "fiscal_year", FISCAL_QUARTER(b."month_start") AS "fiscal_quarter",
  b."channel", b."spend_rc", b."new_customers", b."months_observed",
  DIVIDE(b."spend_rc", b."new_customers") AS "cac",
  DIVIDE(b."margin_rc", b."new_customers") AS "avg_ltv",
  CASE WHEN b."new_customers" = 0 THEN NULL ELSE DIVIDE(b."margin_rc", b."spend_rc") END AS "ltv_to_cac",
  CASE WHEN b."new_customers" = 0 THEN NULL ELSE DIVIDE(b."spend_rc" * b."months_observed", b."margin_rc") END
    AS "payback_months",
  CASE WHEN b."new_customers" = 0 THEN NULL ELSE CAST(p."payback_month" AS INTEGER) END AS "payback_month"
FROM "observed" b
LEFT JOIN "paid_back" p ON p."cohort_month" = b."month_start" AND p."channel" = b."channel"
