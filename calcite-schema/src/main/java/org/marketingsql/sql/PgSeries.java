package org.marketingsql.sql;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The rows of {@code generate_series}, produced one at a time as Calcite reads them (public, for Calcite's
 * generated code). As in PostgreSQL a null argument gives no rows, a zero step is an error, a step against
 * the direction from start to stop gives no rows, and date-times advance by adding the step again and
 * again (so a month after January 31 is February 28, then March 28). Unlike PostgreSQL, a series longer
 * than {@link #MAX_ROWS} is refused before its first row, so one statement cannot run unbounded.
 */
public final class PgSeries {
  /** The most rows one series may have. */
  public static final long MAX_ROWS = 10_000_000L;
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private PgSeries() {
  }

  /**
   * {@code generate_series(start, stop, step)} over numbers: {@code kind} is the column's type,
   * {@code INTEGER}, {@code BIGINT} or {@code DECIMAL}; {@code step} null means 1.
   */
  public static Enumerable<Object[]> numbers(Object start, Object stop, Object step, boolean stepGiven, String kind) {
    if (start == null || stop == null || stepGiven && step == null) {
      return Linq4j.emptyEnumerable();
    }
    if (kind.equals("DECIMAL")) {
      BigDecimal from = decimal(start);
      BigDecimal to = decimal(stop);
      BigDecimal by = stepGiven ? decimal(step) : BigDecimal.ONE;
      if (by.signum() == 0) {
        throw new PgSqlException("22023", "step size cannot equal zero");
      }
      BigDecimal count = to.subtract(from).divideToIntegralValue(by).add(BigDecimal.ONE);
      checkCount(count.signum() < 0 ? 0 : count.compareTo(BigDecimal.valueOf(MAX_ROWS)) > 0 ? MAX_ROWS + 1 : count.longValue());
      return iterate(() -> new Iterator<>() {
        BigDecimal next = from;

        @Override
        public boolean hasNext() {
          return by.signum() > 0 ? next.compareTo(to) <= 0 : next.compareTo(to) >= 0;
        }

        @Override
        public Object[] next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Object[] row = {next};
          next = next.add(by);
          return row;
        }
      });
    }
    long from = ((Number) start).longValue();
    long to = ((Number) stop).longValue();
    long by = stepGiven ? ((Number) step).longValue() : 1L;
    boolean integer = kind.equals("INTEGER");
    return longs(from, to, by, value -> integer ? (Object) Math.toIntExact(value) : (Object) value);
  }

  /** {@code generate_series(start, stop, interval)} with a day-time interval in milliseconds; dates are millis too. */
  public static Enumerable<Object[]> timestamps(Object start, Object stop, Object stepMillis) {
    if (start == null || stop == null || stepMillis == null) {
      return Linq4j.emptyEnumerable();
    }
    return longs(((Number) start).longValue(), ((Number) stop).longValue(), ((Number) stepMillis).longValue(),
        value -> value);
  }

  /** {@code generate_series(start, stop, interval)} with a year-month interval, in months. */
  public static Enumerable<Object[]> timestampsByMonths(Object start, Object stop, Object stepMonths) {
    if (start == null || stop == null || stepMonths == null) {
      return Linq4j.emptyEnumerable();
    }
    int months = ((Number) stepMonths).intValue();
    if (months == 0) {
      throw new PgSqlException("22023", "step size cannot equal zero");
    }
    LocalDateTime from = dateTime(((Number) start).longValue());
    LocalDateTime to = dateTime(((Number) stop).longValue());
    long span = ChronoUnit.MONTHS.between(from, to);
    checkCount(span / months < 0 ? 0 : span / months + 1);
    return iterate(() -> new Iterator<>() {
      LocalDateTime next = from;

      @Override
      public boolean hasNext() {
        return months > 0 ? !next.isAfter(to) : !next.isBefore(to);
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Object[] row = {next.toInstant(ZoneOffset.UTC).toEpochMilli()};
        next = next.plusMonths(months);
        return row;
      }
    });
  }

  /** A DATE argument (days since 1970-01-01) as the milliseconds of its midnight; null stays null. */
  public static Long dateMillis(Object days) {
    return days == null ? null : ((Number) days).longValue() * MILLIS_PER_DAY;
  }

  private static Enumerable<Object[]> longs(long from, long to, long by, LongFunction<Object> value) {
    if (by == 0) {
      throw new PgSqlException("22023", "step size cannot equal zero");
    }
    long count = (by > 0 ? to < from : to > from) ? 0
        : BigDecimal.valueOf(to).subtract(BigDecimal.valueOf(from)).divideToIntegralValue(BigDecimal.valueOf(by))
            .min(BigDecimal.valueOf(MAX_ROWS)).longValue() + 1;
    checkCount(count);
    return iterate(() -> new Iterator<>() {
      long done;

      @Override
      public boolean hasNext() {
        return done < count;
      }

      @Override
      public Object[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return new Object[] {value.apply(from + by * done++)};
      }
    });
  }

  private static void checkCount(long count) {
    if (count > MAX_ROWS) {
      throw new PgSqlException("54000", "generate_series would return more than " + MAX_ROWS
          + " rows, the most one series may have; narrow its range or widen its step");
    }
  }

  private static Enumerable<Object[]> iterate(Iterable<Object[]> rows) {
    return Linq4j.asEnumerable(rows);
  }

  private static BigDecimal decimal(Object number) {
    return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
  }

  private static LocalDateTime dateTime(long millis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), (int) Math.floorMod(millis, 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }
}
