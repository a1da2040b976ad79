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
    SELECT FLOOR("date_day" TO MONTH) AS "month_start", "platform" AS "channel",
      SUM("spend_rc") AS "spend_rc", SUM("conversions_value_rc") AS "platform_value_rc"
    FROM "finance"."ad_spend_daily"
    GROUP BY FLOOR("date_day" TO MONTH), "platform") s
  FULL OUTER JOIN (
    SELECT FLOOR("order_date" TO MONTH) AS "month_start", "channel",
      SUM("revenue_rc") AS "attributed_revenue_rc", SUM("margin_rc") AS "gross_margin_rc"
    FROM "finance"."_facts"."order_credit"
    GROUP BY FLOOR("order_date" TO MONTH), "channel") r
  ON s."month_start" = r."month_start" AND s."channel" = r."channel") t
