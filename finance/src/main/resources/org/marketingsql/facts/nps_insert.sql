-- Adds one NPS survey's scored answers to _marketing.nps_responses; unanswered rows are no response.
INSERT INTO "_marketing"."nps_responses"
SELECT "response_date", "segment", "customer_id", CAST("answer" AS INTEGER), ${source_name}, ${table_name}
FROM (${answers}) a
WHERE "answer" IN ('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10')
