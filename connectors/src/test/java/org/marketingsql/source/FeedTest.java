package org.marketingsql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedTest {
  @Test
  void aFeedFromSameNamedColumnsQuotesEachColumnOfTheInputInOrder() {
    Feed feed = Feed.sameNames(Feed.Input.ORDERS, "TRUE");
    assertEquals(Feed.Input.ORDERS.columns(), feed.expressions().keySet().stream().toList());
    assertEquals("\"order_date\"", feed.expressions().get("order_date"));
  }

  @Test
  void aFeedMissingOneOfTheInputsColumnsIsRefusedNamingTheColumnsItNeeds() {
    Map<String, String> partial = new LinkedHashMap<>();
    partial.put("date", "\"date_day\"");
    partial.put("spend", "\"cost\"");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Feed(Feed.Input.AD_SPEND, partial, "TRUE"));
    assertTrue(e.getMessage().contains("ad_spend") && e.getMessage().contains("campaign_id"), e.getMessage());
  }
}
