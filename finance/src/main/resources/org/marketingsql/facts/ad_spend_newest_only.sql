-- Platform exports overlap: a user who downloads "last 30 days" every week has each day in several
-- files, and the later file holds the restated numbers. For each platform, account, campaign and day
-- found in several exports, keeps only the rows of the newest export: the one whose report ends last,
-- then the file modified last (then the table name, so the choice never depends on row order).
-- DENSE_RANK keeps every row of the winning file, so rows of one key within a file are still summed.
-- Hand-made ad spend files (_export false) are always kept.
SELECT * FROM (
  SELECT u.*,
    CASE WHEN u."_export" THEN DENSE_RANK() OVER (
        PARTITION BY u."_export", u."platform", u."account_id", u."campaign_id", u."date_day"
        ORDER BY u."_report_end" DESC NULLS LAST, u."_file_modified" DESC, u."_table" DESC)
      ELSE 1 END AS "_newest"
  FROM (${inputs}) u) n
WHERE "_newest" = 1
