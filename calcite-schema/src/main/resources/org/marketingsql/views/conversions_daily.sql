-- description: Conversions per day, ad platform, ad account, campaign and conversion action, as the platforms report them, with their value in the reporting currency and whether the action is primary. Primary actions are the source's primaryConversions, else the platform's own (docs/finance.md, Conversions by action).
-- column date_day: the day the conversions are reported for (the platform's reporting day, in the account's time zone)
-- column platform: google_ads, meta_ads, linkedin_ads or microsoft_ads
-- column account_id: the ad account's id on the platform
-- column campaign_id: the campaign's id (for LinkedIn, the campaign group's), as in finance.ad_spend_daily
-- column campaign_name: the campaign's name as the platform reported it
-- column conversion_action: the conversion action's id: Google's conversion action id, Meta's action_type, LinkedIn's conversion id, Microsoft's goal id
-- column conversion_action_name: the conversion action's name (Meta: the action_type again; LinkedIn: the conversion's URN, as adAnalytics gives no names; Microsoft: the goal's name)
-- column currency: the ad account's currency, ISO 4217
-- column conversions: the action's conversions as the platform counts them (Google: all_conversions; Meta: the action's value under the attribution windows asked for; LinkedIn: externalWebsiteConversions; Microsoft: AllConversionsQualified); may be fractional
-- column conversions_value: the conversions' value in the account's currency; NULL where the platform reports no value for the action
-- column fx_rate: reporting-currency units per unit of currency, at the day's rate or the last known before it
-- column conversions_value_rc: conversions_value * fx_rate, rounded to 6 decimals: the value in the reporting currency
-- column click_through_conversions: conversions after a click (Meta: the longest click window asked for; LinkedIn: post-click); NULL where the platform does not split them (Google, Microsoft)
-- column view_through_conversions: conversions after a view without click (Meta: the view window asked for; LinkedIn: post-view; Microsoft: ViewThroughConversionsQualified, Microsoft Audience network only); NULL where the platform does not report them per action (Google)
-- column is_primary: true when the action is one of the source's primaryConversions (id or name, any case), or without that setting when the platform counts it as primary (Google: include_in_conversions_metric; Meta: conversionActionTypes; LinkedIn: every conversion; Microsoft: goals not excluded from bidding)
-- column is_provisional: true for days inside the source's look-back window, whose numbers may still change
SELECT "date_day", "platform", "account_id", "campaign_id", "campaign_name", "conversion_action",
  "conversion_action_name", "currency", "conversions", "conversions_value", "fx_rate", "conversions_value_rc",
  "click_through_conversions", "view_through_conversions", "is_primary", "is_provisional"
FROM "finance"."_facts"."conversions"
