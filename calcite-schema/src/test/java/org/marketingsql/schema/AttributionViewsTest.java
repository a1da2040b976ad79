package org.marketingsql.schema;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * The one attribution decision per order and the views over it, on the hand-checked {@code campaigns} fixture
 * (gross margin 0.5, everything in USD). Campaigns: google_ads g1 "Brand Search" (March spend 200), g2 "Generic"
 * (March 100), meta_ads m1 "Spring Sale" (March 150, April 50). Orders:
 * <pre>
 * p1 120 Mar  utm Google / g1            → google_ads, g1 by id           (order_utm)
 * p2  80 Mar  utm FB / "SPRING SALE"     → meta_ads, m1 by name           (order_utm)
 * p3  40 Mar  utm google / "Summer Promo"→ google_ads, no campaign: a miss (its touch does not count)
 * p4  60 Mar  channel email              → email                          (order_channel)
 * p5 100 Mar  touches m1 03-01, g2 03-08 → last touch: google_ads g2; linear: 50 each
 * p6  30 Mar  touch 2025-01-15, too old  → unattributed
 * p9  10 Mar  channel meta_ads, utm m1   → meta_ads, m1                   (order_channel)
 * p7  50 Apr  utm_campaign Generic only  → google_ads g2, the one platform it matches
 * p8  25 Apr  utm Newsletter / april     → newsletter, "april" matches no campaign: a miss
 * </pre>
 */
class AttributionViewsTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("campaigns");
  String model;

  @BeforeEach
  void setUp() {
    model = fixture.model("\"grossMargin\": 0.5");
  }

  @Test
  void eachOrderCarriesTheChannelCampaignAndBasisDecidedForIt() throws Exception {
    Sql.calcite(model).query("SELECT order_id, acquisition_channel, campaign_id, attribution_basis, utm_campaign"
        + " FROM finance.orders ORDER BY order_id").returns(
        "order_id=p1; acquisition_channel=google_ads; campaign_id=g1; attribution_basis=order_utm; utm_campaign=g1",
        "order_id=p2; acquisition_channel=meta_ads; campaign_id=m1; attribution_basis=order_utm; utm_campaign=SPRING SALE",
        "order_id=p3; acquisition_channel=google_ads; campaign_id=null; attribution_basis=order_utm;"
            + " utm_campaign=Summer Promo",
        "order_id=p4; acquisition_channel=email; campaign_id=null; attribution_basis=order_channel; utm_campaign=null",
        "order_id=p5; acquisition_channel=google_ads; campaign_id=g2; attribution_basis=touchpoints; utm_campaign=null",
        "order_id=p6; acquisition_channel=unattributed; campaign_id=null; attribution_basis=unattributed;"
            + " utm_campaign=null",
        "order_id=p7; acquisition_channel=google_ads; campaign_id=g2; attribution_basis=order_utm; utm_campaign=Generic",
        "order_id=p8; acquisition_channel=newsletter; campaign_id=null; attribution_basis=order_utm; utm_campaign=april",
        "order_id=p9; acquisition_channel=meta_ads; campaign_id=m1; attribution_basis=order_channel; utm_campaign=m1");
  }

  @Test
  void channelRoiAndCustomersCreditTheSameChannelToAnOrderWithoutOne() throws Exception {
    Sql.calcite(model).query("SELECT month_start, channel, spend_rc, attributed_revenue_rc, gross_margin_rc"
        + " FROM finance.channel_roi ORDER BY month_start, channel").returns(
        "month_start=2025-03-01; channel=email; spend_rc=0.000000; attributed_revenue_rc=60.000000; gross_margin_rc=30.000000",
        "month_start=2025-03-01; channel=google_ads; spend_rc=300.000000; attributed_revenue_rc=260.000000;"
            + " gross_margin_rc=130.000000",
        "month_start=2025-03-01; channel=meta_ads; spend_rc=150.000000; attributed_revenue_rc=90.000000;"
            + " gross_margin_rc=45.000000",
        "month_start=2025-03-01; channel=unattributed; spend_rc=0.000000; attributed_revenue_rc=30.000000;"
            + " gross_margin_rc=15.000000",
        "month_start=2025-04-01; channel=google_ads; spend_rc=0.000000; attributed_revenue_rc=50.000000;"
            + " gross_margin_rc=25.000000",
        "month_start=2025-04-01; channel=meta_ads; spend_rc=50.000000; attributed_revenue_rc=0.000000;"
            + " gross_margin_rc=0.000000",
        "month_start=2025-04-01; channel=newsletter; spend_rc=0.000000; attributed_revenue_rc=25.000000;"
            + " gross_margin_rc=12.500000");
    Sql.calcite(model).query("SELECT customer_id, acquisition_channel FROM finance.customers"
        + " WHERE customer_id IN ('k1', 'k5', 'k6') ORDER BY customer_id").returns(
        "customer_id=k1; acquisition_channel=google_ads", "customer_id=k5; acquisition_channel=google_ads",
        "customer_id=k6; acquisition_channel=unattributed");
  }

  @Test
  void campaignRoiCreditsRevenueToCampaignsMatchedByIdThenByName() throws Exception {
    // March g1: margin 60 on spend 200; g2: 50 on 100; m1: (80 + 10) * 0.5 = 45 on 150.
    Sql.calcite(model).query("SELECT * FROM finance.campaign_roi ORDER BY month_start, platform, campaign_id").returns(
        "month_start=2025-03-01; platform=google_ads; campaign_id=g1; campaign_name=Brand Search; spend_rc=200.000000;"
            + " attributed_revenue_rc=120.000000; roi=-0.700000; roas=0.600000",
        "month_start=2025-03-01; platform=google_ads; campaign_id=g2; campaign_name=Generic; spend_rc=100.000000;"
            + " attributed_revenue_rc=100.000000; roi=-0.500000; roas=1.000000",
        "month_start=2025-03-01; platform=meta_ads; campaign_id=m1; campaign_name=Spring Sale; spend_rc=150.000000;"
            + " attributed_revenue_rc=90.000000; roi=-0.700000; roas=0.600000",
        "month_start=2025-04-01; platform=google_ads; campaign_id=g2; campaign_name=Generic; spend_rc=0.000000;"
            + " attributed_revenue_rc=50.000000; roi=null; roas=null",
        "month_start=2025-04-01; platform=meta_ads; campaign_id=m1; campaign_name=Spring Sale; spend_rc=50.000000;"
            + " attributed_revenue_rc=0.000000; roi=-1.000000; roas=0.000000");
  }

  @Test
  void theConfiguredModelSharesAnOrderAmongItsTouchesInBothChannelAndCampaignRoi() throws Exception {
    String linear = fixture.otherModel("linear",
        "\"grossMargin\": 0.5, \"attribution\": {\"model\": \"linear\", \"lookbackDays\": 30}");
    // p5's 100 split evenly between meta_ads m1 (03-01) and google_ads g2 (03-08).
    Sql.calcite(linear).query("SELECT platform, campaign_id, attributed_revenue_rc FROM finance.campaign_roi"
        + " WHERE month_start = DATE '2025-03-01' ORDER BY platform, campaign_id").returns(
        "platform=google_ads; campaign_id=g1; attributed_revenue_rc=120.000000",
        "platform=google_ads; campaign_id=g2; attributed_revenue_rc=50.000000",
        "platform=meta_ads; campaign_id=m1; attributed_revenue_rc=140.000000");
    Sql.calcite(linear).query("SELECT channel, attributed_revenue_rc FROM finance.channel_roi"
        + " WHERE month_start = DATE '2025-03-01' AND channel IN ('google_ads', 'meta_ads') ORDER BY channel").returns(
        "channel=google_ads; attributed_revenue_rc=210.000000", "channel=meta_ads; attributed_revenue_rc=140.000000");
  }

  @Test
  void aShorterLookBackLeavesOlderTouchesOut() throws Exception {
    String week = fixture.otherModel("week",
        "\"attribution\": {\"model\": \"first_touch\", \"lookbackDays\": 7}");
    // p5's first touch within 7 days of 03-09 is g2 on 03-08; m1 on 03-01 is 8 days before.
    Sql.calcite(week).query("SELECT acquisition_channel, campaign_id FROM finance.orders WHERE order_id = 'p5'")
        .returns("acquisition_channel=google_ads; campaign_id=g2");
  }

  @Test
  void attributionCoverageShowsWhatHasAChannelACampaignAndWhatIsLeftUnattributed() throws Exception {
    // March: 7 orders, 440; 30 (p6) unattributed; campaigns matched for p1, p2, p5, p9 = 310; miss: Summer Promo.
    // April: 2 orders, 75; p7 matched = 50; miss: april.
    Sql.calcite(model).query("SELECT * FROM finance.attribution_coverage ORDER BY month_start, source_name").returns(
        "month_start=2025-03-01; source_name=exports; orders=7; revenue_rc=440.000000; channel_attributed_rc=410.000000;"
            + " campaign_attributed_rc=310.000000; unattributed_rc=30.000000; unmatched_campaigns=1",
        "month_start=2025-04-01; source_name=exports; orders=2; revenue_rc=75.000000; channel_attributed_rc=75.000000;"
            + " campaign_attributed_rc=50.000000; unattributed_rc=0.000000; unmatched_campaigns=1");
  }
}
