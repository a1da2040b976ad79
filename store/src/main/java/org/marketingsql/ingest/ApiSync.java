package org.marketingsql.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.LiveReadCooldown;
import org.marketingsql.source.LiveReadWindow;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;
import org.marketingsql.source.registry.SourceRegistry;
import org.marketingsql.store.ApiTableSync;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.Store;

/**
 * Decides which API sources of a configuration sync and runs them: all (or one) for
 * {@code marketing-sql sync}, only the stale ones on connect. A source marked {@code offline} never
 * calls out.
 */
public final class ApiSync {
  private final MarketingConfig config;
  private final Store store;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;

  ApiSync(MarketingConfig config, Store store, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Production settings: {@link RetryPolicy#defaults()}, real sleeps, UTC clock. */
  public static ApiSync of(MarketingConfig config, Store store) {
    return new ApiSync(config, store, RetryPolicy.defaults(), Sleeper.REAL, Clock.systemUTC());
  }

  /** What check found for one API source: reached, or why not (never a credential). */
  public record Reach(String source, String api, boolean ok, String message) {
    public Reach {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Tries each API source's credentials and reach with one cheap call; stores and syncs nothing.
   * An offline source is not contacted.
   */
  public static List<Reach> check(MarketingConfig config, RetryPolicy policy, Sleeper sleeper) {
    List<Reach> results = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      if (!isApi(source.type())) {
        continue;
      }
      if (source.offline()) {
        results.add(new Reach(source.name(), source.type().key(), true, "offline: not contacted"));
        continue;
      }
      try {
        open(source, policy, sleeper).probe();
        results.add(new Reach(source.name(), source.type().key(), true, "credentials accepted, API reached"));
      } catch (RuntimeException e) {
        results.add(new Reach(source.name(), source.type().key(), false, String.valueOf(e.getMessage())));
      }
    }
    return results;
  }

  /** Whether a source type is read from an API (and so synced) rather than from files. */
  public static boolean isApi(SourceType type) {
    return SourceRegistry.isApi(type);
  }

  /** The API source a configuration entry names. */
  static ApiSource open(SourceConfig source, RetryPolicy policy, Sleeper sleeper) {
    return open(source, policy, sleeper, Clock.systemUTC());
  }

  static ApiSource open(SourceConfig source, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    return SourceRegistry.open(source, policy, sleeper, clock);
  }

  /**
   * Syncs the API sources (or the one named), skipping offline ones.
   *
   * @param only a source name, or empty for every API source
   * @param full re-read everything instead of from the cursors
   * @throws IllegalArgumentException when {@code only} names no API source
   */
  public List<ApiTableSync.Outcome> sync(Optional<String> only, boolean full, ApiTableSync.Listener listener) {
    List<ApiTableSync.Outcome> outcomes = new ArrayList<>();
    for (SourceConfig source : chosen(only)) {
      if (!source.offline()) {
        outcomes.addAll(new ApiTableSync(store, clock).run(source.name(), tables(source), full, listener));
      }
    }
    return outcomes;
  }

  /** What a ranged sync did: the tables it re-read, and those it left alone because their API cannot read by days. */
  public record RangeSync(List<ApiTableSync.Outcome> outcomes, List<String> skipped) {
    public RangeSync {
      outcomes = List.copyOf(outcomes);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Re-reads a range of days of the date-based tables of the API sources (or the one named),
   * skipping offline sources; tables read whole or by cursor only are left as they are and named.
   *
   * @throws IllegalArgumentException when {@code only} names no API source
   */
  public RangeSync syncRange(Optional<String> only, DateRange range, ApiTableSync.Listener listener) {
    Objects.requireNonNull(range, "range");
    List<ApiTableSync.Outcome> outcomes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (SourceConfig source : chosen(only)) {
      if (source.offline()) {
        continue;
      }
      List<ApiTable> tables = tables(source);
      tables.stream().filter(t -> !t.readsRanges()).forEach(t -> skipped.add(source.name() + "." + t.name()));
      List<ApiTable> dated = tables.stream().filter(ApiTable::readsRanges).toList();
      if (!dated.isEmpty()) {
        outcomes.addAll(new ApiTableSync(store, clock).runRange(source.name(), dated, range, listener));
      }
    }
    return new RangeSync(outcomes, skipped);
  }

  /**
   * For a query over days: reads, for each named table of a source that is not offline, the days of
   * {@code wanted} the store does not hold, one ranged call per gap. A failed read is recorded like a
   * failed sync and the store keeps what it had.
   *
   * <p>Bounded: the days asked for are cut to the source's {@link LiveReadWindow} (never after today,
   * never further back than its start date or a few years), and a gap asked for within the last
   * {@link LiveReadCooldown#period()} is not asked again, whether that read failed or is still running.
   *
   * @param tables source name to table names
   * @return what was read; empty when the store held every day asked for
   */
  public List<ApiTableSync.Outcome> fillGaps(Map<String, Set<String>> tables, DateRange wanted) {
    return fillGaps(tables, wanted, true);
  }

  /** One table's days a snapshot lacks. */
  public record Gap(String source, String table, DateRange range) {
    public Gap {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(range, "range");
    }
  }

  /**
   * The days of {@code wanted} the store lacks for the named tables, bounded to the source's
   * {@link LiveReadWindow} as {@link #fillGaps} bounds them; reads the store only, never calls out.
   */
  public List<Gap> gapsToRead(Map<String, Set<String>> tables, DateRange wanted) {
    List<Gap> found = new ArrayList<>();
    LocalDate today = LocalDate.now(clock.withZone(config.timeZone()));
    for (SourceConfig source : config.sources()) {
      Set<String> names = tables.get(source.name());
      if (names == null || !isApi(source.type()) || source.offline()) {
        continue;
      }
      Optional<DateRange> window = window(source, today).clamp(wanted);
      if (window.isEmpty()) {
        continue;
      }
      for (ApiTable table : tables(source)) {
        if (!table.readsRanges() || !names.contains(table.name())) {
          continue;
        }
        for (DateRange gap : store.read(h -> org.marketingsql.store.SyncRanges.missing(h, source.name(), table.name(),
            window.get()))) {
          found.add(new Gap(source.name(), table.name(), gap));
        }
      }
    }
    return found;
  }

  /**
   * Whether a gap may be asked of its API now: not asked within the last {@link LiveReadCooldown#period()}
   * (per JVM and store); when it may, it counts as asked now.
   */
  public boolean mayAskNow(Gap gap) {
    return LiveReadCooldown.mayAsk(config.store(), gap.source(), gap.table(), gap.range(), clock.instant());
  }

  /**
   * As {@link #fillGaps(java.util.Map, DateRange)}; without {@code cooldown} for the refresher, which reads
   * what queries asked for after they passed the cooldown.
   */
  public List<ApiTableSync.Outcome> fillGaps(Map<String, Set<String>> tables, DateRange wanted,
      boolean cooldown) {
    List<ApiTableSync.Outcome> outcomes = new ArrayList<>();
    for (Gap gap : gapsToRead(tables, wanted)) {
      if (!cooldown || mayAskNow(gap)) {
        ApiTable table = tables(source(gap.source())).stream().filter(t -> t.name().equals(gap.table())).findFirst()
            .orElseThrow();
        outcomes.addAll(new ApiTableSync(store, clock).runRange(gap.source(), List.of(table), gap.range(),
            ApiTableSync.Listener.NONE));
      } else {
        // Not a failure of the API, but the query still answers without those days: say so.
        outcomes.add(new ApiTableSync.Outcome(gap.source(), gap.table(), 0, 0, 0, gap.source() + "." + gap.table()
            + " for " + gap.range() + " was asked of the API less than " + LiveReadCooldown.period().toSeconds()
            + " s ago and is not asked again yet"));
      }
    }
    return outcomes;
  }

  private SourceConfig source(String name) {
    return config.sources().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no source named " + name + " in the configuration"));
  }

  /** The tables each API source that may call out (not offline) can read by days, by source name. */
  public Map<String, List<ApiTable>> datedTables() {
    Map<String, List<ApiTable>> all = new LinkedHashMap<>();
    for (SourceConfig source : config.sources()) {
      if (isApi(source.type()) && !source.offline()) {
        all.put(source.name(), tables(source).stream().filter(ApiTable::readsRanges).toList());
      }
    }
    return all;
  }

  private List<SourceConfig> chosen(Optional<String> only) {
    List<SourceConfig> chosen = config.sources().stream().filter(s -> isApi(s.type()))
        .filter(s -> only.isEmpty() || only.get().equals(s.name())).toList();
    if (only.isPresent() && chosen.isEmpty()) {
      throw new IllegalArgumentException("no API source named " + only.get() + "; API sources: "
          + config.sources().stream().filter(s -> isApi(s.type())).map(SourceConfig::name).toList());
    }
    return chosen;
  }

  /**
   * On connect: syncs each API source that has a {@code maxAge}, is not offline, and whose last sync
   * attempt is older than that. Without {@code maxAge} nothing calls out, so connecting stays fast
   * and works offline unless the configuration asks otherwise.
   */
  public List<ApiTableSync.Outcome> syncStale() {
    List<ApiTableSync.Outcome> outcomes = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      if (isApi(source.type()) && !source.offline() && source.maxAge() != null) {
        try {
          List<ApiTable> tables = tables(source);
          ApiTableSync sync = new ApiTableSync(store, clock);
          // Logins that find a source stale at once sync it once: the others wait, then find it fresh.
          outcomes.addAll(sync.alone(source.name(), () -> isStale(source, tables)
              ? sync.run(source.name(), tables, false, ApiTableSync.Listener.NONE) : List.<ApiTableSync.Outcome>of()));
        } catch (RuntimeException e) {
          // The source could not even start syncing: it keeps its data, with the error; the others sync.
          new org.marketingsql.store.RefreshFailures(store, clock).record(source.name(), e);
        }
      }
    }
    return outcomes;
  }

  /**
   * Whether {@link #syncStale} would call out: an API source with a {@code maxAge}, not offline, has a
   * table never synced or last tried longer ago than that. Reads the store only.
   */
  public boolean anyStale() {
    for (SourceConfig source : config.sources()) {
      if (isApi(source.type()) && !source.offline() && source.maxAge() != null) {
        try {
          if (isStale(source, tables(source))) {
            return true;
          }
        } catch (RuntimeException e) {
          return true; // the source cannot even be set up: the refresh records why
        }
      }
    }
    return false;
  }

  /** The days a live read may ask of a source: {@code [startDate, today]} (see {@link LiveReadWindow}). */
  private static LiveReadWindow window(SourceConfig source, LocalDate today) {
    return LiveReadWindow.of(source.dateSetting("startDate"), today,
        SourceRegistry.find(source.type()).flatMap(d -> d.earliestDay(today)));
  }

  /**
   * Whether {@link #syncStale} would sync this source: an API source with a {@code maxAge}, not offline, with
   * a table never synced or last tried longer ago than that. Reads the store only.
   *
   * @throws IllegalArgumentException when the source cannot even be set up (its settings or secrets)
   */
  public boolean isStale(SourceConfig source) {
    Objects.requireNonNull(source, "source");
    return isApi(source.type()) && !source.offline() && source.maxAge() != null && isStale(source, tables(source));
  }

  /** Stale when a table never synced or the oldest attempt is older than maxAge (a failing API waits too). */
  private boolean isStale(SourceConfig source, List<ApiTable> tables) {
    List<String> names = tables.stream().map(ApiTable::name).toList();
    List<LoadState> states = store.read(h -> LoadState.forSource(h, source.name()));
    LocalDateTime limit = LocalDateTime.now(clock).minus(source.maxAge());
    for (String name : names) {
      Optional<LoadState> state = states.stream().filter(s -> s.tableName().equals(name)).findFirst();
      if (state.isEmpty() || state.get().loadedAt() == null || state.get().loadedAt().isBefore(limit)) {
        return true;
      }
    }
    return false;
  }

  List<ApiTable> tables(SourceConfig source) {
    // The clock's zone is the reporting time zone: payments and deals become orders on its days.
    return open(source, policy, sleeper, clock.withZone(config.timeZone())).tables();
  }
}
