-- description: Return on marketing investment per calendar month and acquisition channel, in the reporting currency.
-- column month_start: first day of the calendar month
-- column fiscal_year: fiscal year of the month, named by the calendar year it ends in (FISCAL_YEAR)
-- column fiscal_quarter: fiscal quarter of the month, e.g. 2025-Q3 (FISCAL_QUARTER)
-- column channel: acquisition channel: an ad platform (google_ads, ...) or another channel from the orders and their UTM data (organic, email, ...); unattributed for revenue that no order column, utm_source or touchpoint credits
-- column spend_rc: ad spend of the channel in the month (sum of finance.ad_spend_daily.spend_rc)
-- column attributed_revenue_rc: revenue of the month's orders credited to the channel by the one attribution decision (the order's acquisition_channel, its utm_source, else the configured model over its touchpoints; see finance.orders.acquisition_channel): sum of the credited share of finance.orders.amount_rc
-- metric gross_margin_rc | reporting currency | sum of the credited share of finance.orders.margin_rc (amount_rc * gross margin of each order's product line) | Margin on the attributed revenue.
-- column platform_value_rc: conversion value the ad platforms themselves report (sum of conversions_value_rc)
-- metric roi | ratio | (attributed_revenue_rc * gross margin - spend_rc) / spend_rc | Return on marketing investment (ROMI), ROI(gross_margin_rc, spend_rc); NULL when spend is 0.
-- metric roas | ratio | attributed_revenue_rc / spend_rc | Return on ad spend on the revenue attributed to the channel, ROAS(attributed_revenue_rc, spend_rc); NULL when spend is 0.
-- metric platform_roas | ratio | platform_value_rc / spend_rc | ROAS on the value the platforms report; compare with roas to see how much platforms over-claim.
SELECT "month_start", FISCAL_YEAR("month_start") AS "fiscal_year", FISCAL_QUARTER("month_start") AS "fiscal_quarter",
  "channel", "spend_rc", "attributed_revenue_rc",
  "gross_margin_rc",
  "platform_value_rc",
  ROI("gross_margin_rc", "spend_rc") AS "roi",
  ROAS("attributed_revenue_rc", "spend_rc") AS "roas",
  ROAS("platform_value_rc", "spend_rc") AS "platform_roas"
FROM (
  SELECT COALESCE(s."month_start", r."month_start") AS "month_start",
    COALESCE(s."channel", r."channel") AS "channel",
    COALESCE(s."spend_rc", 0) AS "spend_rc",
    COALESCE(r."attributed_revenue_rc", 0) AS "attributed_revenue_rc",
    COALESCE(r."gross_margin_rc", 0) AS "gross_margin_rc",
    COALESCE(s."platform_value_rc", 0) AS "platform_value_rc"
  FROM (
    SELECT "month_start", "platform" AS "channel",
      CAST("spend_rc" AS DECIMAL(19, 6)) AS "spend_rc", CAST("platform_value_rc" AS DECIMAL(19, 6)) AS "platform_value_rc"
    FROM "finance"."_facts"."monthly_spend") s
  FULL OUTER JOIN (
    SELECT "month_start", "channel",
      CAST("revenue_rc" AS DECIMAL(19, 6)) AS "attributed_revenue_rc", CAST("margin_rc" AS DECIMAL(19, 6)) AS "gross_margin_rc"
    FROM "finance"."_facts"."monthly_credit") r
  ON s."month_start" = r."month_start" AND s."channel" = r."channel") t
