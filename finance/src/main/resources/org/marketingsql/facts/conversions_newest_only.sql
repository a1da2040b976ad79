-- Platform exports of conversions by action overlap as ad reports do: for each platform, account, campaign
-- and day found in several exports, keeps only the rows of the newest export (the one whose report ends
-- last, then the file modified last, then the table name). DENSE_RANK keeps every row of the winning file,
-- so every action of that campaign and day comes from the same file. Rows from API sources (_export false)
-- are always kept.
SELECT * FROM (
  SELECT u.*,
    CASE WHEN u."_export" THEN DENSE_RANK() OVER (
        PARTITION BY u."_export", u."platform", u."account_id", u."campaign_id", u."date_day"
        ORDER BY u."_report_end" DESC NULLS LAST, u."_file_modified" DESC, u."_table" DESC)
      ELSE 1 END AS "_newest"
  FROM (${inputs}) u) n
WHERE "_newest" = 1
