-- Fills _marketing.accounts from the accounts the API sources list: one row per platform and account,
-- whichever sources list it (the names and settings are the platform's, so any source's will do).
INSERT INTO "_marketing"."accounts" ("platform", "account_id", "account_name", "currency", "time_zone", "source_name")
SELECT u."platform", u."account_id", MAX(u."account_name"), MAX(u."currency"), MAX(u."time_zone"), MIN(u."source_name")
FROM (${inputs}) u
GROUP BY u."platform", u."account_id"
