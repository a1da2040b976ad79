-- Each customer's margin so far (it follows their product lines).
SELECT "customer_id", SUM("margin_rc") FROM "_marketing"."orders"
WHERE "customer_id" IS NOT NULL
GROUP BY "customer_id"
