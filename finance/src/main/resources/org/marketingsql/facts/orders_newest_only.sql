-- Payment and CRM exports overlap like ad reports ("last 30 days" downloaded weekly): an order in
-- several exports of one tool counts once, from the file modified last, which has its latest refunds.
SELECT * FROM (
  SELECT u.*,
    CASE WHEN u."_export" THEN DENSE_RANK() OVER (
        PARTITION BY u."_export", u."_format", u."order_id"
        ORDER BY u."_file_modified" DESC, u."_table" DESC)
      ELSE 1 END AS "_newest"
  FROM (${inputs}) u) n
WHERE "_newest" = 1
