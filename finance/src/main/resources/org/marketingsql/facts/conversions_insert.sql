-- Fills _marketing.conversions from the inputs: rows of one day, platform, account, campaign, action and
-- currency are summed, then the value is converted to the reporting currency at the day's rate, as ad spend
-- is. A measure no row reports stays NULL (SUM of NULLs), never 0. Money operands are widened before they
-- are multiplied (see SqlType.WIDE_MONEY).
INSERT INTO "_marketing"."conversions" ("date_day", "platform", "account_id", "campaign_id", "campaign_name",
  "conversion_action", "conversion_action_name", "currency", "fx_rate", "conversions", "conversions_value",
  "conversions_value_rc", "click_through_conversions", "view_through_conversions", "is_primary",
  "is_provisional", "source_name")
SELECT s."date_day", s."platform", s."account_id", s."campaign_id", s."campaign_name",
  s."conversion_action", s."conversion_action_name", s."currency",
  CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END,
  s."conversions", s."conversion_value",
  CAST(CAST(s."conversion_value" AS ${WIDE_MONEY})
    * CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END AS ${MONEY}),
  s."click_through_conversions", s."view_through_conversions", s."is_primary", s."is_provisional", s."source_name"
FROM (
  SELECT u."date_day", u."platform", u."account_id", u."campaign_id", u."conversion_action", u."currency",
    MAX(u."campaign_name") AS "campaign_name",
    MAX(u."conversion_action_name") AS "conversion_action_name",
    SUM(u."conversions") AS "conversions",
    SUM(u."conversion_value") AS "conversion_value",
    SUM(u."click_through_conversions") AS "click_through_conversions",
    SUM(u."view_through_conversions") AS "view_through_conversions",
    MAX(CASE WHEN u."is_primary" THEN 1 ELSE 0 END) = 1 AS "is_primary",
    MAX(CASE WHEN u."is_provisional" THEN 1 ELSE 0 END) = 1 AS "is_provisional",
    MIN(u."source_name") AS "source_name"
  FROM (${inputs}) u
  GROUP BY u."date_day", u."platform", u."account_id", u."campaign_id", u."conversion_action", u."currency") s
LEFT JOIN "_marketing"."fx_daily" f ON f."rate_date" = s."date_day" AND f."currency" = s."currency"
