-- One reference-rate input table's rates (units of currency per one base_currency), codes normalised.
SELECT "date", UPPER(TRIM("base_currency")), UPPER(TRIM("currency")), "rate" FROM ${input}
WHERE "rate" > 0
