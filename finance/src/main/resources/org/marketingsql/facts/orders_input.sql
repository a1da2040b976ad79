-- One orders input table's rows in the columns of _marketing.orders. Payment and CRM exports (which
-- have an export_format column) say which tool they come from, for choosing the newest export.
SELECT ${table_name} AS "_table",
  ${source_name} AS "source_name",
  "order_id", "customer_id", "order_date", "amount",
  UPPER(TRIM("currency")) AS "currency",
  TRIM(${acquisition_channel}) AS "acquisition_channel",
  TRIM(${product_line}) AS "product_line",
  TRIM(${utm_source}) AS "utm_source",
  TRIM(${utm_medium}) AS "utm_medium",
  TRIM(${utm_campaign}) AS "utm_campaign",
  ${export} AS "_export",
  ${export_format} AS "_format",
  ${file_modified} AS "_file_modified"
FROM ${input}
