-- description: Every computed column of the finance views with its formula, unit and meaning (finance's definitions).
-- column metric: the column name in the finance views
-- column formula: how it is computed
-- column unit: ratio, or the currency it is in
SELECT "metric", "formula", "unit", "description"
FROM (VALUES
  ${metrics}) AS t("metric", "formula", "unit", "description")
