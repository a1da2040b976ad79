package org.marketingsql.source;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per JVM, when each range of each table was last asked of its API by a live read, so
 * queries that keep asking for days an API does not deliver (it fails, or the store does not keep
 * what it answered) call out once per {@link #period()}, not once per query. Set by the system
 * property {@code marketingsql.liveRead.cooldownSeconds} (default 60).
 */
public final class LiveReadCooldown {
  private static final ConcurrentHashMap<Key, Instant> ASKED = new ConcurrentHashMap<>();

  private record Key(String store, String source, String table, DateRange range) {
  }

  private LiveReadCooldown() {
  }

  public static Duration period() {
    return Duration.ofSeconds(Long.getLong("marketingsql.liveRead.cooldownSeconds", 60));
  }

  /**
   * Whether a range may be asked for now; when it may, it counts as asked at {@code now}. Atomic: of
   * several queries asking at once, one calls out.
   */
  public static boolean mayAsk(String store, String source, String table, DateRange range, Instant now) {
    Objects.requireNonNull(now, "now");
    Key key = new Key(Objects.requireNonNull(store, "store"), Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(table, "table"), Objects.requireNonNull(range, "range"));
    boolean[] may = {false};
    ASKED.compute(key, (k, last) -> {
      if (last == null || !now.isBefore(last.plus(period()))) {
        may[0] = true;
        return now;
      }
      return last;
    });
    return may[0];
  }
}
