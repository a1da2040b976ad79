-- description: Net Promoter Score per calendar month and segment, from every NPS survey export. A response is an answer with a 0-10 score; empty and NA are not responses.
-- column month_start: first day of the month of the answers; NULL when the survey has no date
-- column fiscal_year: fiscal year of the month (FISCAL_YEAR); NULL without a date
-- column fiscal_quarter: fiscal quarter of the month (FISCAL_QUARTER); NULL without a date
-- column segment: the survey's segment column; NULL when the survey has none
-- column responses: answers with a score 0-10
-- column promoters: answers scoring 9 or 10 (NPS_CATEGORY = promoter)
-- column passives: answers scoring 7 or 8 (NPS_CATEGORY = passive)
-- column detractors: answers scoring 0 to 6 (NPS_CATEGORY = detractor)
-- metric nps | points (-100..100) | (promoters - detractors) * 100 / responses | Net Promoter Score: % promoters - % detractors.
SELECT "month_start", FISCAL_YEAR("month_start") AS "fiscal_year", FISCAL_QUARTER("month_start") AS "fiscal_quarter",
  "segment", "responses", "promoters", "passives", "detractors",
  DIVIDE(("promoters" - "detractors") * 100, "responses") AS "nps"
FROM (
  SELECT FLOOR("response_date" TO MONTH) AS "month_start", "segment", COUNT(*) AS "responses",
    SUM(CASE WHEN "score" >= 9 THEN 1 ELSE 0 END) AS "promoters",
    SUM(CASE WHEN "score" IN (7, 8) THEN 1 ELSE 0 END) AS "passives",
    SUM(CASE WHEN "score" <= 6 THEN 1 ELSE 0 END) AS "detractors"
  FROM "finance"."_facts"."nps_responses"
  GROUP BY FLOOR("response_date" TO MONTH), "segment") t
