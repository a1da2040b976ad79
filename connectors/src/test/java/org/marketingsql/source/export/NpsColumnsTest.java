package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NpsColumnsTest {
  @Test
  void theRecommendQuestionIsTheScoreWhateverItsExactWording() {
    List<String> header = List.of("submitted_at", "segment", "customer_id",
        Names.snakeCase("How likely are you to recommend us to a friend or colleague?"), "comment");
    assertEquals(Optional.of("how_likely_are_you_to_recommend_us_to_a_friend_or_colleague"), NpsColumns.score(header));
    assertEquals(Optional.of("submitted_at"), NpsColumns.date(header));
    assertEquals(Optional.of("segment"), NpsColumns.segment(header));
    assertEquals(Optional.of("customer_id"), NpsColumns.customerId(header));
  }

  @Test
  void aKnownScoreNameWinsOverAQuestionAboutRecommending() {
    assertEquals(Optional.of("nps"), NpsColumns.score(List.of("would_you_recommend_the_staff", "nps")));
  }

  @Test
  void aSurveyWithoutDateOrSegmentHasNone() {
    List<String> header = List.of("c_", "id", "nps", "satisfaction", "t");
    assertEquals(Optional.empty(), NpsColumns.date(header));
    assertEquals(Optional.empty(), NpsColumns.segment(header));
  }
}
