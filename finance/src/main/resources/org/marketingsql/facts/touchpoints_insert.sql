-- Adds one touchpoints input table to _marketing.touchpoints (campaign_id is optional in the input).
INSERT INTO "_marketing"."touchpoints"
SELECT TRIM(CAST("customer_id" AS VARCHAR)),
  CAST("touched_at" AS TIMESTAMP),
  TRIM("channel"),
  CAST(${campaign_id} AS VARCHAR),
  ${source_name}
FROM ${input}
