package org.marketingsql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A live read asks for days between the source's start date (or three years back without one) and today. */
class LiveReadWindowTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
  private static final DateRange OPEN = new DateRange(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));

  @Test
  void anOpenRangeIsClampedToTheStartDateAndToday() {
    LocalDate start = LocalDate.of(2026, 11, 1);
    assertEquals(Optional.of(new DateRange(start, TODAY)), LiveReadWindow.of(start, TODAY).clamp(OPEN));
  }

  @Test
  void aStartDateLongAgoIsTheLimitEvenBeyondThreeYears() {
    LocalDate start = LocalDate.of(2019, 1, 1);
    assertEquals(start, LiveReadWindow.of(start, TODAY).earliest());
  }

  @Test
  void daysBeforeTheStartDateAreNeverAskedFor() {
    DateRange before = new DateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
    assertTrue(LiveReadWindow.of(LocalDate.of(2026, 11, 1), TODAY).clamp(before).isEmpty());
  }

  @Test
  void withoutAStartDateALiveReadReachesThreeYearsBack() {
    assertEquals(Optional.of(new DateRange(TODAY.minusYears(3), TODAY)), LiveReadWindow.of(null, TODAY).clamp(OPEN));
  }

  @Test
  void withoutAStartDateAPlatformThatKeepsLessHistoryBoundsTheWindow() {
    LocalDate kept = TODAY.minusMonths(25);
    assertEquals(kept, LiveReadWindow.of(null, TODAY, Optional.of(kept)).earliest());
    assertEquals(TODAY.minusYears(3), LiveReadWindow.of(null, TODAY, Optional.of(TODAY.minusYears(10))).earliest());
    LocalDate start = LocalDate.of(2026, 1, 1);
    assertEquals(start, LiveReadWindow.of(start, TODAY, Optional.of(kept)).earliest(), "a start date decides");
  }

  @Test
  void aStartDateAfterTodayLeavesNothingToRead() {
    assertTrue(LiveReadWindow.of(TODAY.plusDays(1), TODAY).clamp(OPEN).isEmpty());
  }
}
