package org.marketingsql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;

class PrimaryConversionsTest {
  private static SourceConfig source(Object primary) {
    return new SourceConfig("ads", SourceType.CSV_FOLDER, null, null, null, null, null, Map.of(), null, null, false,
        primary == null ? Map.of() : Map.of(PrimaryConversions.KEY, primary));
  }

  @Test
  void aListOrACommaSeparatedStringGivesTrimmedLowerCaseNamesWithoutBlanksOrRepeats() {
    assertEquals(List.of("purchase", "sign-up"), PrimaryConversions.of(source(List.of(" Purchase", "Sign-up", "PURCHASE"))));
    assertEquals(List.of("purchase", "7001"), PrimaryConversions.of(source("purchase, 7001,, ")));
  }

  @Test
  void withoutTheKeyThePlatformDecides() {
    assertEquals(List.of(), PrimaryConversions.of(source(null)));
  }

  @Test
  void theFeedGivesEveryColumnOfTheConversionsInputWithThePlatformAsALiteral() {
    Feed feed = PrimaryConversions.feed("google_ads", Map.of("conversions", "\"all_conversions\""));
    assertEquals(Feed.Input.CONVERSIONS.columns(), List.copyOf(feed.expressions().keySet()));
    assertEquals("'google_ads'", feed.expressions().get("platform"));
    assertEquals("\"all_conversions\"", feed.expressions().get("conversions"));
    assertEquals("\"platform_primary\"", feed.expressions().get("platform_primary"));
    assertTrue(feed.where().contains("\"conversion_action\" IS NOT NULL"), feed.where());
  }

  @Test
  void anExpressionForAColumnTheInputDoesNotHaveIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PrimaryConversions.feed("meta_ads", Map.of("clicks", "\"clicks\"")));
    assertTrue(e.getMessage().contains("clicks"), e.getMessage());
  }
}
