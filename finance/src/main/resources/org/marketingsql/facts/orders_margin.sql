-- The one definition of an order's margin: amount_rc times the gross margin of its product line
-- (margin_share: the configured default, or a CASE over the configured product lines).
UPDATE "_marketing"."orders"
SET "margin_rc" = CAST(CAST("amount_rc" AS ${WIDE_MONEY}) * ${margin_share} AS ${MONEY})
