-- description: Every order from the payment, CRM and export sources, with its amount in the reporting currency.
-- column amount: order amount in its own currency, net of refunds where the source reports them
-- column fx_rate: reporting-currency units per unit of currency on the order date (or the last known rate before it)
-- column amount_rc: amount * fx_rate: the order's revenue in the reporting currency
-- metric margin_rc | reporting currency | amount_rc * gross margin of the order's product_line (grossMargin, per product line where configured) | The order's gross margin: what ROI and LTV count.
-- column acquisition_channel: the channel the order is credited to, decided once for every view: the order's own acquisition_channel column, else its utm_source mapped to a channel, else the configured attribution model over the customer's touchpoints within lookbackDays (the channel of the largest share), else unattributed
-- column campaign_id: the ad platform campaign the order is credited to (utm_campaign or the touch's campaign matched to finance.ad_spend_daily by id, then by name); NULL when none matched
-- column attribution_basis: what decided acquisition_channel: order_channel, order_utm, touchpoints or unattributed
-- column utm_source: the order's utm_source as its source records it (checkout metadata, landing page, orders file)
-- column utm_medium: the order's utm_medium as its source records it
-- column utm_campaign: the order's utm_campaign as its source records it
-- column source_name: the configured source the order came from
SELECT "order_id", "customer_id", "order_date", "amount", "currency", "fx_rate", "amount_rc", "margin_rc",
  CAST(COALESCE("attributed_channel", 'unattributed') AS VARCHAR) AS "acquisition_channel",
  "attributed_campaign_id" AS "campaign_id", "attribution_basis",
  "utm_source", "utm_medium", "utm_campaign", "product_line", "source_name"
FROM "finance"."_facts"."orders"
