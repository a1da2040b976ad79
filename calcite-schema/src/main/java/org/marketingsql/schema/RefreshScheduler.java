package org.marketingsql.schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a store's {@link Refresher} on the schedule of the configuration's {@code refresh} key, as
 * {@code serve} does: every second it looks at the sources whose interval has passed since they were last
 * looked at; when one of them is behind the snapshot (an export folder with an added, removed or changed
 * file; an API source whose last sync is older than its interval), it runs one refresh, which brings in
 * everything that is due. All on one daemon thread of its own, never on a reader's. A refresh that fails
 * is logged and recorded where {@code sync.sync_status} shows it, and the schedule goes on.
 */
public final class RefreshScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshScheduler.class);
  /** How often the schedule is looked at; the shortest interval a configuration may give. */
  static final Duration TICK = Duration.ofSeconds(1);

  private final MarketingConfig config;
  private final Refresher refresher;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  /** When each source is next looked at, by name; only the scheduler's thread touches it. */
  private final Map<String, Instant> next = new HashMap<>();
  private boolean closed;

  private RefreshScheduler(MarketingConfig config, Clock clock) {
    this.config = config;
    this.refresher = Refresher.of(config);
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "marketing-sql refresh schedule of "
          + refresher.folder().dir().getFileName());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Starts the schedule of {@code config}, whose store must be a DuckDB file (only those have snapshots).
   * Every source is looked at on the first tick, so an API source last synced longer ago than its interval
   * is synced when the schedule starts.
   */
  public static RefreshScheduler start(MarketingConfig config) {
    Objects.requireNonNull(config, "config");
    RefreshScheduler scheduler = new RefreshScheduler(config, Clock.systemUTC());
    scheduler.refresher.scheduleStarted();
    scheduler.executor.scheduleWithFixedDelay(scheduler::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("{}: refreshing on a schedule: {}", scheduler.refresher.folder().dir(), scheduler.describe());
    return scheduler;
  }

  /** The schedule in words, for the log and the command line: each source with its interval. */
  public String describe() {
    if (config.sources().isEmpty()) {
      return "no sources";
    }
    StringBuilder text = new StringBuilder();
    for (SourceConfig source : config.sources()) {
      text.append(text.isEmpty() ? "" : ", ").append(source.name()).append(" every ")
          .append(words(config.refresh().interval(source)));
    }
    return text.toString();
  }

  /** One look at the schedule; never throws, so a failure never ends the schedule. */
  private void tick() {
    try {
      Instant now = clock.instant();
      Set<String> due = new HashSet<>();
      for (SourceConfig source : config.sources()) {
        Instant when = next.getOrDefault(source.name(), Instant.MIN);
        if (!now.isBefore(when)) {
          due.add(source.name());
          next.put(source.name(), now.plus(config.refresh().interval(source)));
        }
      }
      if (due.isEmpty() || refresher.folder().current().isEmpty()) {
        return;
      }
      boolean behind;
      Store snapshot = Store.openSnapshot(refresher.folder());
      try {
        behind = refresher.isDue(snapshot, source -> due.contains(source.name()));
      } finally {
        snapshot.close();
      }
      if (behind) {
        LOG.info("{}: the schedule finds {} due; refreshing", refresher.folder().dir(), due);
        Refresher.Outcome outcome = refresher.refresh(false);
        LOG.info("{}: scheduled refresh: {}", refresher.folder().dir(), outcome.message());
      }
    } catch (Refresher.RefreshException e) {
      // recorded beside the snapshot by the refresher, where sync.sync_status and check show it
      LOG.warn("{}: the scheduled refresh failed; the schedule goes on: {}", refresher.folder().dir(), e.getMessage());
    } catch (RuntimeException | Error e) {
      LOG.warn("{}: the refresh schedule could not look at the sources; it goes on: {}", refresher.folder().dir(),
          String.valueOf(e.getMessage()), e);
    }
  }

  private static String words(Duration interval) {
    long seconds = interval.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /**
   * Stops the schedule: no refresh starts after this. One running is given a few seconds and then left to
   * end on its daemon thread; if the process ends first, it publishes nothing, as after a crash, and the
   * next refresh discards what it left.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // not interrupted: an interrupted file copy would fail the refresh and record that as its error
    executor.shutdown();
    refresher.scheduleStopped();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.info("{}: a scheduled refresh is still finishing", refresher.folder().dir());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
