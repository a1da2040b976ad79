package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * {@code finance.marketing_cash_schedule} over an export folder with Google Ads spend in two USD accounts
 * (one on a 100 threshold for the platform, one prepaid by its account id) and Meta spend in EUR on the
 * default terms; every figure worked out by hand in the comments.
 */
class CashScheduleViewTest {
  private static final String BILLING = "\"billing\": {\"google_ads\": {\"threshold\": 100}, \"222\": \"prepaid\"}";

  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("cash");
  Path folder;
  String model;

  @BeforeEach
  void setUp() {
    folder = fixture.exports();
    model = fixture.model("", BILLING);
  }

  @Test
  void cashLeavesByEachAccountsTermsIncludingFutureDaysForSpendAlreadyAccrued() throws Exception {
    // 111: 60 unbilled on 30 Jan; 31 Jan +150 = 210 crosses 100 twice: 200 charged, 10 carried to 1 Feb;
    //      3 Feb 30, charged on 1 Mar. 222: prepaid, 25 on the day. act_9: 200 EUR x 1.1 in January, invoiced
    //      1 Feb, paid 3 Mar; 100 EUR x 1.2 in February, invoiced 1 Mar, paid 31 Mar.
    String terms = "invoice day 1, net 30 (default)";
    Sql.calcite(model).query("SELECT date_day, platform, account_id, billing_terms, accrued_spend_rc, cash_out_rc"
        + " FROM finance.marketing_cash_schedule ORDER BY date_day, platform, account_id").returns(
        "date_day=2025-01-20; platform=meta_ads; account_id=act_9; billing_terms=" + terms
            + "; accrued_spend_rc=220.000000; cash_out_rc=0.000000",
        "date_day=2025-01-30; platform=google_ads; account_id=111; billing_terms=threshold 100;"
            + " accrued_spend_rc=60.000000; cash_out_rc=0.000000",
        "date_day=2025-01-31; platform=google_ads; account_id=111; billing_terms=threshold 100;"
            + " accrued_spend_rc=150.000000; cash_out_rc=200.000000",
        "date_day=2025-01-31; platform=google_ads; account_id=222; billing_terms=prepaid;"
            + " accrued_spend_rc=25.000000; cash_out_rc=25.000000",
        "date_day=2025-02-01; platform=google_ads; account_id=111; billing_terms=threshold 100;"
            + " accrued_spend_rc=0.000000; cash_out_rc=10.000000",
        "date_day=2025-02-03; platform=google_ads; account_id=111; billing_terms=threshold 100;"
            + " accrued_spend_rc=30.000000; cash_out_rc=0.000000",
        "date_day=2025-02-10; platform=meta_ads; account_id=act_9; billing_terms=" + terms
            + "; accrued_spend_rc=120.000000; cash_out_rc=0.000000",
        "date_day=2025-03-01; platform=google_ads; account_id=111; billing_terms=threshold 100;"
            + " accrued_spend_rc=0.000000; cash_out_rc=30.000000",
        "date_day=2025-03-03; platform=meta_ads; account_id=act_9; billing_terms=" + terms
            + "; accrued_spend_rc=0.000000; cash_out_rc=220.000000",
        "date_day=2025-03-31; platform=meta_ads; account_id=act_9; billing_terms=" + terms
            + "; accrued_spend_rc=0.000000; cash_out_rc=120.000000");
  }

  @Test
  void cashOutAddsUpToTheAccruedSpendOfEveryPlatformAndToAdSpendDaily() throws Exception {
    Sql.calcite(model).query("SELECT c.platform, c.accrued, c.paid, a.spend FROM"
        + " (SELECT platform, SUM(accrued_spend_rc) AS accrued, SUM(cash_out_rc) AS paid"
        + "  FROM finance.marketing_cash_schedule GROUP BY platform) c"
        + " JOIN (SELECT platform, SUM(spend_rc) AS spend FROM finance.ad_spend_daily GROUP BY platform) a"
        + " ON a.platform = c.platform ORDER BY c.platform").returns(
        "platform=google_ads; accrued=265.000000; paid=265.000000; spend=265.000000",
        "platform=meta_ads; accrued=340.000000; paid=340.000000; spend=340.000000");
  }

  @Test
  void metricDefinitionsAndTheColumnRemarksCarryTheFormulas() throws Exception {
    // getColumns' REMARKS come from these through the driver (see MarketingDriverTest)
    ViewDefinition view = ViewDefinition.load("marketing_cash_schedule", Map.of());
    assertTrue(view.columnRemarks().get("cash_out_rc").startsWith("prepaid: accrued_spend_rc of the day; threshold A:"
        + " A each time the unbilled spend reaches A"), view.columnRemarks().get("cash_out_rc"));
    assertTrue(view.columnRemarks().get("billing_terms").endsWith("(default) when the configuration sets none"),
        view.columnRemarks().get("billing_terms"));
    Sql.calcite(model).query("SELECT metric, unit, SUBSTRING(formula FROM 1 FOR 42) AS formula FROM finance.metric_definitions"
        + " WHERE description LIKE 'In marketing_cash_schedule:%' ORDER BY metric").returns(
        "metric=accrued_spend_rc; unit=reporting currency; formula=sum of finance.ad_spend_daily.spend_rc of ",
        "metric=cash_out_rc; unit=reporting currency; formula=prepaid: accrued_spend_rc of the day; thre");
  }

  @Test
  void changingTheBillingTermsRebuildsTheSchedule() throws Exception {
    String query = "SELECT billing_terms, SUM(cash_out_rc) AS paid FROM finance.marketing_cash_schedule"
        + " WHERE date_day = DATE '2025-01-31' GROUP BY billing_terms ORDER BY billing_terms";
    Sql.calcite(fixture.otherModel("same", "", BILLING)).query(query).returns(
        "billing_terms=prepaid; paid=25.000000", "billing_terms=threshold 100; paid=200.000000");
    Sql.calcite(fixture.otherModel("same", "", "\"billing\": \"prepaid\"")).query(query).returns(
        "billing_terms=prepaid; paid=175.000000");
    Sql.calcite(fixture.otherModel("same", "")).query(query).returns(
        "billing_terms=invoice day 1, net 30 (default); paid=0.000000");
  }

  @Test
  void changingTheBillingTermsLeavesTheLtvFitAlone() throws Exception {
    Files.copy(Fixtures.copy("finance", fixture.exports().resolveSibling("finance")).resolve("orders.csv"),
        folder.resolve("orders.csv"));
    // the version of the last fit (four customers are too few for a fit, which is recorded all the same)
    String version = "SELECT data_version AS v FROM finance.\"_store\".ltv_state";
    Object before = Sql.calcite(fixture.otherModel("same", "", BILLING)).query(version).scalar();
    Sql.calcite(fixture.otherModel("same", "", "\"billing\": \"prepaid\"")).query(version).returns("v=" + before);
  }

  @Test
  void aFailedAdSpendFailsTheScheduleWithItsReason() throws Exception {
    Files.delete(folder.resolve("fx_rates.csv"));
    String message = assertThrowsSql("SELECT * FROM finance.marketing_cash_schedule");
    assertTrue(message.contains("no FX rate for EUR"), message);
  }

  private String assertThrowsSql(String query) {
    return org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> Sql.calcite(model).query(query).rows()).getMessage();
  }
}
