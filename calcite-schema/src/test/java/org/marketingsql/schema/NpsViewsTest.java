package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/** finance.nps and NPS_CATEGORY over survey exports. */
class NpsViewsTest {
  @TempDir
  Path temp;

  private String model(String fixture) {
    return Fixtures.model(Fixtures.copy(fixture, temp.resolve("exports")), temp.resolve("store.duckdb"), "");
  }

  @Test
  void npsOfThePublicRetailSurveyIs53Point42OverItsAnsweredRows() throws Exception {
    // Latin-1, no date, no segment; 342 of 13,954 rows are NA. 8465 promoters, 1194 detractors:
    // (8465 − 1194) × 100 ÷ 13612 = 53.416103
    Sql.calcite(model("nps")).query("SELECT month_start, fiscal_year, segment, responses, promoters, passives,"
        + " detractors, nps FROM finance.nps").returns(
        "month_start=null; fiscal_year=null; segment=null; responses=13612; promoters=8465; passives=3953;"
            + " detractors=1194; nps=53.416103");
  }

  @Test
  void npsCountsAnswersPerMonthAndSegmentAndSkipsEmptyAndNa() throws Exception {
    // January smb: 10, 9, 6 → (2 − 1) × 100 ÷ 3; enterprise: 8 (and one NA); February smb: 7, 0 (and one empty).
    Sql.calcite(model("nps-segments")).query("SELECT month_start, fiscal_quarter, segment, responses, promoters,"
        + " passives, detractors, nps FROM finance.nps ORDER BY month_start, segment").returns(
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; segment=enterprise; responses=1; promoters=0; passives=1;"
            + " detractors=0; nps=0.000000",
        "month_start=2025-01-01; fiscal_quarter=2025-Q1; segment=smb; responses=3; promoters=2; passives=0;"
            + " detractors=1; nps=33.333333",
        "month_start=2025-02-01; fiscal_quarter=2025-Q1; segment=smb; responses=2; promoters=0; passives=1;"
            + " detractors=1; nps=-50.000000");
  }

  @Test
  void npsRefusesAScoreOutsideZeroToTenAndNamesTheFile() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("bad"));
    Files.writeString(folder.resolve("survey.csv"), "date,score\n2025-01-05,9\n2025-01-06,11\n");
    String model = Fixtures.model(folder, temp.resolve("bad.duckdb"), "");
    Exception e = assertThrows(Exception.class, () -> Sql.calcite(model).query("SELECT * FROM finance.nps").rows());
    String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : e.getCause().getMessage());
    assertTrue(message.contains("exports.survey") && message.contains("'11'"), message);
  }

  @Test
  void npsCategoryNamesPromotersPassivesAndDetractors() throws Exception {
    Sql.calcite(model("nps-segments")).query("SELECT NPS_CATEGORY(10) AS a, NPS_CATEGORY(9) AS b, NPS_CATEGORY(8) AS c,"
        + " NPS_CATEGORY(7) AS d, NPS_CATEGORY(6) AS e, NPS_CATEGORY(0) AS f").returns(
        "a=promoter; b=promoter; c=passive; d=passive; e=detractor; f=detractor");
  }

  @Test
  void promotersAndDetractorsAreComparedByWhatTheyAreWorth() throws Exception {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    Files.writeString(folder.resolve("survey.csv"), """
        date,customer_id,score
        2025-02-10,c1,10
        2025-02-10,c2,3
        2025-02-11,c3,9
        2025-02-12,c9,8
        2025-02-13,c1,9
        """);
    // promoters c1 (500 + 50) and c3 (80): 630 / 2 = 315, margin 0.5: 157.5; detractor c2: 110 (100 EUR at 1.10);
    // passive c9 has no orders. c1 answered twice as a promoter: counted once.
    Sql.calcite(Fixtures.model(folder, temp.resolve("store.duckdb"), "\"grossMargin\": 0.5")).query(
        "SELECT category, customers, customers_with_orders, avg_historical_revenue_rc, avg_historical_ltv_rc"
            + " FROM finance.nps_customer_value ORDER BY category").returns(
        "category=detractor; customers=1; customers_with_orders=1; avg_historical_revenue_rc=110.000000;"
            + " avg_historical_ltv_rc=55.000000",
        "category=passive; customers=1; customers_with_orders=0; avg_historical_revenue_rc=null;"
            + " avg_historical_ltv_rc=null",
        "category=promoter; customers=2; customers_with_orders=2; avg_historical_revenue_rc=315.000000;"
            + " avg_historical_ltv_rc=157.500000");
  }
}
