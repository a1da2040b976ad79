package org.marketingsql.source;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one sync read from one API table.
 *
 * @param rows values in the table's column order
 * @param cursor where the next sync starts, or empty when the API offers no incremental read
 * @param pages pages fetched, for progress
 * @param complete the rows are everything the API lists (a first or whole read), so rows the store
 *     holds beyond them were deleted or archived at the source and go too
 * @param note what a good read had to do differently and the admin should know (e.g. a fall-back to a
 *     full read), shown in {@code sync.sync_status.last_error}; null when nothing is worth saying
 */
public record Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete, String note) {
  public Batch {
    rows = List.copyOf(rows);
    Objects.requireNonNull(cursor, "cursor");
  }

  /** A read with nothing to note. */
  public Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete) {
    this(rows, cursor, pages, complete, null);
  }
}
