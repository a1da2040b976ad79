package org.marketingsql.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * The customer views (customers, cohort_ltv, unit_economics) over the hand-checked finance fixture:
 * c1 (google_ads) buys 500 USD in January and 50 in February; c2 (meta_ads) 100 EUR × 1.1 in January;
 * c3 (organic) 80 USD and c4 (no channel) 10 EUR × 1.2 in February. Gross margin 0.5.
 */
class CustomerViewsTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  String model;

  @BeforeEach
  void setUp() {
    model = fixture.model("\"grossMargin\": 0.5");
  }

  @Test
  void aCustomerWhoseFirstOrderNamesNoChannelTakesTheChannelChannelRoiCreditsThatOrderTo() throws Exception {
    Path folder = fixture.exports();
    // c1's and c2's orders name their channel, which stands whatever the touches say; c4's order names none:
    // its touch on the order day counts (a touch after the first order would not).
    Files.writeString(folder.resolve("touchpoints.csv"), """
        customer_id,touched_at,channel,campaign_id
        c1,2025-01-12 09:00:00,email,e1
        c1,2025-01-10 18:30:00,meta_ads,m1
        c2,2025-01-25 10:00:00,email,e2
        c4,2025-02-08 23:00:00,referral,
        c3,2025-02-09 10:00:00,email,e3
        """);
    Sql.calcite(model).query("SELECT customer_id, acquisition_channel FROM finance.customers ORDER BY customer_id")
        .returns("customer_id=c1; acquisition_channel=google_ads", "customer_id=c2; acquisition_channel=meta_ads",
            "customer_id=c3; acquisition_channel=organic", "customer_id=c4; acquisition_channel=referral");
    Sql.calcite(model).query("SELECT channel, attributed_revenue_rc FROM finance.channel_roi"
        + " WHERE month_start = DATE '2025-02-01' AND channel IN ('referral', 'unattributed')")
        .returns("channel=referral; attributed_revenue_rc=12.000000");
  }

  @Test
  void customersTakeTheirChannelAndCohortFromTheFirstOrder() throws Exception {
    Sql.calcite(model).query("SELECT customer_id, first_order_date, acquisition_channel, cohort_month, orders, revenue_rc"
        + " FROM finance.customers ORDER BY customer_id").returns(
        "customer_id=c1; first_order_date=2025-01-16; acquisition_channel=google_ads; cohort_month=2025-01-01; orders=2;"
            + " revenue_rc=550.000000",
        "customer_id=c2; first_order_date=2025-01-21; acquisition_channel=meta_ads; cohort_month=2025-01-01; orders=1;"
            + " revenue_rc=110.000000",
        "customer_id=c3; first_order_date=2025-02-07; acquisition_channel=organic; cohort_month=2025-02-01; orders=1;"
            + " revenue_rc=80.000000",
        "customer_id=c4; first_order_date=2025-02-08; acquisition_channel=unattributed; cohort_month=2025-02-01; orders=1;"
            + " revenue_rc=12.000000");
  }

  @Test
  void cohortLtvCumulatesRevenuePerAcquiredCustomerMonthByMonth() throws Exception {
    Sql.calcite(model).query("SELECT cohort_month, acquisition_channel, months_since_acquisition, customers,"
        + " cumulative_revenue_per_customer_rc FROM finance.cohort_ltv"
        + " ORDER BY cohort_month, acquisition_channel, months_since_acquisition").returns(
        "cohort_month=2025-01-01; acquisition_channel=all; months_since_acquisition=0; customers=2;"
            + " cumulative_revenue_per_customer_rc=305.000000",
        "cohort_month=2025-01-01; acquisition_channel=all; months_since_acquisition=1; customers=2;"
            + " cumulative_revenue_per_customer_rc=330.000000",
        "cohort_month=2025-01-01; acquisition_channel=google_ads; months_since_acquisition=0; customers=1;"
            + " cumulative_revenue_per_customer_rc=500.000000",
        "cohort_month=2025-01-01; acquisition_channel=google_ads; months_since_acquisition=1; customers=1;"
            + " cumulative_revenue_per_customer_rc=550.000000",
        "cohort_month=2025-01-01; acquisition_channel=meta_ads; months_since_acquisition=0; customers=1;"
            + " cumulative_revenue_per_customer_rc=110.000000",
        "cohort_month=2025-01-01; acquisition_channel=meta_ads; months_since_acquisition=1; customers=1;"
            + " cumulative_revenue_per_customer_rc=110.000000",
        "cohort_month=2025-02-01; acquisition_channel=all; months_since_acquisition=0; customers=2;"
            + " cumulative_revenue_per_customer_rc=46.000000",
        "cohort_month=2025-02-01; acquisition_channel=organic; months_since_acquisition=0; customers=1;"
            + " cumulative_revenue_per_customer_rc=80.000000",
        "cohort_month=2025-02-01; acquisition_channel=unattributed; months_since_acquisition=0; customers=1;"
            + " cumulative_revenue_per_customer_rc=12.000000");
  }

  @Test
  void unitEconomicsDividesAcquisitionSpendByNewCustomersAndPaysBackFromMonthlyMargin() throws Exception {
    Sql.calcite(model).query("SELECT month_start, fiscal_quarter, channel, spend_rc, new_customers, months_observed, cac,"
        + " avg_ltv, ltv_to_cac, payback_months FROM finance.unit_economics ORDER BY month_start, channel").returns(
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; channel=all; spend_rc=370.000000; new_customers=2; months_observed=2;"
            + " cac=185.000000; avg_ltv=165.000000; ltv_to_cac=0.891892; payback_months=2.242424",
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; channel=google_ads; spend_rc=150.000000; new_customers=1;"
            + " months_observed=2; cac=150.000000; avg_ltv=275.000000; ltv_to_cac=1.833333; payback_months=1.090909",
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; channel=meta_ads; spend_rc=220.000000; new_customers=1;"
            + " months_observed=2; cac=220.000000; avg_ltv=55.000000; ltv_to_cac=0.250000; payback_months=8.000000",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; channel=all; spend_rc=120.000000; new_customers=2; months_observed=1;"
            + " cac=60.000000; avg_ltv=23.000000; ltv_to_cac=0.383333; payback_months=2.608696",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; channel=google_ads; spend_rc=0.000000; new_customers=0;"
            + " months_observed=1; cac=null; avg_ltv=null; ltv_to_cac=null; payback_months=null",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; channel=meta_ads; spend_rc=120.000000; new_customers=0;"
            + " months_observed=1; cac=null; avg_ltv=null; ltv_to_cac=null; payback_months=null",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; channel=organic; spend_rc=0.000000; new_customers=1;"
            + " months_observed=1; cac=0.000000; avg_ltv=40.000000; ltv_to_cac=null; payback_months=0.000000",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; channel=unattributed; spend_rc=0.000000; new_customers=1;"
            + " months_observed=1; cac=0.000000; avg_ltv=6.000000; ltv_to_cac=null; payback_months=0.000000");
  }

  @Test
  void paybackMonthIsTheFirstMonthWhoseCumulativeMarginCoversTheCohortsSpend() throws Exception {
    // At 28 % margin c1 (google_ads, 150 spent) brings 140 in January and 14 more in February: paid back in month 2,
    // where the average-based payback_months says 150 / (154 / 2) = 1.948052.
    Sql.calcite(fixture.model("\"grossMargin\": 0.28")).query("SELECT month_start, channel, payback_months, payback_month"
        + " FROM finance.unit_economics ORDER BY month_start, channel").returns(
        "month_start=2025-01-01; channel=all; payback_months=4.004329; payback_month=null",
        "month_start=2025-01-01; channel=google_ads; payback_months=1.948052; payback_month=2",
        "month_start=2025-01-01; channel=meta_ads; payback_months=14.285714; payback_month=null",
        "month_start=2025-02-01; channel=all; payback_months=4.658385; payback_month=null",
        "month_start=2025-02-01; channel=google_ads; payback_months=null; payback_month=null",
        "month_start=2025-02-01; channel=meta_ads; payback_months=null; payback_month=null",
        "month_start=2025-02-01; channel=organic; payback_months=0.000000; payback_month=1",
        "month_start=2025-02-01; channel=unattributed; payback_months=0.000000; payback_month=1");
  }
}
