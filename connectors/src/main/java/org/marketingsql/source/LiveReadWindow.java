package org.marketingsql.source;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The days a live read may ask an API for: never after today, and never before the source's
 * {@code startDate} or {@link #HISTORY_YEARS} years back, whichever is earlier (the start date is
 * where the first sync begins, and a query may look before it). An open range such as
 * {@code date_day >= DATE '0001-01-01'} so costs a few chunks, not thousands.
 *
 * @param earliest the first day a live read may ask for
 * @param latest today
 */
public record LiveReadWindow(LocalDate earliest, LocalDate latest) {
  /** How far back a live read reaches at least, whatever the start date. */
  public static final int HISTORY_YEARS = 3;

  public LiveReadWindow {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(latest, "latest");
  }

  /** The window of a source with the given start date (null: none set) on a given today. */
  public static LiveReadWindow of(LocalDate startDate, LocalDate today) {
    Objects.requireNonNull(today, "today");
    LocalDate history = today.minusYears(HISTORY_YEARS);
    return new LiveReadWindow(startDate != null && startDate.isBefore(history) ? startDate : history, today);
  }

  /** The part of {@code wanted} inside the window; empty when none is. */
  public Optional<DateRange> clamp(DateRange wanted) {
    Objects.requireNonNull(wanted, "wanted");
    LocalDate from = wanted.from().isBefore(earliest) ? earliest : wanted.from();
    LocalDate to = wanted.to().isAfter(latest) ? latest : wanted.to();
    return from.isAfter(to) ? Optional.empty() : Optional.of(new DateRange(from, to));
  }
}
