-- description: How much order revenue the attribution decision could credit to a channel and to a campaign, per calendar month and order source, and how much stays unattributed, in the reporting currency.
-- column month_start: first day of the calendar month of the orders
-- column source_name: the configured source the orders came from (finance.orders.source_name)
-- column orders: number of orders of the month from the source
-- column revenue_rc: their revenue (sum of finance.orders.amount_rc)
-- metric channel_attributed_rc | reporting currency | revenue_rc credited to a channel other than unattributed | Revenue with a channel: from the order's own channel, its utm_source, or its touchpoints.
-- metric campaign_attributed_rc | reporting currency | revenue_rc credited to a campaign of an ad platform (campaign_id matched) | Revenue that finance.campaign_roi counts.
-- metric unattributed_rc | reporting currency | revenue_rc - channel_attributed_rc | Revenue with no channel: no channel column, no utm_source and no touchpoint within lookbackDays.
-- metric unmatched_campaigns | count | distinct campaign references (utm_campaign, touchpoint campaign_id) of the orders that match no campaign of the channel's platform | Campaign names or ids to check: finance.orders lists each order's utm_campaign beside its campaign_id.
SELECT FLOOR("order_date" TO MONTH) AS "month_start", "source_name",
  COUNT(DISTINCT "order_row") AS "orders",
  SUM("revenue_rc") AS "revenue_rc",
  SUM(CASE WHEN "channel" <> 'unattributed' THEN "revenue_rc" ELSE 0 END) AS "channel_attributed_rc",
  SUM(CASE WHEN "campaign_id" IS NOT NULL THEN "revenue_rc" ELSE 0 END) AS "campaign_attributed_rc",
  SUM(CASE WHEN "channel" = 'unattributed' THEN "revenue_rc" ELSE 0 END) AS "unattributed_rc",
  COUNT(DISTINCT CASE WHEN "campaign_id" IS NULL THEN "campaign_ref" END) AS "unmatched_campaigns"
FROM "finance"."_facts"."order_credit"
GROUP BY FLOOR("order_date" TO MONTH), "source_name"
