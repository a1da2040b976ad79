-- One NPS survey's answers as text, with the survey's date, segment and customer where it has them.
SELECT TRIM(CAST(${score} AS VARCHAR)) AS "answer",
  CAST(${response_date} AS DATE) AS "response_date",
  NULLIF(TRIM(CAST(${segment} AS VARCHAR)), '') AS "segment",
  NULLIF(TRIM(CAST(${customer_id} AS VARCHAR)), '') AS "customer_id"
FROM ${input}
