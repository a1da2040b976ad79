-- Platform, payment and CRM exports overlap: a user who downloads "last 30 days" every week has each day
-- (each order) in several files, and the later file holds the restated numbers (the latest refunds). For
-- each ${key} found in several exports, keeps only the rows of the newest export, ordered by ${newest_first}:
-- ad reports and conversions reports by the day their report ends, then the file modified last; orders by
-- the file modified last; then the table name, so the choice never depends on row order.
-- DENSE_RANK keeps every row of the winning file, so rows of one key within a file are still summed (every
-- action of a campaign and day comes from the same file). Rows not from an export (_export false: hand-made
-- files, API sources) are always kept.
SELECT * FROM (
  SELECT u.*,
    CASE WHEN u."_export" THEN DENSE_RANK() OVER (
        PARTITION BY u."_export", ${key}
        ORDER BY ${newest_first})
      ELSE 1 END AS "_newest"
  FROM (${inputs}) u) n
WHERE "_newest" = 1
