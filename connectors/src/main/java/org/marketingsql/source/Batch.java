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
 * @param covered the days the read covered in full (every row of those days is among the rows), so
 *     the store can tell later which days it has; empty when the read is not by days
 * @param note what a good read had to do differently and the admin should know (e.g. a fall-back to a
 *     full read), shown in {@code sync.sync_status.last_error}; null when nothing is worth saying
 */
public record Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete,
    Optional<DateRange> covered, String note) {
  public Batch {
    rows = List.copyOf(rows);
    Objects.requireNonNull(cursor, "cursor");
    Objects.requireNonNull(covered, "covered");
  }

  /** A read that is not by days, with nothing to note. */
  public Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete) {
    this(rows, cursor, pages, complete, Optional.empty(), null);
  }

  /** A read by days, with nothing to note. */
  public Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete, Optional<DateRange> covered) {
    this(rows, cursor, pages, complete, covered, null);
  }

  /** A read that is not by days, with a note for the admin. */
  public Batch(List<Object[]> rows, Optional<String> cursor, int pages, boolean complete, String note) {
    this(rows, cursor, pages, complete, Optional.empty(), note);
  }
}
