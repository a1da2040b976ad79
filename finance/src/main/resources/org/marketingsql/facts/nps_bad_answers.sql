-- An answer that is neither an NPS score 0-10 nor unanswered (empty or NA), and how many there are.
SELECT "answer", COUNT(*) OVER ()
FROM (${answers}) a
WHERE "answer" IS NOT NULL
  AND "answer" NOT IN ('', 'NA', 'N/A', 'na', 'n/a', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10')
LIMIT 1
