-- description: Ad spend per day, platform, ad account and campaign, in the account's currency and the reporting currency. Rows of one key in an export are summed.
-- column date_day: the day the spend accrued: the platform's reporting day, in the account's own time zone (finance.accounts.time_zone), not converted to the reporting time zone
-- column account_id: the ad account's id on its platform (finance.accounts lists every account)
-- column account_name: the ad account's name as its platform lists it; NULL when neither the row's source nor any other names the account
-- column platform: google_ads, meta_ads, linkedin_ads, microsoft_ads, or the platform named in the export
-- column spend: spend in the account's currency (column currency)
-- column spend_rc: spend * fx_rate: spend in the reporting currency
-- column fx_rate: reporting-currency units per unit of currency, at the day's rate or the last known before it
-- column conversions: conversions as the platform counts them
-- column conversions_value: conversion value the platform reports, in the account's currency
-- column conversions_value_rc: conversions_value * fx_rate: the platform's conversion value in the reporting currency
-- column is_provisional: true for days inside the source's look-back window, whose numbers may still change
SELECT "date_day", "platform", "account_id", "account_name", "campaign_id", "campaign_name",
  "impressions", "clicks", "spend", "currency", "spend_rc", "fx_rate", "conversions",
  "conversions_value", "conversions_value_rc", "is_provisional"
FROM "finance"."_facts"."ad_spend"
