package org.marketingsql.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * A subscription that starts at 23:30 UTC on 31 January 2024 (Stripe's times are UTC) started in January in New
 * York (18:30 there) and in February in Berlin (00:30 there): finance.subscription_mrr cuts its months, and
 * subscription_retention its cohorts, at the reporting time zone's midnights.
 */
@ExtendWith(IsolatedHome.class)
class SubscriptionMonthsTimeZoneTest {
  @TempDir
  Path temp;

  private static final String HEADER = "id,subscription_id,customer_id,status,currency,unit_amount,recurring_interval,"
      + "interval_count,quantity,created,start_date,trial_end,ended_at\n";

  private String model(String timeZone) throws Exception {
    return model(timeZone, "si_1,sub_1,cus_1,active,USD,30.00,month,1,1,2024-01-31 23:30:00,2024-01-31 23:30:00,,"
        + "2024-03-31 23:30:00\n");
  }

  private String model(String timeZone, String rows) throws Exception {
    Path exports = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(exports.resolve("subscription_items.csv"), HEADER + rows);
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "timeZone": "%s", "sources": [
           {"name": "exports", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(temp.resolve(timeZone.replace('/', '-') + ".duckdb").toString().replace("\\", "/"), timeZone,
        exports.toString().replace("\\", "/"));
  }

  @Test
  void inNewYorkTheSubscriptionIsNewInJanuaryAndChurnsInMarch() throws Exception {
    String model = model("America/New_York");
    Sql.calcite(model).query("SELECT month_start, new_rc, churned_rc, mrr_rc FROM finance.subscription_mrr"
        + " WHERE month_start <= DATE '2024-04-01' ORDER BY month_start").returns(
        "month_start=2024-01-01; new_rc=30.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-02-01; new_rc=0.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-03-01; new_rc=0.000000; churned_rc=30.000000; mrr_rc=0.000000",
        "month_start=2024-04-01; new_rc=0.000000; churned_rc=0.000000; mrr_rc=0.000000");
    Sql.calcite(model).query("SELECT DISTINCT cohort_month FROM finance.subscription_retention")
        .returns("cohort_month=2024-01-01");
  }

  @Test
  void inBerlinTheSubscriptionIsNewInFebruaryAndChurnsInApril() throws Exception {
    String model = model("Europe/Berlin");
    Sql.calcite(model).query("SELECT month_start, new_rc, churned_rc, mrr_rc FROM finance.subscription_mrr"
        + " WHERE month_start <= DATE '2024-04-01' ORDER BY month_start").returns(
        "month_start=2024-02-01; new_rc=30.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-03-01; new_rc=0.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-04-01; new_rc=0.000000; churned_rc=30.000000; mrr_rc=0.000000");
    Sql.calcite(model).query("SELECT DISTINCT cohort_month FROM finance.subscription_retention")
        .returns("cohort_month=2024-02-01");
  }

  @Test
  void datesWithoutATimeAreThoseDaysInTheReportingZoneNotMidnightUtc() throws Exception {
    // midnight UTC of 1 February would be 31 January, 19:00 in New York: the dates are New York's own days
    Sql.calcite(model("America/New_York", "si_1,sub_1,cus_1,active,USD,30.00,month,1,1,2024-02-01,2024-02-01,,"
        + "2024-04-01\n")).query("SELECT month_start, new_rc, churned_rc, mrr_rc FROM finance.subscription_mrr"
        + " WHERE month_start <= DATE '2024-04-01' ORDER BY month_start").returns(
        "month_start=2024-02-01; new_rc=30.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-03-01; new_rc=0.000000; churned_rc=0.000000; mrr_rc=30.000000",
        "month_start=2024-04-01; new_rc=0.000000; churned_rc=30.000000; mrr_rc=0.000000");
  }
}
