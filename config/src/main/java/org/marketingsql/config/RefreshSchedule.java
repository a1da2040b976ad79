package org.marketingsql.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * When {@code serve} runs the refresher for each source (configuration key {@code refresh}, see
 * docs/refresh.md): an API source is synced once its last sync is older than its interval, and an export
 * folder is checked for added, removed or changed files every interval.
 *
 * @param apis the interval of every API source without an entry in {@code sources}
 * @param exports how often every export folder without an entry in {@code sources} is checked
 * @param sources intervals of single sources, by source name
 */
public record RefreshSchedule(Duration apis, Duration exports, Map<String, Duration> sources) {
  /** The shortest interval taken: checking an export folder more often than every second only costs. */
  public static final Duration SHORTEST = Duration.ofSeconds(1);
  /** APIs every 15 minutes, export folders checked every 60 seconds. */
  public static final RefreshSchedule DEFAULT = new RefreshSchedule(Duration.ofMinutes(15), Duration.ofSeconds(60),
      Map.of());

  public RefreshSchedule {
    check("apis", apis);
    check("exports", exports);
    sources = Map.copyOf(sources);
    sources.forEach((name, interval) -> check("sources." + name, interval));
  }

  private static void check(String key, Duration interval) {
    Objects.requireNonNull(interval, key);
    if (interval.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("refresh." + key + " must be at least 1s: " + interval);
    }
  }

  /** The interval of {@code source}: its own entry, else that of its kind (export folder or API). */
  public Duration interval(SourceConfig source) {
    Objects.requireNonNull(source, "source");
    Duration own = sources.get(source.name());
    if (own != null) {
      return own;
    }
    return source.type() == SourceType.CSV_FOLDER ? exports : apis;
  }
}
