-- Fills _marketing.budgets from the inputs, each month's budget converted at the rate of its first day.
INSERT INTO "_marketing"."budgets"
SELECT s."month_start", s."channel", s."amount", s."currency",
  CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END,
  CAST(CAST(s."amount" AS ${WIDE_MONEY})
    * CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END AS ${MONEY}),
  s."source_name"
FROM (${inputs}) s
LEFT JOIN "_marketing"."fx_daily" f ON f."rate_date" = s."month_start" AND f."currency" = s."currency"
