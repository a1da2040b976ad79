package org.marketingsql.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * ATTRIBUTED_REVENUE over fixtures/attribution: order a1 (700) of c1 follows touches meta_ads (4 days
 * before), email (2 days) and google_ads (same day; the linkedin_ads touch comes after it); a2 (100)
 * of c2 follows meta_ads (10 days) and google_ads (same day); a3 (30) has no touches and no channel;
 * a4 (9) has no customer and channel organic. Total revenue 839.
 */
class AttributedRevenueFunctionTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("attribution");
  String model;

  @BeforeEach
  void setUp() {
    model = Fixtures.model(fixture.exports(), fixture.file(), "");
  }

  private Sql credit(String call) {
    return Sql.calcite(model).query("SELECT channel, revenue_rc FROM TABLE(" + call + ") ORDER BY channel");
  }

  @Test
  void firstTouchCreditsTheEarliestTouchAndKeepsUntouchedOrdersWithTheirChannel() throws Exception {
    credit("ATTRIBUTED_REVENUE('first_touch', NULL)").returns("channel=meta_ads; revenue_rc=800.000000",
        "channel=organic; revenue_rc=9.000000", "channel=unattributed; revenue_rc=30.000000");
  }

  @Test
  void lastTouchCreditsTheTouchOnTheOrderDayNotTheOneAfter() throws Exception {
    credit("ATTRIBUTED_REVENUE('last_touch', NULL)").returns("channel=google_ads; revenue_rc=800.000000",
        "channel=organic; revenue_rc=9.000000", "channel=unattributed; revenue_rc=30.000000");
  }

  @Test
  void linearSplitsEquallyAndGivesTheRoundingRestToTheFirstLargestShare() throws Exception {
    // a1: 700 ÷ 3 = 233.333333 (+0.000001 to meta_ads); a2: 50 + 50
    credit("ATTRIBUTED_REVENUE('linear', NULL)").returns("channel=email; revenue_rc=233.333333",
        "channel=google_ads; revenue_rc=283.333333", "channel=meta_ads; revenue_rc=283.333334",
        "channel=organic; revenue_rc=9.000000", "channel=unattributed; revenue_rc=30.000000");
  }

  @Test
  void aModelItDoesNotKnowOrATimeDecayWithoutAHalfLifeIsAnInvalidArgument() throws Exception {
    for (String call : new String[] {"ATTRIBUTED_REVENUE('time_decay', NULL)", "ATTRIBUTED_REVENUE('time_decay', 0)",
        "ATTRIBUTED_REVENUE('newest_touch', NULL)"}) {
      java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
          () -> credit(call).rows(), call);
      Throwable t = e;
      while (t != null && !(t instanceof org.marketingsql.sql.PgSqlException)) {
        t = t.getCause();
      }
      org.junit.jupiter.api.Assertions.assertEquals("22023",
          t instanceof org.marketingsql.sql.PgSqlException pg ? pg.sqlState() : String.valueOf(e), call);
    }
  }

  @Test
  void timeDecayHalvesTheWeightEveryHalfLife() throws Exception {
    // half-life 2 days: a1 weights 1/4, 1/2, 1 → 100, 200, 400; a2 weights 1/32, 1 → 100/33, 3200/33
    credit("ATTRIBUTED_REVENUE('time_decay', 2)").returns("channel=email; revenue_rc=200.000000",
        "channel=google_ads; revenue_rc=496.969697", "channel=meta_ads; revenue_rc=103.030303",
        "channel=organic; revenue_rc=9.000000", "channel=unattributed; revenue_rc=30.000000");
  }

  @Test
  void positionBasedGivesFortyPercentToFirstAndLastAndTwentyToTheMiddle() throws Exception {
    // a1: 280, 140, 280; a2 has two touches: 50 + 50
    credit("ATTRIBUTED_REVENUE('position_based', NULL)").returns("channel=email; revenue_rc=140.000000",
        "channel=google_ads; revenue_rc=330.000000", "channel=meta_ads; revenue_rc=330.000000",
        "channel=organic; revenue_rc=9.000000", "channel=unattributed; revenue_rc=30.000000");
  }

  @Test
  void everyModelCreditsExactlyTheTotalRevenue() throws Exception {
    for (String call : new String[] {"'first_touch', NULL", "'last_touch', NULL", "'linear', NULL",
        "'time_decay', 7", "'time_decay', 1", "'position_based', NULL"}) {
      Sql.calcite(model).query("SELECT SUM(revenue_rc) AS total FROM TABLE(ATTRIBUTED_REVENUE(" + call + "))")
          .returns("total=839.000000");
    }
    Sql.calcite(model).query("SELECT SUM(amount_rc) AS total FROM finance.orders").returns("total=839.000000");
  }

  @Test
  void touchesKnownToTheDayOnlyAreAttributedToo() throws Exception {
    Path folder = Files.createDirectories(fixture.exports().resolveSibling("days"));
    Files.writeString(folder.resolve("orders.csv"),
        "order_id,customer_id,order_date,amount,currency\nb1,c1,2025-03-10,60.00,USD\n");
    Files.writeString(folder.resolve("touchpoints.csv"),
        "customer_id,touched_at,channel,campaign_id\nc1,2025-03-01,meta_ads,m1\nc1,2025-03-10,email,e1\n");
    String days = Fixtures.model(folder, fixture.exports().resolveSibling("days.duckdb"), "");
    Sql.calcite(days).query("SELECT channel, revenue_rc FROM TABLE(ATTRIBUTED_REVENUE('last_touch', NULL))")
        .returns("channel=email; revenue_rc=60.000000");
  }
}
