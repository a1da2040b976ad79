-- description: Historical and predicted lifetime value per customer. Predictions start from each customer's purchases up to the last order date, with the models in finance.ltv_model.
-- column customer_id: the customer (customers with a purchase day: a day whose orders do not net to a refund)
-- metric historical_revenue_rc | reporting currency | sum of finance.orders.amount_rc of the customer | Revenue from the customer so far, refunds included.
-- metric historical_margin_rc | reporting currency | sum of finance.orders.margin_rc of the customer (amount_rc * gross margin of each order's product line) | Historical LTV: margin from the customer so far.
-- column frequency: repeat purchase days x (purchase days - 1; orders of one day are one purchase)
-- column recency: time from the first to the last purchase day, in ltv.timeUnit
-- column age: time from the first purchase day to the last order date in the data, in ltv.timeUnit
-- metric expected_purchases_12m | purchases | BG/NBD E[Y(12 months) given frequency, recency, age] | Purchases expected from the customer in the next 12 months (LTV_EXPECTED_PURCHASES).
-- metric p_alive | probability | BG/NBD P(alive given frequency, recency, age) | Probability the customer has not dropped out (LTV_P_ALIVE).
-- metric expected_order_value_rc | reporting currency | Gamma-Gamma E[M given frequency, mean repeat order value] = p(gamma + x*mean_m) / (p*x + q - 1) | Expected value of the customer's next orders.
-- metric predicted_ltv_12m_rc | reporting currency | sum months m=1..12 of (E[Y(m)] - E[Y(m-1)]) * expected_order_value_rc * gross margin / (1 + ltv.discountRate)^(m/12) | Predicted LTV: margin expected from the customer in the next 12 months, discounted monthly at the annual ltv.discountRate.
SELECT "customer_id", "historical_revenue_rc", "historical_margin_rc", "frequency", "recency", "age",
  "expected_purchases_12m", "p_alive", "expected_order_value_rc", "predicted_ltv_12m_rc"
FROM "finance"."_facts"."customer_ltv"
