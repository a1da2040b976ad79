-- description: Retention of subscription customers by cohort: per month in which customers first had recurring revenue (at a month's end) and months since, how many still pay and how much of the cohort's first MRR they bring, both sides at the later month's rate.
-- column cohort_month: first day of the first month at whose end the customer had MRR (finance.subscription_mrr)
-- column months_since_start: 0 for the cohort month, 1 for the month after, ... up to the current month
-- column month_start: first day of the month counted (cohort_month plus months_since_start)
-- column customers: customers of the cohort
-- column retained_customers: customers of the cohort with MRR at the end of the month counted
-- metric cohort_mrr_rc | reporting currency | sum of the cohort's MRR at the end of the cohort month, at the rate of the month counted | What the cohort started with.
-- metric cohort_current_mrr_rc | reporting currency | sum of the cohort's MRR at the end of the month counted | What the cohort brings now, reactivations and expansion included.
-- metric logo_retention | ratio | retained_customers / customers | Share of the cohort still paying.
-- metric cohort_net_revenue_retention | ratio | cohort_current_mrr_rc / cohort_mrr_rc | The cohort's MRR against its first month's, expansion included; NULL without first MRR.
-- metric cohort_gross_revenue_retention | ratio | sum over the cohort's customers of min(MRR at the end of the month counted, MRR at the end of the cohort month) / cohort_mrr_rc | The cohort's first MRR kept, expansion excluded: churn and contraction only lower it; NULL without first MRR.
SELECT "cohort_month",
  CAST((EXTRACT(YEAR FROM "month_start") - EXTRACT(YEAR FROM "cohort_month")) * 12
    + EXTRACT(MONTH FROM "month_start") - EXTRACT(MONTH FROM "cohort_month") AS INTEGER) AS "months_since_start",
  "month_start",
  CAST(COUNT(*) AS INTEGER) AS "customers",
  CAST(SUM(CASE WHEN "mrr_rc" > 0 THEN 1 ELSE 0 END) AS INTEGER) AS "retained_customers",
  SUM("cohort_mrr_rc") AS "cohort_mrr_rc",
  SUM("mrr_rc") AS "cohort_current_mrr_rc",
  DIVIDE(SUM(CASE WHEN "mrr_rc" > 0 THEN 1 ELSE 0 END), COUNT(*)) AS "logo_retention",
  DIVIDE(SUM("mrr_rc"), SUM("cohort_mrr_rc")) AS "cohort_net_revenue_retention",
  DIVIDE(SUM(CASE WHEN "mrr_rc" < "cohort_mrr_rc" THEN "mrr_rc" ELSE "cohort_mrr_rc" END), SUM("cohort_mrr_rc"))
    AS "cohort_gross_revenue_retention"
FROM "finance"."_facts"."subscription_mrr"
GROUP BY "cohort_month", "month_start"
