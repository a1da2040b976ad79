-- One budgets input table's rows: a month (yyyy-MM) becomes the day it starts.
SELECT ${table_name} AS "_table",
  ${source_name} AS "source_name",
  CAST("month" || '-01' AS DATE) AS "month_start",
  TRIM("channel") AS "channel",
  "amount",
  UPPER(TRIM("currency")) AS "currency"
FROM ${input}
