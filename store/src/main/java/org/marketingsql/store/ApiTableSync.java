package org.marketingsql.store;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings API tables into the store, incrementally: each table is read from its
 * cursor outside any transaction, then upserted by key in one transaction of its own together with
 * its new cursor and load state. A table whose read or write fails keeps the data of its last good
 * sync; its error goes to the load state (so {@code sync.sync_status.last_error}) and the other
 * tables still sync.
 */
public final class ApiTableSync {
  private static final Logger LOG = LoggerFactory.getLogger(ApiTableSync.class);

  /** What {@link #write} would return instead of a row count when the cursor moved meanwhile. */
  private static final long SUPERSEDED = -1;

  private final Store store;
  private final Clock clock;

  public ApiTableSync(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What happened to one table. */
  public record Outcome(String source, String table, long rowsRead, int pages, long rowCount, String error) {
    public boolean failed() {
      return error != null;
    }
  }

  /** Told as a table's pages arrive and when it is done. */
  public interface Listener {
    void page(String source, String table, int pages, int rows);

    void done(Outcome outcome);

    Listener NONE = new Listener() {
      @Override
      public void page(String source, String table, int pages, int rows) {
      }

      @Override
      public void done(Outcome outcome) {
      }
    };
  }

  /**
   * Syncs every table of one source, each in its own transaction.
   *
   * @param full re-read everything and replace the tables, ignoring the cursors
   */
  public List<Outcome> run(String source, List<ApiTable> tables, boolean full, Listener listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(listener, "listener");
    for (Feed.Input input : Feed.Input.values()) {
      long feeders = tables.stream().filter(t -> t.feed() != null && t.feed().input() == input).count();
      if (feeders > 1) {
        throw new IllegalArgumentException("source " + source + " has " + feeders + " tables feeding " + input.table()
            + "; one at most");
      }
    }
    return alone(source, () -> {
      List<Outcome> outcomes = new ArrayList<>();
      for (ApiTable table : tables) {
        Outcome outcome = syncOne(source, table, full, listener);
        outcomes.add(outcome);
        listener.done(outcome);
      }
      return outcomes;
    });
  }

  /**
   * Runs {@code work} while no other thread of this JVM syncs {@code source} into this store; every sync
   * of this class runs so. A caller that decides whether to sync (is the source stale?) decides inside it.
   */
  public <T> T alone(String source, Supplier<T> work) {
    return SourceLocks.alone(store, source, work);
  }

  /**
   * Re-reads a range of days of each table of one source, each in its own transaction: the rows the
   * store holds for those days are replaced by what the API returns for them (so rows the API no
   * longer lists go), other days stay as they are, and the tables' cursors stay where they were.
   *
   * @throws IllegalArgumentException when a table cannot be read by days
   */
  public List<Outcome> runRange(String source, List<ApiTable> tables, DateRange range, Listener listener) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(listener, "listener");
    for (ApiTable table : tables) {
      if (!table.readsRanges()) {
        throw new IllegalArgumentException(source + "." + table.name() + " cannot be read by days");
      }
    }
    return alone(source, () -> {
      List<Outcome> outcomes = new ArrayList<>();
      for (ApiTable table : tables) {
        Outcome outcome = syncOne(source, table, false, range, listener);
        outcomes.add(outcome);
        listener.done(outcome);
      }
      return outcomes;
    });
  }

  private Outcome syncOne(String source, ApiTable table, boolean full, Listener listener) {
    return syncOne(source, table, full, null, listener);
  }

  /** @param range the days to re-read, or null to read from the cursor (or whole) */
  private Outcome syncOne(String source, ApiTable table, boolean full, DateRange range, Listener listener) {
    String name = source + "." + table.name() + (range == null ? "" : " for " + range);
    Batch batch;
    // A ranged read replaces days and leaves the cursor alone; every other sync compares and sets it.
    boolean comparesCursor = range == null;
    Optional<SyncState.Mark> startedFrom = Optional.empty();
    try {
      ApiTable.Progress progress = (pages, rows) -> listener.page(source, table.name(), pages, rows);
      if (range != null) {
        batch = table.ranged().fetchRange(range, progress);
      } else {
        startedFrom = store.read(h -> SyncState.mark(h, source, table.name()));
        Optional<String> cursor = full ? Optional.empty() : startedFrom.map(SyncState.Mark::cursor);
        batch = table.fetcher().fetch(cursor, progress);
      }
    } catch (RuntimeException e) {
      return failed(source, table, "reading " + name + " failed: " + e.getMessage(), e);
    }
    Optional<SyncState.Mark> expected = startedFrom;
    try {
      long count = store.write("syncing " + name, handle -> {
        if (comparesCursor && !expected.equals(SyncState.mark(handle, source, table.name()))) {
          return SUPERSEDED;
        }
        return write(handle, source, table, batch, full, range);
      });
      if (count == SUPERSEDED) {
        // Another process committed a newer sync while this one was reading: its rows and cursor stay.
        LOG.info("{}: another sync committed while this one read; its {} rows are discarded", name,
            batch.rows().size());
        long kept = store.read(h -> LoadState.forSource(h, source)).stream()
            .filter(s -> s.tableName().equals(table.name())).map(LoadState::rowCount).filter(Objects::nonNull)
            .findFirst().orElse(0L);
        return new Outcome(source, table.name(), batch.rows().size(), batch.pages(), kept, null);
      }
      return new Outcome(source, table.name(), batch.rows().size(), batch.pages(), count, null);
    } catch (SQLException | RuntimeException e) {
      return failed(source, table, "storing " + name + " failed: " + e.getMessage(), e);
    }
  }

  private long write(Handle handle, String source, ApiTable table, Batch batch, boolean full, DateRange range)
      throws SQLException {
    String target = Sql.quote(source) + "." + Sql.quote(table.name());
    handle.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(source));
    handle.execute("CREATE TABLE IF NOT EXISTS " + target + " (" + table.columns().stream()
        .map(c -> Sql.quote(c.name()) + " " + c.sqlType()).collect(Collectors.joining(", ")) + ")");
    // A table synced before the source declared a column (say account_name) gains it, NULL in its old rows. Only
    // then is it altered: on PostgreSQL an ALTER locks out the table's readers until the refresh commits.
    Set<String> present = new HashSet<>(handle.createQuery("SELECT column_name FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ?").bind(0, source).bind(1, table.name()).mapTo(String.class).list());
    for (SourceColumn column : table.columns()) {
      if (!present.contains(column.name())) {
        handle.execute("ALTER TABLE " + target + " ADD COLUMN IF NOT EXISTS " + Sql.quote(column.name()) + " "
            + column.sqlType());
      }
    }
    List<String> names = table.columns().stream().map(SourceColumn::name).toList();
    boolean replacesAll = range == null && (full || batch.complete());
    if (replacesAll) {
      handle.execute("DELETE FROM " + target);
    } else {
      if (range != null) {
        // The range's days are replaced whole: a row the API no longer returns for them goes.
        handle.execute("DELETE FROM " + target + " WHERE CAST(" + Sql.quote(table.dateColumn()) + " AS DATE)"
            + " BETWEEN ? AND ?", Date.valueOf(range.from()), Date.valueOf(range.to()));
      }
      deleteKeys(handle, target, table, batch);
    }
    // The API may list an object twice when it changes between pages: keep its first (newest) copy.
    Set<Object> seen = new HashSet<>();
    try (RowWriter writer = store.writer(handle, source, table.name(), names)) {
      for (Object[] row : batch.rows()) {
        if (row.length != names.size()) {
          throw new IllegalStateException(table.name() + " row has " + row.length + " values for " + names.size() + " columns");
        }
        if (row[0] != null && seen.add(row[0])) {
          writer.write(row);
        }
      }
    }
    long count = handle.createQuery("SELECT COUNT(*) FROM " + target).mapTo(Long.class).one();
    LocalDateTime now = LocalDateTime.now(clock).withNano(0);
    LoadState.save(handle, new LoadState(source, table.name(), "api:" + source + "/" + table.name(), 0, 0, null, null,
        "ok", batch.note(), count, String.join(",", names), now, now));
    if (table.feed() != null) {
      writeFeed(handle, source, table, target, now);
    }
    if (table.readsRanges()) {
      if (replacesAll) {
        SyncRanges.forget(handle, source, table.name());
      }
      Optional<DateRange> covered = range != null ? Optional.of(range) : batch.covered();
      if (covered.isPresent()) {
        SyncRanges.record(handle, source, table.name(), covered.get(), now);
      }
    }
    // A ranged read never moves the cursor nor its mark, so a sync reading meanwhile still commits.
    if (range == null) {
      Optional<String> cursor = batch.cursor();
      if (cursor.isEmpty() && !full) {
        // An empty read keeps the old cursor rather than starting over.
        cursor = SyncState.cursor(handle, source, table.name());
      }
      SyncState.save(handle, source, table.name(), cursor.orElse(null), now);
    }
    PendingFacts.mark(handle, "synced " + source + "." + table.name());
    return count;
  }

  private static void deleteKeys(Handle handle, String target, ApiTable table, Batch batch) {
    if (batch.rows().isEmpty()) {
      return;
    }
    PreparedBatch delete = handle.prepareBatch("DELETE FROM " + target + " WHERE " + Sql.quote(table.key()) + " = ?");
    for (Object[] row : batch.rows()) {
      delete.bind(0, row[0]).add();
    }
    delete.execute();
  }

  /**
   * Rebuilds the finance input the table feeds (the source's {@code orders} or {@code ad_spend}) from
   * it, so only the rows that count reach finance.
   */
  private void writeFeed(Handle handle, String source, ApiTable table, String target, LocalDateTime now) {
    Feed feed = table.feed();
    String fed = Sql.quote(source) + "." + Sql.quote(feed.input().table());
    String columns = feed.expressions().entrySet().stream().map(e -> e.getValue() + " AS " + Sql.quote(e.getKey()))
        .collect(Collectors.joining(", "));
    store.replaceTableAs(handle, source, feed.input().table(), "SELECT " + columns + " FROM " + target + " WHERE "
        + feed.where());
    long count = handle.createQuery("SELECT COUNT(*) FROM " + fed).mapTo(Long.class).one();
    LoadState.save(handle, new LoadState(source, feed.input().table(), "api:" + source + "/" + table.name(), 0, 0, null,
        feed.input().kind(), "ok", null, count, String.join(",", feed.input().columns()), now, now));
  }

  /**
   * Records a failed sync. A table with good data keeps it and stays readable, with the error beside
   * it in {@code sync_status}; a table that never synced is marked failed, so queries say why it is empty.
   */
  private Outcome failed(String source, ApiTable table, String message, Exception cause) {
    LOG.warn("{}", message);
    LOG.debug("cause of the failed sync of {}.{}", source, table.name(), cause);
    LocalDateTime now = LocalDateTime.now(clock).withNano(0);
    long count = 0;
    try {
      count = store.write("recording the failed sync of " + source + "." + table.name(), handle -> {
        Optional<LoadState> previous = LoadState.forSource(handle, source).stream()
            .filter(s -> s.tableName().equals(table.name())).findFirst();
        LoadState state = previous.filter(p -> p.lastSuccess() != null)
            .map(p -> new LoadState(source, table.name(), p.filePath(), 0, 0, null, p.inputKind(), "ok", message,
                p.rowCount(), p.columns(), now, p.lastSuccess()))
            .orElseGet(() -> new LoadState(source, table.name(), "api:" + source + "/" + table.name(), 0, 0, null, null,
                "failed", message, 0L, table.columns().stream().map(SourceColumn::name).collect(Collectors.joining(",")),
                now, null));
        LoadState.save(handle, state);
        PendingFacts.mark(handle, "the sync of " + source + "." + table.name() + " failed");
        return state.rowCount() == null ? 0L : state.rowCount();
      });
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      LOG.warn("could not record the failed sync of {}.{}: {}", source, table.name(), e.getMessage());
    }
    return new Outcome(source, table.name(), 0, 0, count, message);
  }
}
