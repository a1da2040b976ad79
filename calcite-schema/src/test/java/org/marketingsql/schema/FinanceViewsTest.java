package org.marketingsql.schema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/** The finance views over a small export folder whose every number is worked out by hand. */
class FinanceViewsTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  String model;

  @BeforeEach
  void setUp() {
    model = fixture.model("\"grossMargin\": 0.5");
  }

  @Test
  void adSpendDailySumsSplitRowsAndConvertsEuroAtTheDaysRate() throws Exception {
    Sql.calcite(model).query("SELECT date_day, platform, impressions, clicks, spend, currency, spend_rc, fx_rate,"
        + " conversions_value_rc FROM finance.ad_spend_daily ORDER BY date_day, platform").returns(
        "date_day=2025-01-15; platform=google_ads; impressions=1500; clicks=150; spend=150.000000; currency=USD;"
            + " spend_rc=150.000000; fx_rate=1.00000000; conversions_value_rc=450.000000",
        "date_day=2025-01-20; platform=meta_ads; impressions=2000; clicks=40; spend=200.000000; currency=EUR;"
            + " spend_rc=220.000000; fx_rate=1.10000000; conversions_value_rc=242.000000",
        "date_day=2025-02-10; platform=meta_ads; impressions=1000; clicks=10; spend=100.000000; currency=EUR;"
            + " spend_rc=120.000000; fx_rate=1.20000000; conversions_value_rc=0.000000",
        "date_day=2025-02-11; platform=google_ads; impressions=0; clicks=0; spend=0.000000; currency=USD;"
            + " spend_rc=0.000000; fx_rate=1.00000000; conversions_value_rc=0.000000");
  }

  @Test
  void aDateShiftedByAnIntervalInTheStoreStaysADateAlsoAsText() throws Exception {
    // DuckDB turns DATE - INTERVAL into a TIMESTAMP; the text must not grow a time of day.
    Sql.calcite(model).query("SELECT date_day - INTERVAL '7' DAY AS week_before,"
        + " CAST(date_day - INTERVAL '7' DAY AS VARCHAR) AS week_before_text,"
        + " CAST(date_day + INTERVAL '1' MONTH AS VARCHAR) AS month_after_text,"
        + " CAST(CAST(date_day AS TIMESTAMP) + INTERVAL '1' HOUR AS VARCHAR) AS hour_after_text"
        + " FROM finance.ad_spend_daily WHERE date_day - INTERVAL '5' DAY = DATE '2025-01-10'").returns(
        "week_before=2025-01-08; week_before_text=2025-01-08; month_after_text=2025-02-15;"
            + " hour_after_text=2025-01-15 01:00:00");
  }

  @Test
  void channelRoiCreditsOrdersToTheirChannelAndAppliesGrossMargin() throws Exception {
    Sql.calcite(model).query("SELECT month_start, fiscal_year, fiscal_quarter, channel, spend_rc, attributed_revenue_rc,"
        + " gross_margin_rc, roi, roas, platform_roas FROM finance.channel_roi ORDER BY month_start, channel").returns(
        "month_start=2025-01-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=google_ads; spend_rc=150.000000;"
            + " attributed_revenue_rc=500.000000; gross_margin_rc=250.000000; roi=0.666667; roas=3.333333;"
            + " platform_roas=3.000000",
        "month_start=2025-01-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=meta_ads; spend_rc=220.000000;"
            + " attributed_revenue_rc=110.000000; gross_margin_rc=55.000000; roi=-0.750000; roas=0.500000;"
            + " platform_roas=1.100000",
        "month_start=2025-02-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=google_ads; spend_rc=0.000000;"
            + " attributed_revenue_rc=50.000000; gross_margin_rc=25.000000; roi=null; roas=null; platform_roas=null",
        "month_start=2025-02-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=meta_ads; spend_rc=120.000000;"
            + " attributed_revenue_rc=0.000000; gross_margin_rc=0.000000; roi=-1.000000; roas=0.000000; platform_roas=0.000000",
        "month_start=2025-02-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=organic; spend_rc=0.000000;"
            + " attributed_revenue_rc=80.000000; gross_margin_rc=40.000000; roi=null; roas=null; platform_roas=null",
        "month_start=2025-02-01; fiscal_year=2025; fiscal_quarter=2025-Q1; channel=unattributed; spend_rc=0.000000;"
            + " attributed_revenue_rc=12.000000; gross_margin_rc=6.000000; roi=null; roas=null; platform_roas=null");
  }

  @Test
  void budgetVsActualShowsVarianceForEveryBudgetAndEverySpend() throws Exception {
    Sql.calcite(model).query("SELECT month_start, channel, budget_rc, actual_rc, variance_rc, variance_pct, projected_rc"
        + " FROM finance.budget_vs_actual ORDER BY month_start, channel").returns(
        "month_start=2025-01-01; channel=google_ads; budget_rc=200.000000; actual_rc=150.000000; variance_rc=-50.000000;"
            + " variance_pct=-0.250000; projected_rc=150.000000",
        "month_start=2025-01-01; channel=meta_ads; budget_rc=220.000000; actual_rc=220.000000; variance_rc=0.000000;"
            + " variance_pct=0.000000; projected_rc=220.000000",
        "month_start=2025-02-01; channel=google_ads; budget_rc=100.000000; actual_rc=0.000000; variance_rc=-100.000000;"
            + " variance_pct=-1.000000; projected_rc=0.000000",
        "month_start=2025-02-01; channel=meta_ads; budget_rc=0.000000; actual_rc=120.000000; variance_rc=120.000000;"
            + " variance_pct=null; projected_rc=120.000000");
  }

  @Test
  void metricDefinitionsListsEveryComputedColumnWithItsFormula() throws Exception {
    Sql.calcite(model).query("SELECT DISTINCT metric, formula, unit FROM finance.metric_definitions"
        + " WHERE metric IN ('roi', 'variance_rc', 'cpm') ORDER BY metric").returns(
        "metric=cpm; formula=spend_rc * 1000 / impressions; unit=reporting currency",
        "metric=roi; formula=(attributed_revenue_rc * gross margin - spend_rc) / spend_rc; unit=ratio",
        "metric=variance_rc; formula=actual_rc - budget_rc; unit=reporting currency");
  }

  @Test
  void functionsComputeRatiosExactlyAndFiscalPeriodsFromTheConfiguredStart() throws Exception {
    String july = fixture.otherModel("store7", "\"fiscalYearStartMonth\": 7");
    Sql.calcite(july).query("SELECT ROI(150, 100) AS roi, ROAS(1, 3) AS roas, ROAS(5, 0) AS by_zero,"
        + " FISCAL_YEAR(DATE '2025-06-30') AS fy_june, FISCAL_YEAR(DATE '2025-07-01') AS fy_july,"
        + " FISCAL_QUARTER(DATE '2025-07-01') AS q_july, FISCAL_QUARTER(DATE '2026-03-31') AS q_march")
        .returns("roi=0.500000; roas=0.333333; by_zero=null; fy_june=2025; fy_july=2026; q_july=2026-Q1; q_march=2026-Q3");
  }

  @Test
  void channelPerformanceComputesThePlatformsRatiosAndNullWhereTheyAreUndefined() throws Exception {
    // 2025-01-15 google: 1500 impressions, 150 clicks, spend 150, 15 conversions, value 450.
    // 2025-02-11 google: nothing at all, so every ratio is undefined.
    Sql.calcite(model).query("SELECT date_day, ctr, cpc, cpm, cpa, roas FROM finance.channel_performance"
        + " WHERE platform = 'google_ads' ORDER BY date_day").returns(
        "date_day=2025-01-15; ctr=0.100000; cpc=1.000000; cpm=100.000000; cpa=10.000000; roas=3.000000",
        "date_day=2025-02-11; ctr=null; cpc=null; cpm=null; cpa=null; roas=null");
  }

  @Test
  void ordersCarryTheirAmountInTheReportingCurrencyAtTheOrderDaysRate() throws Exception {
    // o5: 10.00 EUR on 2025-02-08, the last known rate is 2025-02-01's 1.2000.
    Sql.calcite(model).query("SELECT order_id, amount, currency, fx_rate, amount_rc, acquisition_channel"
        + " FROM finance.orders WHERE currency = 'EUR' ORDER BY order_id").returns(
        "order_id=o2; amount=100.000000; currency=EUR; fx_rate=1.10000000; amount_rc=110.000000; acquisition_channel=meta_ads",
        "order_id=o5; amount=10.000000; currency=EUR; fx_rate=1.20000000; amount_rc=12.000000; acquisition_channel=unattributed");
  }

  @Test
  void grossMarginPerProductLineDecidesEachOrdersMarginAndChannelRoi() throws Exception {
    // January google_ads: o1 500 hardware at 0.3 = 150; meta_ads: o2 110 software at 0.8 = 88.
    // ROI google = (150 - 150) / 150 = 0; meta = (88 - 220) / 220 = -0.6
    String perLine = fixture.otherModel("lines",
        "\"grossMargin\": {\"default\": 0.5, \"hardware\": 0.3, \"software\": 0.8}");
    Sql.calcite(perLine).query("SELECT order_id, margin_rc FROM finance.orders ORDER BY order_id").returns(
        "order_id=o1; margin_rc=150.000000", "order_id=o2; margin_rc=88.000000", "order_id=o3; margin_rc=15.000000",
        "order_id=o4; margin_rc=40.000000", "order_id=o5; margin_rc=9.600000");
    Sql.calcite(perLine).query("SELECT channel, gross_margin_rc, roi FROM finance.channel_roi"
        + " WHERE month_start = DATE '2025-01-01' ORDER BY channel").returns(
        "channel=google_ads; gross_margin_rc=150.000000; roi=0.000000",
        "channel=meta_ads; gross_margin_rc=88.000000; roi=-0.600000");
  }

  @Test
  void changingTheConfiguredMarginRebuildsTheFacts() throws Exception {
    Sql.calcite(fixture.otherModel("same", "\"grossMargin\": 0.5"))
        .query("SELECT SUM(margin_rc) AS m FROM finance.orders").returns("m=376.000000");
    Sql.calcite(fixture.otherModel("same", "\"grossMargin\": 0.25"))
        .query("SELECT SUM(margin_rc) AS m FROM finance.orders").returns("m=188.000000");
  }
}
