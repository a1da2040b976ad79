-- Names the ad spend rows that came without their account's name (exports without an account column,
-- ad spend files) when a source lists that account.
UPDATE "_marketing"."ad_spend" AS s SET "account_name" = a."account_name"
FROM "_marketing"."accounts" a
WHERE s."account_name" IS NULL AND a."account_name" IS NOT NULL
  AND a."platform" = s."platform" AND a."account_id" = s."account_id"
