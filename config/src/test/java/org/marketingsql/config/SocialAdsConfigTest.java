package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration of {@code meta-ads} and {@code linkedin-ads} sources. */
class SocialAdsConfigTest {
  private final ConfigReader reader = new ConfigReader(name -> "value-of-" + name);

  private SourceConfig read(Map<String, ?> source) {
    return reader.read(Map.of("sources", List.of(source)), Path.of("."), "jdbc:duckdb:").sources().get(0);
  }

  private List<String> problems(Map<String, ?> source) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> reader.read(Map.of("sources", List.of(source)), Path.of("."), "jdbc:duckdb:"));
    return e.problems().stream().map(p -> p.path() + ": " + p.message()).sorted().toList();
  }

  @Test
  void aMetaSourceReadsItsAccountTokenConversionTypesAndAttributionWindows() {
    SourceConfig meta = read(Map.of("name", "meta", "type", "meta-ads", "accountId", "act_123",
        "accessToken", "${env:META_TOKEN}", "conversionActionTypes", List.of("purchase", "lead"),
        "attributionWindows", "7d_click,1d_view"));
    assertEquals(SourceType.META_ADS, meta.type());
    assertEquals("value-of-META_TOKEN", meta.secrets().get("accessToken").reveal());
    assertEquals(List.of("purchase", "lead"), meta.settings().get("conversionActionTypes"));
    assertEquals("7d_click,1d_view", meta.setting("attributionWindows"));
  }

  @Test
  void aMetaSourceNeedsItsAccountAndToken() {
    assertEquals(List.of(
            "sources[0].accessToken: is required for a meta-ads source; reference it as ${env:VARIABLE_NAME} or"
                + " ${file:/run/secrets/name}",
            "sources[0].accountId: is required for a meta-ads source"),
        problems(Map.of("name", "meta", "type", "meta-ads")));
  }

  @Test
  void aLinkedInSourceNeedsItsAccountClientAndBothSecrets() {
    assertEquals(4, problems(Map.of("name", "li", "type", "linkedin-ads")).size());
    SourceConfig li = read(Map.of("name", "li", "type", "linkedin-ads", "accountId", "507404993",
        "clientId", "86abc", "clientSecret", "${env:LI_SECRET}", "refreshToken", "${env:LI_REFRESH}"));
    assertEquals("86abc", li.setting("clientId"));
    assertEquals("value-of-LI_REFRESH", li.secrets().get("refreshToken").reveal());
  }
}
