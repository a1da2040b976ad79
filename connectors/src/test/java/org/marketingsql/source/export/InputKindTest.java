package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inputs this branch added: NPS surveys and touchpoints. */
class InputKindTest {
  private static final Path FILE = Path.of("x.csv");

  @Test
  void recognisesSurveysAndTouchpointsButNotOrdersThatHappenToHaveAScoreColumn() throws Exception {
    assertEquals(InputKind.NPS_SURVEY, InputKind.detect(FILE, List.of("date", "score")));
    assertEquals(InputKind.TOUCHPOINTS, InputKind.detect(FILE, List.of("customer_id", "touched_at", "channel",
        "campaign_id")));
    assertEquals(InputKind.ORDERS, InputKind.detect(FILE, List.of("order_id", "customer_id", "order_date", "amount",
        "currency", "score")));
    assertEquals(null, InputKind.detect(FILE, List.of("date", "visits")));
  }

  @Test
  void aTouchKnownToTheDayOnlyStaysADateAndATimeStaysATimestamp() {
    assertEquals(new ColumnSpec("touched_at", Kind.DATE, 0),
        InputKind.TOUCHPOINTS.spec(new ColumnSpec("touched_at", Kind.DATE, 0)));
    assertEquals(new ColumnSpec("touched_at", Kind.TIMESTAMP, 0),
        InputKind.TOUCHPOINTS.spec(new ColumnSpec("touched_at", Kind.VARCHAR, 0)));
  }
}
