WITH "acquired" AS (
  SELECT "customer_id", "cohort_month", "acquisition_channel" AS "channel", "margin_rc" FROM "finance"."customers"
  UNION ALL
  SELECT "customer_id", "cohort_month", 'all', "margin_rc" FROM "finance"."customers"),
"spend" AS (
  SELECT FLOOR("date_day" TO MONTH) AS "month_start", "platform" AS "channel", SUM("spend_rc") AS "spend_rc"
  FROM "finance"."ad_spend_daily" GROUP BY FLOOR("date_day" TO MONTH), "platform"
  UNION ALL
  SELECT FLOOR("date_day" TO MONTH), 'all', SUM("spend_rc")
  FROM "finance"."ad_spend_daily" GROUP BY FLOOR("date_day" TO MONTH)),
"cohorts" AS (
  SELECT "cohort_month" AS "month_start", "channel", COUNT(*) AS "new_customers",
    SUM("margin_rc") AS "margin_rc"
  FROM "acquired" GROUP BY "cohort_month", "channel"),
"last_month" AS (
  SELECT FLOOR(MAX("order_date") TO MONTH) AS "last_month" FROM "finance"."orders"),
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
