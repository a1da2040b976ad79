-- Fills _marketing.orders from the inputs, each order converted at its day's rate.
INSERT INTO "_marketing"."orders" ("order_id", "customer_id", "order_date", "amount",
  "currency", "fx_rate", "amount_rc", "acquisition_channel", "product_line", "source_name")
SELECT s."order_id", s."customer_id", s."order_date", s."amount", s."currency",
  CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END,
  CAST(CAST(s."amount" AS ${WIDE_MONEY})
    * CASE WHEN s."currency" = ${reporting_currency} THEN CAST(1 AS ${FX_RATE}) ELSE f."rate" END AS ${MONEY}),
  s."acquisition_channel", s."product_line", s."source_name"
FROM (${inputs}) s
LEFT JOIN "_marketing"."fx_daily" f ON f."rate_date" = s."order_date" AND f."currency" = s."currency"
