package org.marketingsql.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.RefreshLease;
import org.marketingsql.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh of a store on PostgreSQL, which several nodes share: the node that leads it ({@link
 * Store#tryLeadRefresh}) loads, syncs and rebuilds the facts in one transaction whose commit publishes it all
 * at once ({@link Store#publish}); a refresh that fails publishes nothing. A node that does not lead leaves
 * the work to the one that does. Run on {@code serve}'s schedule ({@link #schedule}), and as a connection opens:
 * in the background ({@link #inBackground}) while the connection answers from the last publication, or before
 * it answers where the store has never been published or the connection asks {@code refresh=wait}.
 */
public final class PostgresRefresh implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRefresh.class);

  private final MarketingConfig config;
  private final ScheduledExecutorService executor;
  /** Set by {@link #close()}: no tick runs or is scheduled after it. */
  private volatile boolean closed;
  /** The next tick, while one is scheduled. */
  private ScheduledFuture<?> pending;
  /** The refresh each store (URL and user) runs in the background, while it runs. */
  private static final Map<String, CompletableFuture<Outcome>> BACKGROUND = new ConcurrentHashMap<>();
  private static final ExecutorService BACKGROUND_THREADS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "marketing-sql refresh of the PostgreSQL store, in the background");
    thread.setDaemon(true);
    return thread;
  });

  private PostgresRefresh(MarketingConfig config) {
    this.config = config;
    this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "marketing-sql refresh schedule of the PostgreSQL store");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** How one refresh went. */
  public enum Status {
    /** this node led and published */
    PUBLISHED,
    /** this node led and found nothing due */
    UP_TO_DATE,
    /** another node leads */
    LEFT_TO_OTHER_NODE,
    /** this node led, the refresh failed, nothing was published */
    FAILED,
    /** this node refreshes the store already, on another of its threads (its schedule, a connection's background) */
    RUNNING_HERE
  }

  /** What one refresh did, and when its facts began (for the startup times). */
  record Outcome(Status status, long factsStarted) {
  }

  /**
   * Refreshes the store if this node can lead it and something is due (a changed export, a stale API source,
   * facts older than their data or built with other settings); never throws for a failed refresh, which is
   * recorded in the store where {@code sync.sync_status} shows it on every node.
   */
  static Outcome refresh(MarketingConfig config, Store store) {
    return refresh(config, store, Duration.ZERO);
  }

  /**
   * Like {@link #refresh(MarketingConfig, Store)}, waiting up to {@code wait} for the node that leads now to
   * finish, then refreshing what is still due ({@code refresh=wait}, {@code marketing-sql refresh}).
   */
  static Outcome refresh(MarketingConfig config, Store store, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    ReentrantLock here = runningHere(config);
    if (!lockWithin(here, wait)) {
      LOG.debug("{}: this node refreshes it already", store.describe());
      return new Outcome(Status.RUNNING_HERE, System.nanoTime());
    }
    try {
      return refreshHoldingThisNodes(config, store, deadline, wait);
    } finally {
      here.unlock();
    }
  }

  /**
   * The refreshes this process runs, one lock per store (URL and user): whichever of its threads begins one (the
   * schedule, a connection's background refresh, {@code refresh=wait}), the others do not begin another until it
   * has ended. A refresh whose lease was lost may take a while to stop; meanwhile this node does not take the lease
   * again on another thread, so the other nodes can.
   */
  private static final Map<String, ReentrantLock> RUNNING_HERE = new ConcurrentHashMap<>();

  private static ReentrantLock runningHere(MarketingConfig config) {
    return RUNNING_HERE.computeIfAbsent(key(config), k -> new ReentrantLock());
  }

  /** A store's key among this process's refreshes: its URL and user. */
  private static String key(MarketingConfig config) {
    return config.store() + "\n" + (config.storeLogin() == null ? "" : config.storeLogin().user());
  }

  /** Takes {@code lock}, waiting up to {@code wait} for the thread that holds it; false when it could not. */
  private static boolean lockWithin(ReentrantLock lock, Duration wait) {
    try {
      return wait.isZero() ? lock.tryLock() : lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Outcome refreshHoldingThisNodes(MarketingConfig config, Store store, long deadline, Duration wait) {
    long[] factsStarted = {System.nanoTime()};
    Optional<RefreshLease> lease = store.tryLeadRefresh();
    if (lease.isEmpty() && !wait.isZero()) {
      LOG.info("{}: waiting for the refresh of {}", store.describe(), store.refresher().orElse("another node"));
    }
    while (lease.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      lease = store.tryLeadRefresh();
    }
    if (lease.isEmpty()) {
      LOG.info("{}: another node refreshes it ({}); reading what it last published", store.describe(),
          store.refresher().orElse("it has just finished"));
      return new Outcome(Status.LEFT_TO_OTHER_NODE, factsStarted[0]);
    }
    try (RefreshLease held = lease.get()) {
      if (store.published().map(p -> p.generation() > 0).orElse(false) && !isDue(config, store)) {
        return new Outcome(Status.UP_TO_DATE, factsStarted[0]);
      }
      store.publish("refreshing " + store.describe(), held, () -> {
        Refresher.phase("load");
        StoreRefresh refresh = new StoreRefresh(config, store);
        refresh.loadSources();
        Refresher.phase("facts");
        factsStarted[0] = System.nanoTime();
        refresh.rebuildDueFactsOrFail();
        Refresher.phase("ltv");
        refresh.refitLtv();
        Refresher.phase("publish");
        return null;
      });
      LOG.info("{}: published refresh {}", store.describe(), store.published().map(p -> p.generation()).orElse(0L));
      return new Outcome(Status.PUBLISHED, factsStarted[0]);
    } catch (RuntimeException e) {
      LOG.warn("refreshing {} failed, so connections go on reading what was published before: {}", store.describe(),
          e.getMessage());
      LOG.debug("cause of the failed refresh", e);
      return new Outcome(Status.FAILED, factsStarted[0]);
    }
  }

  /**
   * Refreshes the configuration's store in the background, as {@link #refresh(MarketingConfig, Store)} does,
   * unless this process refreshes it in the background already: then that refresh is returned. A connection
   * that calls this answers from the last publication meanwhile; the refresh's commit publishes to the
   * connections opened after it.
   */
  static CompletableFuture<Outcome> inBackground(MarketingConfig config) {
    Objects.requireNonNull(config, "config");
    String key = key(config);
    CompletableFuture<Outcome>[] started = new CompletableFuture[1];
    CompletableFuture<Outcome> running = BACKGROUND.computeIfAbsent(key, k -> started[0] = new CompletableFuture<>());
    if (running == started[0]) {
      BACKGROUND_THREADS.execute(() -> {
        try (Store store = Store.open(config.store(), config.storeLogin())) {
          Outcome outcome = refresh(config, store);
          BACKGROUND.remove(key, running);
          running.complete(outcome);
        } catch (RuntimeException | Error e) {
          LOG.warn("the refresh of {} in the background could not reach the store: {}", config.store(),
              String.valueOf(e.getMessage()));
          BACKGROUND.remove(key, running);
          running.completeExceptionally(e);
        }
      });
    }
    return running;
  }

  /**
   * Refreshes the configuration's PostgreSQL store now and publishes it, rebuilding every fact whether or not
   * anything is due (the facts are marked pending inside the publication): a full refresh, as a changed export
   * of every source would cause, for {@code bench} to run while it measures. Waits up to {@code wait} for the
   * node that leads now.
   */
  public static Status refreshEverything(MarketingConfig config, Duration wait) {
    Objects.requireNonNull(config, "config");
    ReentrantLock here = runningHere(config);
    if (!lockWithin(here, wait)) {
      return Status.RUNNING_HERE;
    }
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      long deadline = System.nanoTime() + wait.toNanos();
      Optional<RefreshLease> lease = store.tryLeadRefresh();
      while (lease.isEmpty() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        lease = store.tryLeadRefresh();
      }
      if (lease.isEmpty()) {
        return Status.LEFT_TO_OTHER_NODE;
      }
      try (RefreshLease held = lease.get()) {
        store.publish("refreshing everything in " + store.describe(), held, () -> {
          store.write("marking every fact due", h -> {
            PendingFacts.mark(h, "a full refresh");
            return null;
          });
          StoreRefresh refresh = new StoreRefresh(config, store);
          refresh.loadSources();
          refresh.rebuildDueFactsOrFail();
          refresh.refitLtv();
          return null;
        });
        return Status.PUBLISHED;
      }
    } finally {
      here.unlock();
    }
  }

  /** Whether the store is behind its sources or its facts behind its data; reads only. */
  static boolean isDue(MarketingConfig config, Store store) {
    if (!Refresher.builtWith(store, config)) {
      return true;
    }
    if (store.read(h -> PendingFacts.isPending(h, PendingFacts.Group.FINANCE)
        || PendingFacts.isPending(h, PendingFacts.Group.SURVEYS_AND_TOUCHPOINTS))) {
      return true;
    }
    for (SourceConfig source : config.sources()) {
      if (source.type() == SourceType.CSV_FOLDER && new ExportFolderLoader(store, source).changed()) {
        return true;
      }
    }
    return config.sources().stream().anyMatch(s -> ApiSync.isApi(s.type())) && ApiSync.of(config, store).anyStale();
  }

  /**
   * Refreshes the configuration's PostgreSQL store on {@code serve}'s schedule: every shortest interval of its
   * {@code refresh} key, this node tries to lead, and if it does, refreshes what is due. Every node runs one;
   * one at a time leads. A node that finds another leading tries again every {@link #WATCH} until the lease is
   * free, so that when the leading node dies another takes over within that time of the lease being freed.
   */
  public static PostgresRefresh schedule(MarketingConfig config) {
    Objects.requireNonNull(config, "config");
    return schedule(config, config.sources().stream().map(s -> config.refresh().interval(s))
        .min(Duration::compareTo).orElse(config.refresh().exports()));
  }

  /** Like {@link #schedule(MarketingConfig)}, with the first tick after {@code first}. */
  static PostgresRefresh schedule(MarketingConfig config, Duration first) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(first, "first");
    Duration every = config.sources().stream().map(s -> config.refresh().interval(s)).min(Duration::compareTo)
        .orElse(config.refresh().exports());
    PostgresRefresh schedule = new PostgresRefresh(config);
    schedule.next(first, every);
    LOG.info("refreshing the PostgreSQL store {} every {} s when this node leads", config.store(), every.toSeconds());
    return schedule;
  }

  /** How often a node that found another node leading tries the lease again. */
  static final Duration WATCH = Duration.ofSeconds(5);

  /** The delay before the next tick: {@link #WATCH} while another node leads, else the schedule's interval. */
  static Duration delayAfter(Status status, Duration every) {
    Objects.requireNonNull(every, "every");
    return status == Status.LEFT_TO_OTHER_NODE && WATCH.compareTo(every) < 0 ? WATCH : every;
  }

  private synchronized void next(Duration delay, Duration every) {
    if (closed) {
      return;
    }
    pending = executor.schedule(() -> {
      if (!closed) {
        next(delayAfter(tick(), every), every);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Status tick() {
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      Outcome outcome = refresh(config, store);
      LOG.debug("scheduled refresh: {}", outcome.status());
      return outcome.status();
    } catch (RuntimeException | Error e) {
      LOG.warn("the refresh schedule could not reach the store; it goes on: {}", String.valueOf(e.getMessage()));
      return Status.FAILED;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pending != null) {
        pending.cancel(false);
      }
    }
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
