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
 */
public record ApiTable(String name, List<ApiColumn> columns, Fetcher fetcher, Feed feed) {
  public ApiTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fetcher, "fetcher");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs at least its key column");
    }
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

  /** Told as pages arrive, so a command line can show progress. */
  @FunctionalInterface
  public interface Progress {
    void page(int pages, int rows);

    Progress NONE = (pages, rows) -> { };
  }
}
