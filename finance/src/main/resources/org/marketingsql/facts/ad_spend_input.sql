-- One ad spend input table's rows in the columns of _marketing.ad_spend, with what choosing the newest
-- platform export needs (_export, _report_end, _file_modified). Rows from the provisional-from day on
-- (the source's lookback window, which platforms still restate) are provisional.
SELECT ${table_name} AS "_table",
  ${source_name} AS "source_name",
  "date" AS "date_day",
  TRIM("platform") AS "platform",
  "account_id", ${account_name} AS "account_name", "campaign_id", "campaign_name", "impressions", "clicks", "spend",
  UPPER(TRIM("currency")) AS "currency",
  "conversions", "conversion_value",
  CASE WHEN ${provisional_from} IS NULL THEN FALSE ELSE "date" >= ${provisional_from} END AS "is_provisional",
  ${export} AS "_export",
  ${report_end} AS "_report_end",
  ${file_modified} AS "_file_modified"
FROM ${input}
