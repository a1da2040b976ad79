-- description: Return on marketing investment per calendar month, ad platform and campaign, on the order revenue the configured attribution model credits to the campaign, in the reporting currency.
-- column month_start: first day of the calendar month
-- column platform: the ad platform of the campaign (finance.ad_spend_daily.platform)
-- column campaign_id: the platform's id of the campaign
-- column campaign_name: the campaign's name in the month (the last in alphabetical order when it was renamed within the month); for a month without spend, its latest name
-- column spend_rc: ad spend of the campaign in the month (sum of finance.ad_spend_daily.spend_rc)
-- column attributed_revenue_rc: revenue of the month's orders credited to the campaign by the one attribution decision (the order's utm_campaign, or its touchpoints' campaigns shared by the configured model, matched to the campaign by id, then by name): sum of the credited share of finance.orders.amount_rc
-- metric roi | ratio | (attributed_revenue_rc * gross margin - spend_rc) / spend_rc | Return on marketing investment of the campaign, ROI(credited margin, spend_rc) as in channel_roi; NULL when spend is 0.
-- metric roas | ratio | attributed_revenue_rc / spend_rc | Return on ad spend of the campaign on the revenue credited to it, ROAS(attributed_revenue_rc, spend_rc) as in channel_roi; NULL when spend is 0.
SELECT "month_start", "platform", "campaign_id", "campaign_name", "spend_rc", "attributed_revenue_rc",
  ROI("gross_margin_rc", "spend_rc") AS "roi",
  ROAS("attributed_revenue_rc", "spend_rc") AS "roas"
FROM (
  SELECT COALESCE(s."month_start", r."month_start") AS "month_start",
    COALESCE(s."platform", r."platform") AS "platform",
    COALESCE(s."campaign_id", r."campaign_id") AS "campaign_id",
    COALESCE(s."campaign_name", r."campaign_name") AS "campaign_name",
    COALESCE(s."spend_rc", 0) AS "spend_rc",
    COALESCE(r."attributed_revenue_rc", 0) AS "attributed_revenue_rc",
    COALESCE(r."gross_margin_rc", 0) AS "gross_margin_rc"
  FROM (
    SELECT FLOOR("date_day" TO MONTH) AS "month_start", "platform", "campaign_id",
      MAX("campaign_name") AS "campaign_name", SUM("spend_rc") AS "spend_rc"
    FROM "finance"."ad_spend_daily"
    GROUP BY FLOOR("date_day" TO MONTH), "platform", "campaign_id") s
  FULL OUTER JOIN (
    SELECT FLOOR("order_date" TO MONTH) AS "month_start", "channel" AS "platform", "campaign_id",
      MAX("campaign_name") AS "campaign_name",
      SUM("revenue_rc") AS "attributed_revenue_rc", SUM("margin_rc") AS "gross_margin_rc"
    FROM "finance"."_facts"."order_credit"
    WHERE "campaign_id" IS NOT NULL
    GROUP BY FLOOR("order_date" TO MONTH), "channel", "campaign_id") r
  ON s."month_start" = r."month_start" AND s."platform" = r."platform" AND s."campaign_id" = r."campaign_id") t
