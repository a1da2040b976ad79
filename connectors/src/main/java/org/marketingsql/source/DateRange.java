package org.marketingsql.source;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A span of whole days, both ends included: what a ranged read asks an API for, and what a sync
 * recorded as read.
 */
public record DateRange(LocalDate from, LocalDate to) {
  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("a date range must not end (" + to + ") before it starts (" + from + ")");
    }
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
