package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * finance.subscription_mrr and subscription_retention over the recorded Stripe account of
 * fixtures/stripe-subscriptions (its NOTICE tells the story), synced on connect, reconciled to the
 * cent with figures worked out by hand, in USD with 0.0065 USD per yen from May and 0.0066 from June:
 * <pre>
 *            A (50 +3×10)   B (100 +40 add-on)  C (80; 25/week)  D (1200/y −120)  E (200 −20 %)  F (120000 JPY/y)
 * January    50 new         140 new
 * February                                      80 new           90 new
 * March      80 (+30 exp.)                      0 (−80 churn)                     160 new
 * April                     100 (−40 contr.)                                                      trial
 * May                                           108.333333 react.                                 65 new
 * June                                                                            200 (+40 exp.) 66 (rate only)
 * </pre>
 */
@ExtendWith(IsolatedHome.class)
class SubscriptionViewsTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("stripe-subscriptions");
  String model;

  @BeforeEach
  void setUp() throws Exception {
    Path fx = Files.writeString(temp.resolve("fx.csv"), """
        date,currency,rate_to_reporting
        2025-05-01,JPY,0.0065
        2025-06-01,JPY,0.0066
        """);
    String key = ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY);
    model = """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "fxRates": "%s", "sources": [
           {"name": "stripe", "type": "stripe", "apiKey": "%s", "endpoint": "%s", "maxAge": "1h"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        fx.toString().replace("\\", "/"), key, server.baseUrl());
  }

  @Test
  void monthlyRecurringRevenueMovesByNewExpansionContractionChurnAndReactivationToTheCent() throws Exception {
    Sql.calcite(model).query("SELECT month_start, starting_mrr_rc, new_rc, expansion_rc, contraction_rc, churned_rc,"
        + " reactivated_rc, mrr_rc, arr_rc FROM finance.subscription_mrr WHERE month_start <= DATE '2025-07-01'"
        + " ORDER BY month_start").returns(
        "month_start=2025-01-01; starting_mrr_rc=0.000000; new_rc=190.000000; expansion_rc=0.000000;"
            + " contraction_rc=0.000000; churned_rc=0.000000; reactivated_rc=0.000000; mrr_rc=190.000000;"
            + " arr_rc=2280.000000",
        "month_start=2025-02-01; starting_mrr_rc=190.000000; new_rc=170.000000; expansion_rc=0.000000;"
            + " contraction_rc=0.000000; churned_rc=0.000000; reactivated_rc=0.000000; mrr_rc=360.000000;"
            + " arr_rc=4320.000000",
        "month_start=2025-03-01; starting_mrr_rc=360.000000; new_rc=160.000000; expansion_rc=30.000000;"
            + " contraction_rc=0.000000; churned_rc=80.000000; reactivated_rc=0.000000; mrr_rc=470.000000;"
            + " arr_rc=5640.000000",
        "month_start=2025-04-01; starting_mrr_rc=470.000000; new_rc=0.000000; expansion_rc=0.000000;"
            + " contraction_rc=40.000000; churned_rc=0.000000; reactivated_rc=0.000000; mrr_rc=430.000000;"
            + " arr_rc=5160.000000",
        "month_start=2025-05-01; starting_mrr_rc=430.000000; new_rc=65.000000; expansion_rc=0.000000;"
            + " contraction_rc=0.000000; churned_rc=0.000000; reactivated_rc=108.333333; mrr_rc=603.333333;"
            + " arr_rc=7239.999996",
        "month_start=2025-06-01; starting_mrr_rc=604.333333; new_rc=0.000000; expansion_rc=40.000000;"
            + " contraction_rc=0.000000; churned_rc=0.000000; reactivated_rc=0.000000; mrr_rc=644.333333;"
            + " arr_rc=7731.999996",
        "month_start=2025-07-01; starting_mrr_rc=644.333333; new_rc=0.000000; expansion_rc=0.000000;"
            + " contraction_rc=0.000000; churned_rc=0.000000; reactivated_rc=0.000000; mrr_rc=644.333333;"
            + " arr_rc=7731.999996");
  }

  @Test
  void logosAndRetentionRatesFollowTheirFormulas() throws Exception {
    Sql.calcite(model).query("SELECT month_start, fiscal_quarter, customers_start, customers_end, churned_customers,"
        + " logo_churn, revenue_churn, net_revenue_retention, gross_revenue_retention FROM finance.subscription_mrr"
        + " WHERE month_start <= DATE '2025-06-01' ORDER BY month_start").returns(
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; customers_start=0; customers_end=2; churned_customers=0;"
            + " logo_churn=null; revenue_churn=null; net_revenue_retention=null; gross_revenue_retention=null",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; customers_start=2; customers_end=4; churned_customers=0;"
            + " logo_churn=0.000000; revenue_churn=0.000000; net_revenue_retention=1.000000;"
            + " gross_revenue_retention=1.000000",
        "month_start=2025-03-01; fiscal_quarter=2025-Q1; customers_start=4; customers_end=4; churned_customers=1;"
            + " logo_churn=0.250000; revenue_churn=0.222222; net_revenue_retention=0.861111;"
            + " gross_revenue_retention=0.777778",
        "month_start=2025-04-01; fiscal_quarter=2025-Q2; customers_start=4; customers_end=4; churned_customers=0;"
            + " logo_churn=0.000000; revenue_churn=0.085106; net_revenue_retention=0.914894;"
            + " gross_revenue_retention=0.914894",
        "month_start=2025-05-01; fiscal_quarter=2025-Q2; customers_start=4; customers_end=6; churned_customers=0;"
            + " logo_churn=0.000000; revenue_churn=0.000000; net_revenue_retention=1.000000;"
            + " gross_revenue_retention=1.000000",
        "month_start=2025-06-01; fiscal_quarter=2025-Q2; customers_start=6; customers_end=6; churned_customers=0;"
            + " logo_churn=0.000000; revenue_churn=0.000000; net_revenue_retention=1.066189;"
            + " gross_revenue_retention=1.000000");
  }

  @Test
  void cohortGrossRevenueRetentionKeepsChurnAndContractionButNotExpansionOrComebacksAboveTheFirstMrr()
      throws Exception {
    // January (A 50, B 140): in March A has grown to 80, which gross retention leaves out; in May B is down to 100.
    // February (C 80, D 90): C churns in March and comes back in May at 108.33, counted up to its first 80.
    Sql.calcite(model).query("SELECT cohort_month, months_since_start, cohort_net_revenue_retention,"
        + " cohort_gross_revenue_retention FROM finance.subscription_retention"
        + " WHERE month_start IN (DATE '2025-03-01', DATE '2025-05-01') AND cohort_month < DATE '2025-03-01'"
        + " ORDER BY cohort_month, months_since_start").returns(
        "cohort_month=2025-01-01; months_since_start=2; cohort_net_revenue_retention=1.157895;"
            + " cohort_gross_revenue_retention=1.000000",
        "cohort_month=2025-01-01; months_since_start=4; cohort_net_revenue_retention=0.947368;"
            + " cohort_gross_revenue_retention=0.789474",
        "cohort_month=2025-02-01; months_since_start=1; cohort_net_revenue_retention=0.529412;"
            + " cohort_gross_revenue_retention=0.529412",
        "cohort_month=2025-02-01; months_since_start=3; cohort_net_revenue_retention=1.166667;"
            + " cohort_gross_revenue_retention=1.000000");
  }

  @Test
  void cohortsKeepTheirFirstMonthsCustomersAndCountComebacksAsRetained() throws Exception {
    Sql.calcite(model).query("SELECT cohort_month, months_since_start, customers, retained_customers, cohort_mrr_rc,"
        + " cohort_current_mrr_rc, logo_retention, cohort_net_revenue_retention FROM finance.subscription_retention"
        + " WHERE month_start IN (DATE '2025-03-01', DATE '2025-05-01', DATE '2025-06-01')"
        + " ORDER BY cohort_month, months_since_start").returns(
        "cohort_month=2025-01-01; months_since_start=2; customers=2; retained_customers=2; cohort_mrr_rc=190.000000;"
            + " cohort_current_mrr_rc=220.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.157895",
        "cohort_month=2025-01-01; months_since_start=4; customers=2; retained_customers=2; cohort_mrr_rc=190.000000;"
            + " cohort_current_mrr_rc=180.000000; logo_retention=1.000000; cohort_net_revenue_retention=0.947368",
        "cohort_month=2025-01-01; months_since_start=5; customers=2; retained_customers=2; cohort_mrr_rc=190.000000;"
            + " cohort_current_mrr_rc=180.000000; logo_retention=1.000000; cohort_net_revenue_retention=0.947368",
        "cohort_month=2025-02-01; months_since_start=1; customers=2; retained_customers=1; cohort_mrr_rc=170.000000;"
            + " cohort_current_mrr_rc=90.000000; logo_retention=0.500000; cohort_net_revenue_retention=0.529412",
        "cohort_month=2025-02-01; months_since_start=3; customers=2; retained_customers=2; cohort_mrr_rc=170.000000;"
            + " cohort_current_mrr_rc=198.333333; logo_retention=1.000000; cohort_net_revenue_retention=1.166667",
        "cohort_month=2025-02-01; months_since_start=4; customers=2; retained_customers=2; cohort_mrr_rc=170.000000;"
            + " cohort_current_mrr_rc=198.333333; logo_retention=1.000000; cohort_net_revenue_retention=1.166667",
        "cohort_month=2025-03-01; months_since_start=0; customers=1; retained_customers=1; cohort_mrr_rc=160.000000;"
            + " cohort_current_mrr_rc=160.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.000000",
        "cohort_month=2025-03-01; months_since_start=2; customers=1; retained_customers=1; cohort_mrr_rc=160.000000;"
            + " cohort_current_mrr_rc=160.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.000000",
        "cohort_month=2025-03-01; months_since_start=3; customers=1; retained_customers=1; cohort_mrr_rc=160.000000;"
            + " cohort_current_mrr_rc=200.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.250000",
        "cohort_month=2025-05-01; months_since_start=0; customers=1; retained_customers=1; cohort_mrr_rc=65.000000;"
            + " cohort_current_mrr_rc=65.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.000000",
        "cohort_month=2025-05-01; months_since_start=1; customers=1; retained_customers=1; cohort_mrr_rc=66.000000;"
            + " cohort_current_mrr_rc=66.000000; logo_retention=1.000000; cohort_net_revenue_retention=1.000000");
  }

  @Test
  void aCurrencyWithoutRatesFailsTheViewsNamingCurrencyAndMonth() throws Exception {
    Files.writeString(temp.resolve("fx.csv"), "date,currency,rate_to_reporting\n2025-06-01,JPY,0.0066\n");
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT mrr_rc FROM finance.subscription_mrr").rows());
    assertTrue(e.getMessage().contains("no FX rate for JPY on 2025-05-01"), e.getMessage());
  }
}
