-- description: Every order from the payment, CRM and export sources, with its amount in the reporting currency.
-- column amount: order amount in its own currency, net of refunds where the source reports them
-- column fx_rate: reporting-currency units per unit of currency on the order date (or the last known rate before it)
-- column amount_rc: amount * fx_rate: the order's revenue in the reporting currency
-- metric margin_rc | reporting currency | amount_rc * gross margin of the order's product_line (grossMargin, per product line where configured) | The order's gross margin: what ROI and LTV count.
-- column acquisition_channel: the channel that acquired the customer, as the order source records it
-- column source_name: the configured source the order came from
SELECT "order_id", "customer_id", "order_date", "amount", "currency", "fx_rate", "amount_rc", "margin_rc",
  "acquisition_channel", "product_line", "source_name"
FROM "finance"."_facts"."orders"
