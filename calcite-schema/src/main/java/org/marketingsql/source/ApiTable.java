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
 * @param ordersWhere when set, the table feeds {@code finance.orders}: the rows matching this SQL
 *     condition are copied into the source's {@code orders} table, which must then have the columns
 *     {@code order_id, customer_id, order_date, amount, currency}
 */
public record ApiTable(String name, List<ApiColumn> columns, Fetcher fetcher, String ordersWhere) {
  public ApiTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fetcher, "fetcher");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs at least its key column");
    }
    if (ordersWhere != null) {
      List<String> names = columns.stream().map(ApiColumn::name).toList();
      for (String needed : ORDER_COLUMNS) {
        if (!names.contains(needed)) {
          throw new IllegalArgumentException("table " + name + " feeds orders but has no column " + needed);
        }
      }
    }
  }

  /** The columns an orders table carries, in FinanceFacts' order. */
  public static final List<String> ORDER_COLUMNS = List.of("order_id", "customer_id", "order_date", "amount", "currency");

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
