-- description: What customers are worth by how they answered the NPS survey (promoters vs passives vs detractors), for surveys that carry a customer id. Predicted LTV per customer is in finance.customer_ltv.
-- column category: promoter (9-10), passive (7-8) or detractor (0-6): NPS_CATEGORY(score); a customer whose answers differ counts in each of their categories
-- column customers: distinct customers who answered so
-- column customers_with_orders: of them, those with orders (finance.customers)
-- metric avg_historical_revenue_rc | reporting currency | sum of finance.customers.revenue_rc / customers_with_orders | Revenue per answering customer so far, by NPS category; NULL without customers with orders.
-- metric avg_historical_ltv_rc | reporting currency | sum of finance.customers.margin_rc / customers_with_orders | Historical LTV (margin so far) per answering customer, by NPS category.
SELECT "category", "customers", "customers_with_orders",
  DIVIDE("revenue_rc", "customers_with_orders") AS "avg_historical_revenue_rc",
  DIVIDE("margin_rc", "customers_with_orders") AS "avg_historical_ltv_rc"
FROM (
  SELECT r."category", COUNT(*) AS "customers", COUNT(c."customer_id") AS "customers_with_orders",
    SUM(c."revenue_rc") AS "revenue_rc", SUM(c."margin_rc") AS "margin_rc"
  FROM (
    SELECT DISTINCT NPS_CATEGORY("score") AS "category", "customer_id"
    FROM "finance"."_facts"."nps_responses"
    WHERE "customer_id" IS NOT NULL) r
  LEFT JOIN "finance"."customers" c ON c."customer_id" = r."customer_id"
  GROUP BY r."category") t
