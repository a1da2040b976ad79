package org.marketingsql.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table an API source syncs into the store.
 *
 * @param name the table's name in the source's schema
 * @param columns its columns; the first is the key rows are upserted by
 * @param fetcher reads the rows changed since a cursor
 * @param feed when set, the finance input the table feeds (orders or ad spend); null for detail tables
 * @param dateColumn the DATE or TIMESTAMP column a ranged read selects rows by; null when the API
 *     cannot read the table by dates (lists read whole)
 * @param ranged reads the rows of a range of days; null exactly when {@code dateColumn} is
 */
public record ApiTable(String name, List<SourceColumn> columns, Fetcher fetcher, Feed feed, String dateColumn,
    RangeFetcher ranged) {
  public ApiTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fetcher, "fetcher");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs at least its key column");
    }
    if ((dateColumn == null) != (ranged == null)) {
      throw new IllegalArgumentException("table " + name + " needs both a date column and a ranged reader, or neither");
    }
    if (dateColumn != null && columns.stream().noneMatch(c -> c.name().equals(dateColumn))) {
      throw new IllegalArgumentException("table " + name + " has no date column " + dateColumn);
    }
  }

  /** A table the API reads only from a cursor or whole, never by a range of days. */
  public ApiTable(String name, List<SourceColumn> columns, Fetcher fetcher, Feed feed) {
    this(name, columns, fetcher, feed, null, null);
  }

  /** This table, readable by days too: {@code ranged} reads the rows whose {@code dateColumn} falls in a range. */
  public ApiTable withRanges(String dateColumn, RangeFetcher ranged) {
    return new ApiTable(name, columns, fetcher, feed, Objects.requireNonNull(dateColumn, "dateColumn"),
        Objects.requireNonNull(ranged, "ranged"));
  }

  /** Whether the API can read this table for a range of days. */
  public boolean readsRanges() {
    return ranged != null;
  }

  public String key() {
    return columns.get(0).name();
  }

  /** Reads what changed since the last sync. */
  @FunctionalInterface
  public interface Fetcher {
    /**
     * @param cursor where the last good sync ended; empty for a full read
     * @param progress told after each page
     */
    Batch fetch(Optional<String> cursor, Progress progress);
  }

  /**
   * Reads the rows of a range of days, whatever the cursor says. The answer holds every row the API
   * has for those days (a sync replaces exactly those days with it) and no cursor: a ranged read
   * never moves the table's cursor.
   */
  @FunctionalInterface
  public interface RangeFetcher {
    Batch fetchRange(DateRange range, Progress progress);
  }

  /** Told as pages arrive, so a command line can show progress. */
  @FunctionalInterface
  public interface Progress {
    void page(int pages, int rows);

    Progress NONE = (pages, rows) -> { };
  }
}
