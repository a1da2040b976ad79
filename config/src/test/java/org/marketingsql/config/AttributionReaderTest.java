package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code attribution} key of the operand, read through {@link ConfigReader}. */
class AttributionReaderTest {
  private final ConfigReader reader = new ConfigReader(name -> null);

  private AttributionConfig read(Object attribution) {
    return reader.read(Map.of("attribution", attribution), Path.of("."), "jdbc:duckdb:").attribution();
  }

  private List<String> problems(Object attribution) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> reader.read(Map.of("attribution", attribution), Path.of("."), "jdbc:duckdb:"));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void withoutTheKeyOrdersAreCreditedToTheirLastTouchWithinThirtyDays() {
    AttributionConfig attribution = reader.read(Map.of(), Path.of("."), "jdbc:duckdb:").attribution();
    assertEquals(AttributionConfig.DEFAULT, attribution);
    assertEquals("last_touch", attribution.model());
    assertEquals(30, attribution.lookbackDays());
  }

  @Test
  void everyOneOfTheFiveModelsIsAccepted() {
    for (String model : AttributionConfig.MODELS) {
      assertEquals(model, read(Map.of("model", model, "lookbackDays", 14)).model());
    }
    assertEquals(14, read(Map.of("lookbackDays", 14)).lookbackDays());
    assertEquals(3, read(Map.of("model", "time_decay", "halfLifeDays", 3)).halfLifeDays());
  }

  @Test
  void theDefaultMappingTurnsWellKnownUtmSourcesIntoChannelsWhateverTheirCase() {
    AttributionConfig attribution = AttributionConfig.DEFAULT;
    assertEquals("google_ads", attribution.channelOf("Google"));
    for (String meta : List.of("facebook", "FB", "instagram", "ig", " Meta ")) {
      assertEquals("meta_ads", attribution.channelOf(meta), meta);
    }
    assertEquals("linkedin_ads", attribution.channelOf("LinkedIn"));
    assertEquals("microsoft_ads", attribution.channelOf("bing"));
    assertEquals("microsoft_ads", attribution.channelOf("Microsoft"));
    assertEquals("newsletter", attribution.channelOf("Newsletter"), "an unmapped source is its own channel");
    assertEquals(null, attribution.channelOf("  "));
  }

  @Test
  void configuredChannelsAddToTheDefaultsAndOverrideThem() {
    AttributionConfig attribution = read(Map.of("channels", Map.of("Newsletter", "email", "fb", "facebook_organic")));
    assertEquals("email", attribution.channelOf("newsletter"));
    assertEquals("facebook_organic", attribution.channelOf("FB"));
    assertEquals("meta_ads", attribution.channelOf("instagram"));
  }

  @Test
  void wrongValuesAreRefusedNamingTheirKey() {
    List<String> problems = problems(Map.of("model", "u_shaped", "lookbackDays", -1, "halfLifeDays", "a week",
        "channels", Map.of("google", "Google Ads"), "window", 7));
    List<String> paths = problems.stream().map(p -> p.substring(0, p.indexOf(':'))).sorted().toList();
    assertEquals(List.of("attribution.channels.google", "attribution.halfLifeDays", "attribution.lookbackDays",
        "attribution.model", "attribution.window"), paths);
    assertTrue(problems.stream().anyMatch(p -> p.contains("last_touch") && p.contains("u_shaped")), problems.toString());
  }

  @Test
  void attributionMustBeAMapping() {
    assertEquals(List.of("attribution: must be a mapping such as { model: last_touch, lookbackDays: 30 }"),
        problems("last_touch"));
  }
}
