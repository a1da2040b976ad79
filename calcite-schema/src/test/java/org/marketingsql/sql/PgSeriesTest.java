package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.junit.jupiter.api.Test;

class PgSeriesTest {
  @Test
  void integersCountBothWaysAndStopAtTheLastValueWithinRange() {
    assertEquals(List.of(10, 7, 4, 1), values(PgSeries.numbers(10, 1, -3, true, "INTEGER")));
    assertEquals(List.of(), values(PgSeries.numbers(3, 1, null, false, "INTEGER")));
    assertEquals(List.of(), values(PgSeries.numbers(null, 1, null, false, "INTEGER")), "a null argument: no rows");
    assertEquals(List.of(Long.MAX_VALUE - 1, Long.MAX_VALUE), values(PgSeries.numbers(Long.MAX_VALUE - 1, Long.MAX_VALUE,
        null, false, "BIGINT")), "no overflow at the end of the range");
  }

  @Test
  void decimalsKeepTheirScale() {
    assertEquals(List.of(new BigDecimal("0.5"), new BigDecimal("1.0"), new BigDecimal("1.5"), new BigDecimal("2.0")),
        values(PgSeries.numbers(new BigDecimal("0.5"), 2, new BigDecimal("0.5"), true, "DECIMAL")));
  }

  @Test
  void monthsAreAddedToThePreviousRow() {
    assertEquals(List.of(millis("2025-01-31T00:00"), millis("2025-02-28T00:00"), millis("2025-03-28T00:00")),
        values(PgSeries.timestampsByMonths(millis("2025-01-31T00:00"), millis("2025-04-01T00:00"), 1)));
  }

  @Test
  void aSeriesOverTheLimitIsRefusedBeforeItsFirstRow() {
    PgSqlException e = assertThrows(PgSqlException.class, () -> PgSeries.numbers(1, PgSeries.MAX_ROWS + 1, null, false, "INTEGER"));
    assertEquals("54000", e.sqlState());
    assertEquals(PgSeries.MAX_ROWS, PgSeries.numbers(1L, PgSeries.MAX_ROWS, null, false, "BIGINT").count());
    assertEquals("54000", assertThrows(PgSqlException.class,
        () -> PgSeries.timestamps(0L, PgSeries.MAX_ROWS * 1000L, 1L)).sqlState());
    assertEquals("22023", assertThrows(PgSqlException.class, () -> PgSeries.timestampsByMonths(0L, 1L, 0)).sqlState());
  }

  private static long millis(String t) {
    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static List<Object> values(Enumerable<Object[]> rows) {
    return rows.select(r -> r[0]).toList();
  }
}
