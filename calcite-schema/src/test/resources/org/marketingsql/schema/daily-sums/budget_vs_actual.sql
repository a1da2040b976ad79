SELECT "month_start", FISCAL_YEAR("month_start") AS "fiscal_year", FISCAL_QUARTER("month_start") AS "fiscal_quarter",
  "channel", "budget_rc", "actual_rc",
  "actual_rc" - "budget_rc" AS "variance_rc",
  DIVIDE("actual_rc" - "budget_rc", "budget_rc") AS "variance_pct",
  PACING_PROJECTION("actual_rc", "month_start", COALESCE("last_day", "month_start")) AS "projected_rc"
FROM (
  SELECT COALESCE(b."month_start", a."month_start") AS "month_start",
    COALESCE(b."channel", a."channel") AS "channel",
    COALESCE(b."budget_rc", 0) AS "budget_rc",
    COALESCE(a."actual_rc", 0) AS "actual_rc",
    a."last_day"
  FROM (
    SELECT "month_start", "channel", SUM("amount_rc") AS "budget_rc"
    FROM "finance"."_facts"."budgets"
    GROUP BY "month_start", "channel") b
  FULL OUTER JOIN (
    SELECT FLOOR("date_day" TO MONTH) AS "month_start", "platform" AS "channel",
      SUM("spend_rc") AS "actual_rc", MAX("date_day") AS "last_day"
    FROM "finance"."ad_spend_daily"
    GROUP BY FLOOR("date_day" TO MONTH), "platform") a
  ON b."month_start" = a."month_start" AND b."channel" = a."channel") t
