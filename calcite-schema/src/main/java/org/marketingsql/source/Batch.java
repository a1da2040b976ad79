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
 */
public record Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete) {
  public Batch {
    rows = List.copyOf(rows);
    Objects.requireNonNull(cursor, "cursor");
  }
}
