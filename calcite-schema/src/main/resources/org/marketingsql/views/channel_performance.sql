-- description: Daily campaign performance per platform with the platforms' own efficiency ratios, in the reporting currency.
-- metric ctr | ratio | clicks / impressions | Click-through rate; NULL without impressions.
-- metric cpc | reporting currency | spend_rc / clicks | Cost per click; NULL without clicks.
-- metric cpm | reporting currency | spend_rc * 1000 / impressions | Cost per thousand impressions; NULL without impressions.
-- metric cpa | reporting currency | spend_rc / conversions | Cost per conversion as the platform counts conversions; NULL without conversions.
-- metric roas | ratio | conversions_value_rc / spend_rc | Return on ad spend on the value the platform reports (ROAS(revenue, cost)); NULL when spend is 0.
SELECT "date_day", "platform", "account_id", "account_name", "campaign_id", "campaign_name",
  "impressions", "clicks", "spend", "currency", "spend_rc", "fx_rate", "conversions",
  "conversions_value", "conversions_value_rc", "is_provisional",
  DIVIDE("clicks", "impressions") AS "ctr",
  DIVIDE("spend_rc", "clicks") AS "cpc",
  DIVIDE("spend_rc" * 1000, "impressions") AS "cpm",
  DIVIDE("spend_rc", "conversions") AS "cpa",
  ROAS("conversions_value_rc", "spend_rc") AS "roas"
FROM "finance"."ad_spend_daily"
