-- description: The ad accounts: one row per platform and account, as the API sources list them (every account they read) and as the ad spend knows the others (exports, ad spend files). An account's days are its own: each platform reports spend on the days of the account's time zone, and finance.ad_spend_daily keeps them so.
-- column platform: the ad platform, as in finance.ad_spend_daily.platform
-- column account_id: the ad account's id on its platform, as in finance.ad_spend_daily.account_id
-- column account_name: the account's name as its platform lists it now (for an account only exports know, as the spend rows name it)
-- column currency: the account's currency (ISO 4217): the currency of its spend, which finance.ad_spend_daily converts to the reporting currency
-- column time_zone: the IANA time zone the platform reports the account's days in (Google Ads customer.time_zone, Meta timezone_name, UTC for LinkedIn, Microsoft Advertising's account TimeZone); NULL for an account only exports know
SELECT "platform", "account_id", "account_name", "currency", "time_zone"
FROM "finance"."_facts"."accounts"
