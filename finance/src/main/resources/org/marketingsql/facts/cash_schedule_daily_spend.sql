-- What the cash schedule is computed from: each ad account's spend per day, in its currency and in the
-- reporting currency, with the source it came from (whose billing terms apply).
SELECT "source_name", "platform", "account_id", "currency", "date_day", SUM("spend"), SUM("spend_rc")
FROM "_marketing"."ad_spend"
GROUP BY "source_name", "platform", "account_id", "currency", "date_day"
