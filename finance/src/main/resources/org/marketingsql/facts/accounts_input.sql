-- One source's ad accounts (the ad_accounts table its accounts table feeds) in the columns of _marketing.accounts.
SELECT TRIM("platform") AS "platform", "account_id", "account_name", UPPER(TRIM("currency")) AS "currency",
  "time_zone", ${source_name} AS "source_name"
FROM ${input}
WHERE "account_id" IS NOT NULL
