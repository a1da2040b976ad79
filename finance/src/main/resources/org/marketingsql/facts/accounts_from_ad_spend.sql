-- Adds the accounts only ad spend knows (platform exports, ad spend files): their name and currency as the
-- spend rows give them, and no time zone (an export does not say which zone its days are in).
INSERT INTO "_marketing"."accounts" ("platform", "account_id", "account_name", "currency", "time_zone", "source_name")
SELECT s."platform", s."account_id", MAX(s."account_name"), MIN(s."currency"), CAST(NULL AS VARCHAR), MIN(s."source_name")
FROM "_marketing"."ad_spend" s
WHERE s."account_id" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "_marketing"."accounts" a
    WHERE a."platform" = s."platform" AND a."account_id" = s."account_id")
GROUP BY s."platform", s."account_id"
