-- description: Marketing budget against actual ad spend per calendar month and channel, with the running month's projected month-end spend.
-- column month_start: first day of the calendar month
-- column fiscal_year: fiscal year of the month (FISCAL_YEAR)
-- column fiscal_quarter: fiscal quarter of the month (FISCAL_QUARTER)
-- column channel: the budget's channel; ad platforms match finance.ad_spend_daily.platform
-- column budget_rc: budgeted amount * the FX rate of the month's first day
-- column actual_rc: actual spend in the month (sum of finance.ad_spend_daily.spend_rc)
-- metric variance_rc | reporting currency | actual_rc - budget_rc | Budget variance: positive means over budget.
-- metric variance_pct | ratio | (actual_rc - budget_rc) / budget_rc | Budget variance as a share of budget; NULL without a budget.
-- metric projected_rc | reporting currency | actual_rc / days with data * days in month (running month); actual_rc (past months) | Pacing: where the month's spend lands at the current daily rate; NULL for months that have not started.
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
    SELECT "month_start", "platform" AS "channel", CAST("spend_rc" AS DECIMAL(19, 6)) AS "actual_rc", "last_day"
    FROM "finance"."_facts"."monthly_spend") a
  ON b."month_start" = a."month_start" AND b."channel" = a."channel") t
