package org.marketingsql.pgwire;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.marketingsql.sql.PgTimeZones;

/**
 * A store's DATE and TIMESTAMP values ({@link StoreReads}), and timestamptz values held as TIMESTAMP, as the text the
 * driver gives of them, made with the calls the driver makes, so that they are the same wherever those calls move a
 * value.
 *
 * <p>Calcite's JDBC adapter reads such a column of the store with {@code getInt} (a DATE, as its day since 1970) or
 * {@code getLong} (a TIMESTAMP, as its milliseconds since 1970 counted as if in UTC; a finer fraction is dropped): the
 * store dialects' calendar policy is DIRECT, and the store's read connections answer those calls with the numbers
 * Calcite holds, counted in the proleptic Gregorian calendar as the store counts them (the store's
 * {@code CalciteValues}). Avatica writes the days as a DATE's text ({@link DateTimeUtils#unixDateToString}); the
 * driver writes the milliseconds as PostgreSQL writes a timestamp ({@link PgTimeZones#heldText}). So a store's
 * 1000-02-28 and 1582-10-10 12:00 come out as they are held, as PostgreSQL gives them, and so they do here.
 */
final class StoreDateTimes {
  private StoreDateTimes() {
  }

  /** Column {@code i}'s DATE as the driver's text ({@code 2025-01-15}); null for SQL NULL. */
  static String date(ResultSet rs, int i) throws SQLException {
    int day = rs.getInt(i);
    return rs.wasNull() ? null : DateTimeUtils.unixDateToString(day);
  }

  /** Column {@code i}'s TIMESTAMP as the driver's text ({@code 2025-01-15 10:00:00.5}); null for SQL NULL. */
  static String timestamp(ResultSet rs, int i) throws SQLException {
    long held = rs.getLong(i);
    return rs.wasNull() ? null : PgTimeZones.heldText(held);
  }

  /**
   * Column {@code i}'s timestamptz, held as a TIMESTAMP (the session's local time of its instant), as the port reads
   * it from the driver: the driver's text of it ({@link #timestamp}) read back as a local time; null for SQL NULL.
   */
  static LocalDateTime local(ResultSet rs, int i) throws SQLException {
    String text = timestamp(rs, i);
    return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T'));
  }
}
