-- description: The fitted predictive LTV models: BG/NBD (purchases and dropout, Fader, Hardie & Lee 2005) and Gamma-Gamma (order value), one row per parameter. Refitted when the orders or the ltv settings change.
-- column model_name: bg_nbd or gamma_gamma
-- column param_name: bg_nbd: r, alpha (purchase rates ~ Gamma(r, alpha)), a, b (dropout ~ Beta(a, b)); gamma_gamma: p, q, gamma; both: log_likelihood, customers (customers fitted)
-- column param_value: the maximum-likelihood estimate; times (alpha) are in the configured ltv.timeUnit, money (gamma) in the reporting currency
-- column data_version: hash of the customer summaries and settings the models were fitted on
SELECT "model_name", "param_name", "param_value", "data_version"
FROM "finance"."_facts"."ltv_model"
