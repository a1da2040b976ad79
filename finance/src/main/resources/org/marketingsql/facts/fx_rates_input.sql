-- One FX input table's rates, currency codes normalised.
SELECT UPPER(TRIM("currency")), "date", "rate_to_reporting" FROM ${input}
