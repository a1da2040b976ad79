-- description: One row per customer who has an order, with the month and channel that acquired them: the channel their first order is credited to (finance.orders.acquisition_channel, the one attribution decision channel_roi also uses).
-- column customer_id: the customer as the order sources identify them; orders without a customer are left out
-- column first_order_date: date of the customer's first order
-- column acquisition_channel: the channel the first order is credited to (finance.orders.acquisition_channel: its own channel, its utm_source, else the configured model over the touchpoints within lookbackDays); with several orders on the first day, the first attributed channel by name; else unattributed
-- column cohort_month: first day of the month of the first order: the customer's acquisition cohort
-- column orders: number of orders of the customer so far
-- column margin_rc: gross margin of all the customer's orders so far (sum of finance.orders.margin_rc)
-- column revenue_rc: revenue of all the customer's orders so far (sum of finance.orders.amount_rc)
SELECT "customer_id", "first_order_date", CAST("acquisition_channel" AS VARCHAR) AS "acquisition_channel",
  "cohort_month", "orders", CAST("revenue_rc" AS DECIMAL(19, 6)) AS "revenue_rc",
  CAST("margin_rc" AS DECIMAL(19, 6)) AS "margin_rc"
FROM "finance"."_facts"."customers"
