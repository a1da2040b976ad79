-- Fills _marketing.orders from the inputs, each order converted at its day's rate; order_row numbers
-- the rows, so the attribution decision (order_credit) names the row it is for.
INSERT INTO "_marketing"."orders" ("order_id", "customer_id", "order_date", "amount",
  "currency", "fx_rate", "amount_rc", "acquisition_channel", "product_line", "source_name",
  "order_row", "utm_source", "utm_medium", "utm_campaign")
SELECT s."order_id", s."customer_id", s."order_date", s."amount", s."currency",
  CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END,
  CAST(CAST(s."amount" AS ${WIDE_MONEY})
    * CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END AS ${MONEY}),
  s."acquisition_channel", s."product_line", s."source_name",
  ROW_NUMBER() OVER (), s."utm_source", s."utm_medium", s."utm_campaign"
FROM (${inputs}) s
LEFT JOIN "_marketing"."fx_daily" f ON f."rate_date" = s."order_date" AND f."currency" = s."currency"
