package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code refresh} key: when {@code serve} refreshes each source. */
class RefreshScheduleTest {
  private final ConfigReader reader = new ConfigReader(name -> null);
  @TempDir
  Path temp;

  private MarketingConfig read(Map<String, ?> refresh) {
    Map<String, Object> operand = Map.of("sources", List.of(
        Map.of("name", "exports", "type", "csv-folder", "path", temp.toString()),
        Map.of("name", "finance_files", "type", "csv-folder", "path", temp.toString())),
        "refresh", refresh);
    return reader.read(operand, temp, "jdbc:duckdb:");
  }

  private List<String> problems(Map<String, ?> refresh) {
    return assertThrows(ConfigException.class, () -> read(refresh)).problems().stream().map(ConfigProblem::toString)
        .toList();
  }

  @Test
  void withoutTheKeyApisRefreshEveryFifteenMinutesAndExportFoldersAreCheckedEveryMinute() {
    MarketingConfig config = reader.read(Map.of("sources", List.of(
        Map.of("name", "exports", "type", "csv-folder", "path", temp.toString()))), temp, "jdbc:duckdb:");
    assertEquals(RefreshSchedule.DEFAULT, config.refresh());
    assertEquals(Duration.ofMinutes(15), config.refresh().apis());
    assertEquals(Duration.ofSeconds(60), config.refresh().interval(config.sources().get(0)));
  }

  @Test
  void aSourcesOwnIntervalWinsOverThatOfItsKind() {
    MarketingConfig config = read(Map.of("apis", "1h", "exports", "10s", "sources", Map.of("finance_files", "PT5M")));
    assertEquals(new RefreshSchedule(Duration.ofHours(1), Duration.ofSeconds(10), Map.of("finance_files", Duration.ofMinutes(5))),
        config.refresh());
    assertEquals(Duration.ofSeconds(10), config.refresh().interval(config.sources().get(0)));
    assertEquals(Duration.ofMinutes(5), config.refresh().interval(config.sources().get(1)));
  }

  @Test
  void everyWrongIntervalIsNamedByItsKeyWithTheValueFound() {
    assertEquals(List.of(
            "refresh.apis: 'soon' is not a duration: write a whole number with its unit, such as 60s, 15m, 1h or 1d,"
                + " or ISO-8601 such as PT15M",
            "refresh.exports: '60' is not a duration: write a whole number with its unit, such as 60s, 15m, 1h or 1d,"
                + " or ISO-8601 such as PT15M",
            "refresh.sources.finance_files: 'PT0.5S' is shorter than the shortest interval, 1s"),
        problems(Map.of("apis", "soon", "exports", 60, "sources", Map.of("finance_files", "PT0.5S"))));
    assertEquals(List.of("refresh.exports: '0s' is not a duration: write a whole number with its unit, such as 60s,"
        + " 15m, 1h or 1d, or ISO-8601 such as PT15M"), problems(Map.of("exports", "0s")));
  }

  @Test
  void unknownKeysAndUnknownSourcesAreRefused() {
    assertEquals(List.of("refresh.api: unknown key; known keys are [apis, exports, sources]",
            "refresh.sources.google: no source is named 'google'; sources: [exports, finance_files]"),
        problems(Map.of("api", "15m", "sources", Map.of("google", "1h"))));
  }

  @Test
  void refreshAndItsSourcesMustBeMappings() {
    assertEquals("refresh", assertThrows(ConfigException.class, () -> reader.read(Map.of("refresh", "15m"), temp,
        "jdbc:duckdb:")).problems().get(0).path());
    assertEquals(List.of("refresh.sources: must be a mapping of source name to interval such as { google: 1h },"
        + " found '1h'"), problems(Map.of("sources", "1h")));
  }
}
