package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** to_char's templates as PostgreSQL 15 documents them, checked by hand on Saturday 2025-02-08 14:05:09. */
class PgDateFormatTest {
  private static final LocalDateTime T = LocalDateTime.of(2025, 2, 8, 14, 5, 9);

  @Test
  void numbersArePaddedUnlessFillModeIsOn() {
    assertEquals("2025-02-08 14:05:09", format("YYYY-MM-DD HH24:MI:SS"));
    assertEquals("2025-2-8 14:5:9", format("YYYY-FMMM-FMDD HH24:FMMI:FMSS"));
    assertEquals("02 PM|039|06|1|7|6|25", format("HH12 AM|DDD|IW|Q|D|ID|YY"));
  }

  @Test
  void namesFollowThePatternsCaseAndLongOnesArePaddedToNine() {
    assertEquals("February |FEBRUARY |february |February|Feb|FEB", format("Month|MONTH|month|FMMonth|Mon|MON"));
    assertEquals("Saturday |Sat|saturday", format("Day|Dy|FMday"));
  }

  @Test
  void quotedTextIsWrittenAsItIs() {
    assertEquals("2025 Q1 week 06", format("YYYY \"Q\"Q \"week\" IW"));
  }

  @Test
  void strftimeExistsOnlyWhereItWritesTheSame() {
    assertEquals(Optional.of("%Y-%m-%d %H:%M:%S"), PgDateFormat.parse("YYYY-MM-DD HH24:MI:SS").strftime());
    assertEquals(Optional.of("%b %-d, %Y %%"), PgDateFormat.parse("Mon FMDD, YYYY %").strftime());
    assertEquals(Optional.empty(), PgDateFormat.parse("Month").strftime(), "padded to nine");
    assertEquals(Optional.empty(), PgDateFormat.parse("YYYY-Q").strftime());
  }

  @Test
  void toDateReadsNumbersAndMonthNames() {
    assertEquals(LocalDate.of(2025, 3, 7), PgDateFormat.parse("YYYY-MM-DD").parseDate("2025-03-07"));
    assertEquals(LocalDate.of(2025, 12, 31), PgDateFormat.parse("DD Mon YYYY").parseDate("31 dec 2025"));
    assertEquals(LocalDate.of(2025, 2, 1), PgDateFormat.parse("YYYYMMDD").parseDate("20250201"));
  }

  private static String format(String template) {
    return PgDateFormat.parse(template).format(T);
  }
}
