package org.marketingsql.source;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The days a live read may ask an API for: {@code [startDate, today]}, the source's start date when it sets
 * one (where its first sync begins too), else the last {@link #HISTORY_YEARS} years, or less when the
 * platform keeps less history (its descriptor's {@code history}). No source type gives a start date of its
 * own to fall back on (a first sync without {@code startDate} reads its client's default, a year for Google
 * Ads), so without one a query may reach further back than the first sync, up to that limit.
 * An open range such as {@code date_day >= DATE '0001-01-01'} so costs a few chunks, not thousands; a
 * start date after today leaves nothing to read.
 *
 * @param earliest the first day a live read may ask for
 * @param latest today
 */
public record LiveReadWindow(LocalDate earliest, LocalDate latest) {
  /** How far back a live read reaches for a source without a start date. */
  public static final int HISTORY_YEARS = 3;

  public LiveReadWindow {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(latest, "latest");
  }

  /** The window of a source with the given start date (null: none set) on a given today. */
  public static LiveReadWindow of(LocalDate startDate, LocalDate today) {
    return of(startDate, today, Optional.empty());
  }

  /**
   * The window of a source with the given start date (null: none set) on a given today, whose platform
   * keeps data from {@code platformEarliest} on (empty: no documented limit), which bounds a window
   * without a start date.
   */
  public static LiveReadWindow of(LocalDate startDate, LocalDate today, Optional<LocalDate> platformEarliest) {
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(platformEarliest, "platformEarliest");
    if (startDate != null) {
      return new LiveReadWindow(startDate, today);
    }
    LocalDate history = today.minusYears(HISTORY_YEARS);
    return new LiveReadWindow(platformEarliest.filter(d -> d.isAfter(history)).orElse(history), today);
  }

  /** The part of {@code wanted} inside the window; empty when none is. */
  public Optional<DateRange> clamp(DateRange wanted) {
    Objects.requireNonNull(wanted, "wanted");
    LocalDate from = wanted.from().isBefore(earliest) ? earliest : wanted.from();
    LocalDate to = wanted.to().isAfter(latest) ? latest : wanted.to();
    return from.isAfter(to) ? Optional.empty() : Optional.of(new DateRange(from, to));
  }
}
