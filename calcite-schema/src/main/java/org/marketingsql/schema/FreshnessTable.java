package org.marketingsql.schema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.source.DateRange;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;

/**
 * {@code finance._state.sources}: one row per configured source, read when a statement scans it: its
 * tables' last loads (from the snapshot this connection reads), that snapshot's generation and time, why
 * the last refresh of the store failed if it did, and what is pending. {@code finance.data_freshness} and
 * {@code sync.sync_status} read it; nobody reads it directly. Times are UTC.
 */
final class FreshnessTable extends AbstractTable implements ScannableTable {
  static final String SCHEMA = "_state";
  static final String NAME = "sources";

  private final MarketingConfig config;
  private final Store store;
  private final Optional<StoreFolder> folder;
  private final Optional<Refresher> refresher;
  /** When this connection refreshed a store without snapshots (a database server, memory) in place. */
  private final Instant refreshedInPlace;

  /**
   * @param refresher the store folder's refresher, present with {@code folder}
   * @param refreshedInPlace when the connection refreshed a store without snapshots; unused with a folder
   */
  FreshnessTable(MarketingConfig config, Store store, Optional<StoreFolder> folder, Optional<Refresher> refresher,
      Instant refreshedInPlace) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.refresher = Objects.requireNonNull(refresher, "refresher");
    if (folder.isPresent() != refresher.isPresent()) {
      throw new IllegalArgumentException("a store folder has a refresher, and only a store folder");
    }
    this.refreshedInPlace = Objects.requireNonNull(refreshedInPlace, "refreshedInPlace");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataType text = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType time = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.TIMESTAMP), true);
    RelDataType count = factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BIGINT), true);
    return factory.builder()
        .add("source_name", factory.createSqlType(SqlTypeName.VARCHAR))
        .add("source_type", factory.createSqlType(SqlTypeName.VARCHAR))
        .add("tables", count)
        .add("failed_tables", count)
        .add("last_success_at", time)
        .add("last_attempt_at", time)
        .add("last_error", text)
        .add("snapshot_generation", count)
        .add("snapshot_at", time)
        .add("last_refresh_error", text)
        .add("last_refresh_error_at", time)
        .add("pending", text)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    // a PostgreSQL store counts its publications in the store, which every node reads
    Optional<Store.Published> published = store.published();
    long generation = published.map(Store.Published::generation).orElse(store.snapshotGeneration());
    Instant snapshotAt = published.isPresent() ? published.get().at() : generation > 0 && folder.isPresent()
        ? folder.get().publishedAt(generation).orElse(null) : generation > 0 ? null : refreshedInPlace;
    Optional<StoreFolder.Failure> failure = published.isPresent() ? MarketingSchema.failure(published.get())
        : folder.flatMap(StoreFolder::failure);
    List<String> storeWide = storeWidePending(generation);
    List<Object[]> rows = new ArrayList<>();
    for (SourceConfig source : config.sources()) {
      List<LoadState> states = store.read(h -> LoadState.forSource(h, source.name()));
      LocalDateTime lastSuccess = states.stream().map(LoadState::lastSuccess).filter(Objects::nonNull)
          .max(LocalDateTime::compareTo).orElse(null);
      LocalDateTime lastAttempt = states.stream().map(LoadState::loadedAt).filter(Objects::nonNull)
          .max(LocalDateTime::compareTo).orElse(null);
      List<String> errors = states.stream().filter(s -> s.error() != null)
          .map(s -> s.tableName() + ": " + s.error()).toList();
      List<String> pending = new ArrayList<>(sourcePending(source));
      refresher.ifPresent(r -> {
        List<DateRange> asked = r.requestedRanges(source.name());
        if (!asked.isEmpty()) {
          pending.add("days queries asked for, read by the next refresh: " + asked.stream().map(DateRange::toString)
              .distinct().reduce((a, b) -> a + ", " + b).orElseThrow());
        }
      });
      pending.addAll(storeWide);
      rows.add(new Object[] {source.name(), source.type().key(), (long) states.size(),
          states.stream().filter(LoadState::failed).count(), millis(lastSuccess), millis(lastAttempt),
          errors.isEmpty() ? null : String.join("; ", errors), generation > 0 ? generation : null, millis(snapshotAt),
          failure.map(StoreFolder.Failure::message).orElse(null), failure.map(f -> millis(f.at())).orElse(null),
          pending.isEmpty() ? null : String.join("; ", pending)});
    }
    return Linq4j.asEnumerable(rows);
  }

  /** What waits for one source: changed exports, or API data past its {@code maxAge}. */
  private List<String> sourcePending(SourceConfig source) {
    try {
      if (source.type() == SourceType.CSV_FOLDER) {
        ExportFolderLoader.Pending files = new ExportFolderLoader(store, source).pending();
        return files.isEmpty() ? List.of() : List.of(files.describe());
      }
      if (ApiSync.isApi(source.type()) && ApiSync.of(config, store).isStale(source)) {
        return List.of("data older than maxAge (" + source.maxAge().toString().substring(2).toLowerCase(Locale.ROOT)
            + "), synced by the next refresh");
      }
      return List.of();
    } catch (RuntimeException e) {
      return List.of("cannot tell what is pending: " + e.getMessage());
    }
  }

  /** What waits for every source: facts to rebuild, a refresh running, a newer snapshot. */
  private List<String> storeWidePending(long generation) {
    List<String> pending = new ArrayList<>();
    if (store.read(h -> PendingFacts.isPending(h, PendingFacts.Group.FINANCE)
        || PendingFacts.isPending(h, PendingFacts.Group.SURVEYS_AND_TOUCHPOINTS))) {
      pending.add("finance facts to rebuild");
    }
    if (store.publishesInOneTransaction()) {
      store.refresher().ifPresent(holder -> pending.add("a refresh is running (" + holder + ")"));
    }
    if (folder.isPresent()) {
      if (refresher.orElseThrow().isRunning()) {
        pending.add("a refresh is running");
      }
      folder.get().current().filter(g -> g.number() > generation).ifPresent(g -> pending.add("snapshot " + g.number()
          + " is published; new connections read it"));
    }
    return pending;
  }

  /** A UTC time as Calcite holds a TIMESTAMP: milliseconds of the wall-clock time. */
  private static Long millis(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static Long millis(Instant time) {
    return time == null ? null : time.toEpochMilli();
  }
}
