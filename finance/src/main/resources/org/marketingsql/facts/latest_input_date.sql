-- The last day an input's rows need an FX rate for.
SELECT MAX(i.${date_column}) FROM (${input_rows}) i
