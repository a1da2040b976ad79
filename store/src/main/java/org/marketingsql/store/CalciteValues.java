package org.marketingsql.store;

import java.lang.reflect.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.duckdb.DuckDBResultSet;

/**
 * A store row's values as Calcite's JDBC adapter reads them when the store dialect's calendar policy is DIRECT: a DATE
 * or TIME with {@code getInt}, a TIMESTAMP with {@code getLong}, an ARRAY with {@code getObject}, which the store's read
 * connections answer here with what Calcite holds. A DATE is its day since 1970-01-01, a TIME the millisecond of its
 * day, a TIMESTAMP its milliseconds since 1970-01-01 00:00 counted as if it were UTC (a finer fraction dropped), an
 * ARRAY a list of its elements. Both stores count days in the proleptic Gregorian calendar, as Calcite does; each
 * value is read from the store's driver as a {@code java.time} value, which counts them so too, never as a
 * {@code java.sql.Date} or {@code Timestamp}, whose calendar is Julian before 1582-10-15 (a store's 1000-02-28 would
 * be read five days off, its 1582-10-10 as 1582-10-20): the mirror of how the read connections bind those numbers as
 * parameters.
 *
 * <p>A column's kind is the store's type of it. A TIMESTAMP column read with {@code getInt} is read as a DATE, its
 * day; a DATE read with {@code getLong} as a TIMESTAMP, its midnight. A timestamp with a time zone the store's driver
 * reports as TIMESTAMP is read as that driver's {@code Timestamp} in the JVM's zone, as Calcite read it before.
 */
final class CalciteValues {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final int OTHER = 0;
  private static final int ZONED = 1;
  private final ResultSet rows;
  /** Each column's {@link Types} code of DATE, TIME, TIMESTAMP or ARRAY, {@link #ZONED} or {@link #OTHER}; read on first use. */
  private int[] kinds;
  /** Whether the rows are DuckDB's; read on first use. */
  private Boolean duckDb;

  CalciteValues(ResultSet rows) {
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  /** Whether column {@code i} holds dates, times or timestamps, which {@link #asInt} and {@link #asLong} read. */
  boolean readsTemporal(int i) throws SQLException {
    return kind(i) != OTHER && kinds[i] != Types.ARRAY;
  }

  /** Whether column {@code i} holds arrays, which {@link #asList} reads. */
  boolean readsArray(int i) throws SQLException {
    return kind(i) == Types.ARRAY;
  }

  private int kind(int i) throws SQLException {
    if (kinds == null) {
      ResultSetMetaData md = rows.getMetaData();
      int[] found = new int[md.getColumnCount() + 1];
      for (int c = 1; c < found.length; c++) {
        found[c] = kind(md.getColumnType(c), md.getColumnTypeName(c));
      }
      kinds = found;
    }
    return i > 0 && i < kinds.length ? kinds[i] : OTHER;
  }

  private static int kind(int type, String name) {
    String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (lower.contains("tz") || lower.contains("time zone")) {
      return type == Types.TIMESTAMP ? ZONED : OTHER;
    }
    return type == Types.DATE || type == Types.TIME || type == Types.TIMESTAMP || type == Types.ARRAY ? type : OTHER;
  }

  /** Column {@code i} (one {@link #readsTemporal} accepts) as Calcite's DATE (its day) or TIME (its millisecond of the day). */
  int asInt(int i) throws SQLException {
    switch (kinds[i]) {
      case Types.DATE: {
        LocalDate day = day(i);
        return day == null ? 0 : Math.toIntExact(day.toEpochDay());
      }
      case Types.TIME: {
        LocalTime time = rows.getObject(i, LocalTime.class);
        return time == null ? 0 : (int) (time.toNanoOfDay() / 1_000_000L);
      }
      default:
        return (int) Math.floorDiv(asLong(i), MILLIS_PER_DAY);
    }
  }

  /**
   * Column {@code i}'s DATE. DuckDB's driver gives a DATE as a {@code LocalDate} of its own day, but converts one asked
   * for as {@code LocalDate} through a {@code java.sql.Date} (1582-10-10 as 1582-10-20); pgJDBC gives a
   * {@code java.sql.Date}, and parses the day's text when asked for a {@code LocalDate}.
   */
  private LocalDate day(int i) throws SQLException {
    if (duckDb == null) {
      duckDb = rows.isWrapperFor(DuckDBResultSet.class);
    }
    return duckDb ? (LocalDate) rows.getObject(i) : rows.getObject(i, LocalDate.class);
  }

  /** Column {@code i} (one {@link #readsTemporal} accepts) as Calcite's TIMESTAMP: milliseconds since 1970 as if in UTC. */
  long asLong(int i) throws SQLException {
    LocalDateTime at;
    switch (kinds[i]) {
      case Types.DATE: {
        LocalDate day = day(i);
        at = day == null ? null : day.atStartOfDay();
        break;
      }
      case Types.TIME: {
        LocalTime time = rows.getObject(i, LocalTime.class);
        at = time == null ? null : time.atDate(LocalDate.EPOCH);
        break;
      }
      case ZONED: {
        Timestamp held = rows.getTimestamp(i);
        at = held == null ? null : held.toLocalDateTime();
        break;
      }
      default:
        at = rows.getObject(i, LocalDateTime.class);
    }
    if (at == null) {
      return 0;
    }
    try {
      return Math.addExact(Math.multiplyExact(at.toEpochSecond(ZoneOffset.UTC), 1000L), at.getNano() / 1_000_000);
    } catch (ArithmeticException e) {
      throw new SQLException("timestamp out of range: " + at, "22008", e);
    }
  }

  /** Column {@code i}'s ARRAY as the list of its elements Calcite holds ({@code SqlFunctions.arrayToList}); null for NULL. */
  List<Object> asList(int i) throws SQLException {
    var array = rows.getArray(i);
    if (array == null) {
      return null;
    }
    Object elements = array.getArray();
    if (elements instanceof Object[] objects) {
      return Arrays.asList(objects);
    }
    List<Object> boxed = new ArrayList<>();
    for (int k = 0; k < Array.getLength(elements); k++) {
      boxed.add(Array.get(elements, k));
    }
    return boxed;
  }
}
