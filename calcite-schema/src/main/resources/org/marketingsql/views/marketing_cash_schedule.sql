-- description: When marketing's cash leaves: per day, ad platform and account, the spend accrued and the cash paid for it, dated by the account's billing terms (configuration key billing; without it, monthly invoice on the 1st, net 30). Includes future days on which cash leaves for spend already accrued.
-- column date_day: the day the spend accrued or the cash leaves (future days for spend already accrued whose cash leaves later)
-- column platform: the ad platform, as in finance.ad_spend_daily.platform
-- column account_id: the ad account; its billing terms may differ from other accounts of the platform
-- column billing_terms: the account's terms: prepaid, threshold A (in the account's currency), or invoice day D, net N; (default) when the configuration sets none
-- metric accrued_spend_rc | reporting currency | sum of finance.ad_spend_daily.spend_rc of the account on date_day | Ad spend incurred on the day (0 on days that only pay for earlier spend).
-- metric cash_out_rc | reporting currency | prepaid: accrued_spend_rc of the day; threshold A: A each time the unbilled spend reaches A (in account currency, at the unbilled balance's average FX rate), the month's unbilled rest on the 1st of the next month; invoice day D, net N: a calendar month's spend on day D of the next month + N days | Cash leaving on the day for ad spend; over all days it sums to the accrued spend.
SELECT "date_day", "platform", "account_id", "billing_terms", "accrued_spend_rc", "cash_out_rc"
FROM "finance"."_facts"."cash_schedule"
