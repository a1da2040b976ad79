package org.marketingsql.pgwire;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.runtime.SqlFunctions;
import org.marketingsql.sql.PgTimeZones;

/**
 * A store's DATE and TIMESTAMP values ({@link StoreReads}), and timestamptz values held as TIMESTAMP, as the text the
 * driver gives of them, made with the calls
 * the driver makes, so that they are the same wherever those calls move a value.
 *
 * <p>Calcite's JDBC adapter reads such a column of the store (neither store dialect names a calendar policy) with
 * {@code getDate} or {@code getTimestamp} without a calendar: the store's driver makes a {@code java.sql.Date} or
 * {@code Timestamp} in the JVM's default time zone and calendar (Julian before 1582-10-15), which
 * {@link SqlFunctions#toInt(Date)} and {@link SqlFunctions#toLong(Timestamp)} turn into days or milliseconds since
 * 1970 (whole milliseconds: a finer fraction is dropped). Avatica writes the days as a DATE's text
 * ({@link DateTimeUtils#unixDateToString}); the driver reads the milliseconds as a {@code Timestamp} through Avatica
 * ({@link DateTimeUtils#unixTimestampToSqlTimestamp}, in UTC, with the JVM's calendar again) and writes that as
 * PostgreSQL writes a timestamp ({@link PgTimeZones#localText}). A timestamp before 1582-10-15 therefore comes out of
 * the driver days later than the store holds it (1582-10-04 12:00 as 1582-10-14 12:00), and so it does here.
 */
final class StoreDateTimes {
  /** The calendar the driver reads a timestamp with ({@code TimestampStrings}): only its zone is read, never changed. */
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));

  private StoreDateTimes() {
  }

  /** Column {@code i}'s DATE as the driver's text ({@code 2025-01-15}); null for SQL NULL. */
  static String date(ResultSet rs, int i) throws SQLException {
    Date date = rs.getDate(i);
    return date == null ? null : DateTimeUtils.unixDateToString(SqlFunctions.toInt(date));
  }

  /** Column {@code i}'s TIMESTAMP as the driver's text ({@code 2025-01-15 10:00:00.5}); null for SQL NULL. */
  static String timestamp(ResultSet rs, int i) throws SQLException {
    Timestamp stored = rs.getTimestamp(i);
    if (stored == null) {
      return null;
    }
    Timestamp held = DateTimeUtils.unixTimestampToSqlTimestamp(SqlFunctions.toLong(stored), UTC);
    return PgTimeZones.localText(LocalDateTime.ofInstant(held.toInstant(), ZoneOffset.UTC));
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
