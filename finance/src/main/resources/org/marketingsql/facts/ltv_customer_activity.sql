-- Each customer's purchase history as the LTV models read it: one purchase per day with a non-negative
-- total; counts, last day and repeat spend up to the calibration end, and over the whole history.
WITH "revenue" AS (
  SELECT "customer_id", SUM("amount_rc") AS "revenue" FROM "_marketing"."orders"
  WHERE "customer_id" IS NOT NULL GROUP BY "customer_id"),
"days" AS (
  SELECT "customer_id", "order_date" AS "day", SUM("amount_rc") AS "amount" FROM "_marketing"."orders"
  WHERE "customer_id" IS NOT NULL GROUP BY "customer_id", "order_date" HAVING SUM("amount_rc") >= 0),
"firsts" AS (SELECT "customer_id", MIN("day") AS "first_day" FROM "days" GROUP BY "customer_id")
SELECT d."customer_id", f."first_day",
  SUM(CASE WHEN d."day" <= ${calibration_end} THEN 1 ELSE 0 END),
  MAX(CASE WHEN d."day" <= ${calibration_end} THEN d."day" END),
  SUM(CASE WHEN d."day" <= ${calibration_end} AND d."day" > f."first_day" THEN d."amount" ELSE 0 END),
  COUNT(*), MAX(d."day"),
  SUM(CASE WHEN d."day" > f."first_day" THEN d."amount" ELSE 0 END),
  MAX(r."revenue")
FROM "days" d JOIN "firsts" f ON f."customer_id" = d."customer_id"
JOIN "revenue" r ON r."customer_id" = d."customer_id"
GROUP BY d."customer_id", f."first_day"
ORDER BY d."customer_id"
