-- The input rows no FX rate converts: per input table and currency, the first such date and how many.
SELECT s."_table", s."currency", MIN(s.${date_column}), COUNT(*)
FROM (${inputs}) s
LEFT JOIN "_marketing"."fx_daily" f ON f."rate_date" = s.${date_column} AND f."currency" = s."currency"
WHERE s."currency" <> ${reporting_currency} AND f."rate" IS NULL
GROUP BY s."_table", s."currency"
ORDER BY 1, 2
