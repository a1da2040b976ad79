package org.marketingsql.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.metrics.FinanceFacts;
import org.marketingsql.metrics.LtvFacts;
import org.marketingsql.source.DateRange;
import org.marketingsql.store.RefreshLock;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreException;
import org.marketingsql.store.StoreFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one refresher of a DuckDB store folder: builds the next snapshot in a working copy of the current
 * one (loads the changed exports, syncs the stale API sources and the days live reads asked for,
 * rebuilds the facts, the cash schedule and the LTV models), checkpoints and closes it, and publishes
 * it ({@link StoreFolder#publish}). A refresh that fails or is killed publishes nothing: the last snapshot
 * stays, the failure is recorded beside it ({@code sync.sync_status} shows it), and the next refresh
 * starts again from a fresh copy.
 *
 * <p>One per store folder and JVM, so a refresh asked for while one runs joins it; across processes the
 * folder's {@link RefreshLock} lets one refresh at a time. An object a scheduler (such as {@code serve})
 * can call: {@link #refresh} in the foreground, {@link #refreshInBackground} on its daemon thread.
 */
public final class Refresher {
  private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);
  private static final ConcurrentHashMap<Path, Refresher> BY_FOLDER = new ConcurrentHashMap<>();
  /** After a failed background refresh, connections do not start another for this long. */
  private static final Duration BACKOFF = Duration.ofSeconds(Long.getLong("marketingsql.refresh.backoffSeconds", 30));

  private final StoreFolder folder;
  private volatile MarketingConfig config;
  /** The refresh running in this JVM, or null. Guarded by {@code this}. */
  private CompletableFuture<Outcome> running;
  /** Days live reads asked for, read by the next refresh. Guarded by {@code this}. */
  private final List<LiveRange> liveRanges = new ArrayList<>();
  private volatile Instant lastFailure = Instant.EPOCH;
  /** Schedulers running this refresher ({@link RefreshScheduler}); while any does, its intervals apply. */
  private final AtomicInteger schedulers = new AtomicInteger();

  private Refresher(StoreFolder folder, MarketingConfig config) {
    this.folder = folder;
    this.config = config;
  }

  /** What one refresh did. */
  public record Outcome(Status status, long generation, Duration took, String message, Duration sources,
      Duration derived) {
    public Outcome {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(took, "took");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(sources, "sources");
      Objects.requireNonNull(derived, "derived");
    }

    Outcome(Status status, long generation, Duration took, String message) {
      this(status, generation, took, message, Duration.ZERO, Duration.ZERO);
    }
  }

  /** How a refresh ended. */
  public enum Status {
    /** a new snapshot is current */
    PUBLISHED,
    /** nothing had changed; the current snapshot stays */
    UP_TO_DATE,
    /** another process was refreshing and this one was told not to wait: the work is the holder's */
    LEFT_TO_OTHER_PROCESS
  }

  /** Days of tables a live read asked for, synced by the next refresh. */
  record LiveRange(Map<String, Set<String>> tables, DateRange range) {
    LiveRange {
      tables = Map.copyOf(tables);
      Objects.requireNonNull(range, "range");
    }
  }

  /** When a refresh failed; the snapshot before it stays. */
  public static final class RefreshException extends StoreException {
    RefreshException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The refresher of the configuration's store, which must be a DuckDB file; the configuration replaces
   * the one it had (the latest connection's settings are what the next refresh applies).
   */
  public static Refresher of(MarketingConfig config) {
    Objects.requireNonNull(config, "config");
    StoreFolder folder = StoreFolder.of(config.store()).orElseThrow(() -> new IllegalArgumentException(
        "store " + config.store() + " is not a DuckDB file; only those have snapshots"));
    Refresher refresher = BY_FOLDER.computeIfAbsent(folder.dir(), d -> new Refresher(folder, config));
    refresher.config = config;
    return refresher;
  }

  public StoreFolder folder() {
    return folder;
  }

  /**
   * Runs one refresh on this thread and returns when it has published (or found nothing to do); joins
   * the one running in this JVM instead of starting a second.
   *
   * @param waitForOtherProcess wait while another process refreshes, then refresh; else leave it the work
   * @throws RefreshException when the refresh failed (the last snapshot stays)
   */
  public Outcome refresh(boolean waitForOtherProcess) {
    while (true) {
      CompletableFuture<Outcome> mine;
      CompletableFuture<Outcome> other;
      synchronized (this) {
        other = running;
        mine = other == null ? new CompletableFuture<>() : null;
        if (mine != null) {
          running = mine;
        }
      }
      if (mine != null) {
        run(mine, waitForOtherProcess);
        return await(mine);
      }
      Outcome joined = await(other);
      // The one joined may have started before what this caller wants to see changed.
      if (!waitForOtherProcess || !behind()) {
        return joined;
      }
    }
  }

  /** Whether the current snapshot is missing or behind its sources. */
  private boolean behind() {
    if (folder.current().isEmpty()) {
      return true;
    }
    Store snapshot = Store.openSnapshot(folder);
    try {
      return isDue(snapshot);
    } finally {
      snapshot.close();
    }
  }

  /**
   * Runs one refresh that also does {@code work} in the working copy (after loading the sources, before
   * the facts are rebuilt), and publishes its result: {@code marketing-sql sync}. Waits for a refresh
   * running in this JVM or another process first.
   *
   * @throws RefreshException when the refresh failed (the last snapshot stays)
   */
  public <T> T refreshWith(Function<Store, T> work) {
    Objects.requireNonNull(work, "work");
    Object[] result = new Object[1];
    while (true) {
      CompletableFuture<Outcome> mine;
      CompletableFuture<Outcome> other;
      synchronized (this) {
        other = running;
        mine = other == null ? new CompletableFuture<>() : null;
        if (mine != null) {
          running = mine;
        }
      }
      if (mine == null) {
        try {
          other.get();
        } catch (ExecutionException e) {
          // that refresh failed; this one starts afresh
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RefreshException("interrupted while waiting for the running refresh", e);
        }
        continue;
      }
      try {
        long started = System.nanoTime();
        try (RefreshLock.Held held = folder.lock().take()) {
          mine.complete(build(started, store -> result[0] = work.apply(store)));
        }
      } catch (Throwable e) {
        lastFailure = Instant.now();
        mine.completeExceptionally(e);
      } finally {
        synchronized (this) {
          if (running == mine) {
            running = null;
          }
        }
      }
      await(mine);
      @SuppressWarnings("unchecked")
      T typed = (T) result[0];
      return typed;
    }
  }

  /** Waits up to {@code timeout} for the refreshes running in this JVM (a command that started one lets it finish). */
  public static boolean awaitAll(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean done = true;
    for (Refresher refresher : BY_FOLDER.values()) {
      done &= refresher.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
    return done;
  }

  /** Whether any refresh runs in this JVM now. */
  public static boolean anyRunning() {
    return BY_FOLDER.values().stream().anyMatch(Refresher::isRunning);
  }

  /** Starts a refresh on a daemon thread unless one runs (or failed moments ago); returns at once. */
  public void refreshInBackground(String why) {
    CompletableFuture<Outcome> mine;
    synchronized (this) {
      if (running != null || Instant.now().isBefore(lastFailure.plus(BACKOFF))) {
        return;
      }
      mine = new CompletableFuture<>();
      running = mine;
    }
    LOG.info("{}: refreshing in the background: {}", folder.dir(), why);
    Thread thread = new Thread(() -> run(mine, false), "marketing-sql refresh of " + folder.dir().getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits up to {@code timeout} for the refresh running in this JVM, if any; true when none runs now. */
  public boolean awaitRunning(Duration timeout) {
    CompletableFuture<Outcome> current = join();
    if (current == null) {
      return true;
    }
    try {
      current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      return true; // failed: recorded where readers see it
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a refresh runs in this JVM now. */
  public synchronized boolean isRunning() {
    return running != null;
  }

  private synchronized CompletableFuture<Outcome> join() {
    return running;
  }

  /** Asks the next refresh to read these days of these tables, and starts it in the background. */
  void requestLiveRange(Map<String, Set<String>> tables, DateRange range) {
    synchronized (this) {
      liveRanges.add(new LiveRange(tables, range));
    }
    refreshInBackground("a query asked for days of " + tables.keySet() + " the snapshot lacks: " + range);
  }

  /** The days live reads asked of a source's tables that the next refresh reads, in the order asked. */
  synchronized List<DateRange> requestedRanges(String source) {
    return liveRanges.stream().filter(r -> r.tables().containsKey(source)).map(LiveRange::range).toList();
  }

  /**
   * Whether a snapshot is behind its sources: an export changed (size or time) or went away, an API
   * source is older than its {@code maxAge}, or live reads asked for days. Reads the file listing and the
   * snapshot; milliseconds.
   */
  public boolean isDue(Store snapshot) {
    return isDue(snapshot, source -> true);
  }

  /**
   * Like {@link #isDue(Store)}, looking only at the sources {@code which} accepts (a scheduler's due ones);
   * live reads and changed settings count whichever sources are asked about.
   */
  boolean isDue(Store snapshot, Predicate<SourceConfig> which) {
    synchronized (this) {
      if (!liveRanges.isEmpty()) {
        return true;
      }
    }
    MarketingConfig current = effectiveConfig();
    if (!builtWith(snapshot, current)) {
      return true;
    }
    current = current.withSources(current.sources().stream().filter(which).toList());
    for (SourceConfig source : current.sources()) {
      if (source.type() == SourceType.CSV_FOLDER) {
        try {
          if (new ExportFolderLoader(snapshot, source).changed()) {
            return true;
          }
        } catch (RuntimeException e) {
          LOG.debug("{}: cannot tell whether source {} changed: {}", folder.dir(), source.name(), e.getMessage());
        }
      }
    }
    if (current.sources().stream().anyMatch(s -> ApiSync.isApi(s.type()))) {
      return ApiSync.of(current, snapshot).anyStale();
    }
    return false;
  }

  /** A scheduler starts running this refresher: until it stops, API sources are also stale after their interval. */
  void scheduleStarted() {
    schedulers.incrementAndGet();
  }

  void scheduleStopped() {
    schedulers.decrementAndGet();
  }

  /**
   * The configuration a refresh applies: the latest connection's, where, while a scheduler runs, an API
   * source counts as stale once its last sync is older than its interval of {@code refresh}, or its
   * {@code maxAge} if that is shorter.
   */
  MarketingConfig effectiveConfig() {
    MarketingConfig current = config;
    if (schedulers.get() == 0) {
      return current;
    }
    return current.withSources(current.sources().stream().map(source -> {
      if (!ApiSync.isApi(source.type()) || source.offline()) {
        return source;
      }
      Duration interval = current.refresh().interval(source);
      return source.maxAge() != null && source.maxAge().compareTo(interval) <= 0 ? source : source.withMaxAge(interval);
    }).toList());
  }

  /**
   * Whether the snapshot's facts were built with the configuration's settings (currency, margins, billing) and
   * its LTV models fitted with them (the LTV settings). A change of only the LTV settings makes it due as well,
   * but its refresh refits the LTV models alone: the finance facts do not depend on those settings.
   */
  static boolean builtWith(Store snapshot, MarketingConfig config) {
    return snapshot.read(h -> FinanceFacts.builtWith(h, config) && LtvFacts.fittedWith(h, config));
  }

  private static Outcome await(CompletableFuture<Outcome> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RefreshException r) {
        throw r;
      }
      throw new RefreshException(String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RefreshException("interrupted while waiting for the refresh", e);
    }
  }

  private void run(CompletableFuture<Outcome> mine, boolean waitForOtherProcess) {
    Outcome outcome = null;
    try {
      outcome = runLocked(waitForOtherProcess);
      mine.complete(outcome);
    } catch (Throwable e) {
      lastFailure = Instant.now();
      mine.completeExceptionally(e);
    } finally {
      boolean asked;
      synchronized (this) {
        if (running == mine) {
          running = null;
        }
        asked = !liveRanges.isEmpty();
      }
      if (asked && outcome != null && outcome.status() != Status.LEFT_TO_OTHER_PROCESS) {
        refreshInBackground("queries asked for days while the last refresh ran");
      }
    }
  }

  private Outcome runLocked(boolean waitForOtherProcess) {
    long started = System.nanoTime();
    RefreshLock lock = folder.lock();
    Optional<RefreshLock.Held> held = lock.tryTake();
    if (held.isEmpty()) {
      if (!waitForOtherProcess) {
        String holder = lock.holder();
        LOG.info("{}: another process refreshes it ({}); leaving the work to it", folder.dir(), holder);
        return new Outcome(Status.LEFT_TO_OTHER_PROCESS, folder.current().map(StoreFolder.Generation::number)
            .orElse(0L), Duration.ofNanos(System.nanoTime() - started), "refreshed by " + holder);
      }
      LOG.info("{}: waiting for the refresh of {}", folder.dir(), lock.holder());
      held = Optional.of(lock.take());
    }
    try (RefreshLock.Held taken = held.get()) {
      return build(started, null);
    }
  }

  /** Under the lock: copy, refresh, checkpoint, publish; or record the failure and publish nothing. */
  private Outcome build(long started, Consumer<Store> extra) {
    MarketingConfig current = effectiveConfig();
    List<LiveRange> ranges;
    synchronized (this) {
      ranges = List.copyOf(liveRanges);
      liveRanges.clear();
    }
    Path work = folder.workFile();
    try {
      Optional<StoreFolder.Generation> base = folder.current();
      if (base.isPresent() && ranges.isEmpty() && extra == null) {
        Store snapshot = Store.openSnapshot(folder);
        try {
          if (!isDue(snapshot)) {
            return new Outcome(Status.UP_TO_DATE, base.get().number(), Duration.ofNanos(System.nanoTime() - started),
                "snapshot " + base.get().number() + " is up to date");
          }
        } finally {
          snapshot.close();
        }
      }
      phase("load");
      discard(work);
      Files.createDirectories(folder.dir());
      Path from = base.map(StoreFolder.Generation::file).orElse(folder.legacyFile());
      if (Files.exists(from)) {
        Files.copy(from, work, StandardCopyOption.REPLACE_EXISTING);
        Path wal = from.resolveSibling(from.getFileName() + ".wal");
        if (base.isEmpty() && Files.exists(wal)) {
          // the earlier version's store was not checkpointed when its process ended: its log holds commits
          Files.copy(wal, work.resolveSibling(work.getFileName() + ".wal"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      String url = "jdbc:duckdb:" + work;
      long sourcesStarted = System.nanoTime();
      long derivedStarted;
      long derivedEnded;
      try (Store store = Store.open(url)) {
        StoreRefresh refresh = new StoreRefresh(current, store);
        refresh.loadExports();
        phase("sync");
        refresh.syncStaleApis();
        for (LiveRange range : ranges) {
          ApiSync.of(current, store).fillGaps(range.tables(), range.range(), false);
        }
        if (extra != null) {
          extra.accept(store);
        }
        phase("facts");
        derivedStarted = System.nanoTime();
        refresh.rebuildDueFactsOrFail();
        phase("ltv");
        refresh.refitLtv();
        derivedEnded = System.nanoTime();
      }
      Path wal = work.resolveSibling(work.getFileName() + ".wal");
      if (Files.exists(wal) && Files.size(wal) > 0) {
        throw new StoreException("the next snapshot " + work + " still has a write-ahead log after it was closed");
      }
      Files.deleteIfExists(wal);
      phase("publish");
      StoreFolder.Generation published = folder.publish(work);
      folder.clearFailure();
      if (base.isEmpty() && Files.exists(folder.legacyFile())) {
        Files.deleteIfExists(folder.legacyFile().resolveSibling(folder.legacyFile().getFileName() + ".wal"));
        Files.delete(folder.legacyFile());
        LOG.info("{}: the store of the earlier version, {}, is now snapshot {} and was removed", folder.dir(),
            folder.legacyFile(), published.number());
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("{}: published snapshot {} in {} ms", folder.dir(), published.number(), took.toMillis());
      return new Outcome(Status.PUBLISHED, published.number(), took, "published snapshot " + published.number(),
          Duration.ofNanos(derivedStarted - sourcesStarted), Duration.ofNanos(derivedEnded - derivedStarted));
    } catch (IOException | RuntimeException e) {
      discardQuietly(work);
      String message = "refreshing " + folder.describe() + " failed, so connections go on reading "
          + folder.current().map(g -> "snapshot " + g.number()).orElse("no snapshot") + ": " + e.getMessage();
      LOG.warn("{}", message);
      LOG.debug("cause of the failed refresh", e);
      try {
        folder.recordFailure(new StoreFolder.Failure(Instant.now(Clock.systemUTC()), message));
      } catch (RuntimeException recording) {
        e.addSuppressed(recording);
      }
      throw new RefreshException(message, e);
    }
  }

  private static void discard(Path work) throws IOException {
    Files.deleteIfExists(work);
    Files.deleteIfExists(work.resolveSibling(work.getFileName() + ".wal"));
  }

  private static void discardQuietly(Path work) {
    try {
      discard(work);
    } catch (IOException e) {
      // the next refresh discards it
    }
  }

  /**
   * Told of each phase of a refresh as it begins (load, sync, facts, ltv, publish; a PostgreSQL store's
   * refresh syncs its APIs within its load, and commits right after its publish): the crash tests kill there.
   */
  static volatile Consumer<String> phaseListener = phase -> { };

  static void phase(String name) {
    phaseListener.accept(name);
  }
}
