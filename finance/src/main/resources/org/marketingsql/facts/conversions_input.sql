-- One conversions input table's rows in the columns of _marketing.conversions. is_primary is decided here,
-- from the source's primaryConversions when it sets them (action ids or names, any case), else from the
-- platform's own notion (platform_primary). Rows from the provisional-from day on are provisional.
-- _export, _report_end and _file_modified are what choosing the newest platform export needs.
SELECT ${table_name} AS "_table",
  ${source_name} AS "source_name",
  "date" AS "date_day",
  TRIM("platform") AS "platform",
  "account_id", "campaign_id", "campaign_name", "conversion_action", "conversion_action_name",
  UPPER(TRIM("currency")) AS "currency",
  "conversions", "conversion_value", "click_through_conversions", "view_through_conversions",
  ${is_primary} AS "is_primary",
  CASE WHEN ${provisional_from} IS NULL THEN FALSE ELSE "date" >= ${provisional_from} END AS "is_provisional",
  ${export} AS "_export",
  ${report_end} AS "_report_end",
  ${file_modified} AS "_file_modified"
FROM ${input}
