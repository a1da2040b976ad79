package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * Fractions of a second in timestamptz literals and casts through the driver, on a connection in Europe/Berlin:
 * kept, rounded and written; each expected value is PostgreSQL 15's with {@code SET TimeZone = 'Europe/Berlin'}, to
 * the millisecond the driver keeps (PostgreSQL keeps microseconds). A TIMESTAMP column's text through the driver is
 * the local time PostgreSQL writes, without the offset.
 */
class TimestamptzFractionsTest {
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection berlin;

  @BeforeEach
  void connect() throws SQLException {
    Properties info = new Properties();
    info.setProperty("timeZone", "Europe/Berlin");
    berlin = DriverManager.getConnection(fixture.csvUrl(), info);
  }

  @AfterEach
  void close() throws SQLException {
    berlin.close();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "EXTRACT(MILLISECOND FROM timestamp with time zone '2025-03-30 01:30:00.123+02' AT TIME ZONE 'UTC')|123",
      // PostgreSQL: 123.456, to the microsecond
      "EXTRACT(MILLISECOND FROM timestamptz '2024-03-01 12:00:00.123456Z' AT TIME ZONE 'UTC')|123",
      "EXTRACT(MILLISECOND FROM '2024-03-01 12:00:01.25Z'::timestamptz AT TIME ZONE 'UTC')|1250",
      "EXTRACT(MILLISECOND FROM CAST('2024-03-01 12:00:00.5+01' AS timestamptz))|500",
      "EXTRACT(MILLISECOND FROM timestamptz '2024-03-01 12:00:00.75')|750"})
  void aFractionOfASecondStays(String expression, String expected) throws SQLException {
    assertEquals(List.of(expected), rows("SELECT CAST(" + expression + " AS INTEGER)"));
  }

  @Test
  void instantsAHalfSecondApartCompareAsPostgresqlComparesThem() throws SQLException {
    assertEquals(List.of("true|false"), rows("SELECT timestamptz '2024-03-01 12:00:00.5Z' > timestamptz"
        + " '2024-03-01 12:00:00Z', timestamptz '2024-03-01 12:00:00.5Z' = timestamptz '2024-03-01 13:00:00+01'"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      // PostgreSQL 15 in Berlin: 2024-03-01 10:15:30.123+01; the driver's TIMESTAMP is the local time
      "timestamptz '2024-03-01 10:15:30.123+01'|2024-03-01 10:15:30.123",
      "'2024-03-01 10:15:30.5+01'::timestamptz|2024-03-01 10:15:30.5",
      "CAST('2024-03-01 09:15:30.250Z' AS timestamp with time zone)|2024-03-01 10:15:30.25",
      "timestamptz '2024-03-01 10:15:30.000+01'|2024-03-01 10:15:30",
      "timestamptz '2024-03-01 10:15:30.123+01' AT TIME ZONE 'UTC'|2024-03-01 09:15:30.123",
      "TIMESTAMP '2024-03-01 10:15:30.5'|2024-03-01 10:15:30.5",
      "TIMESTAMP '2024-03-01 10:15:30.5' AT TIME ZONE 'UTC'|2024-03-01 11:15:30.5",
      "timestamptz '2024-03-01 10:15:30.123+01'::text|2024-03-01 10:15:30.123+01",
      "CAST(timestamptz '2024-07-01 10:15:30.5+02' AS VARCHAR)|2024-07-01 10:15:30.5+02",
      "TIMESTAMP '2024-03-01 10:15:30.5'::text|2024-03-01 10:15:30.5",
      "CAST(TIMESTAMP '2024-03-01 10:15:30.120' AS VARCHAR)|2024-03-01 10:15:30.12",
      "TIMESTAMP '2024-03-01 10:15:30'::text|2024-03-01 10:15:30"})
  void theTextOfATimestampShowsItsFractionWithoutTrailingZeros(String expression, String expected) throws SQLException {
    assertEquals(List.of(expected), rows("SELECT " + expression));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      // PostgreSQL 15's timestamptz(3) of the same text, in Berlin
      "2024-03-01 10:15:30.1235+01|2024-03-01 10:15:30.124",
      "2024-03-01 10:15:30.1234999+01|2024-03-01 10:15:30.124",
      "2024-03-01 10:15:30.123456+01|2024-03-01 10:15:30.123",
      "2024-03-01 10:15:30.9995+01|2024-03-01 10:15:31",
      "1999-12-31 23:59:59.9985+00|2000-01-01 00:59:59.998",
      "1999-12-31 23:59:59.1235+00|2000-01-01 00:59:59.123"})
  void aFractionBeyondTheMillisecondIsRoundedAsPostgresqlRoundsToMilliseconds(String text, String expected)
      throws SQLException {
    assertEquals(List.of(expected + "|" + expected), rows("SELECT timestamptz '" + text + "', '" + text + "'::timestamptz"));
  }

  @Test
  void theSessionTimeFunctionsAreTypedAsPostgresqlTypesThem() throws SQLException {
    // PostgreSQL 15: pg_typeof of each, in this order
    assertEquals(List.of("timestamp with time zone|timestamp with time zone|timestamp without time zone"
        + "|timestamp with time zone|timestamp with time zone|timestamp with time zone"),
        rows("SELECT pg_typeof(now()), pg_typeof(current_timestamp), pg_typeof(localtimestamp),"
            + " pg_typeof(clock_timestamp()), pg_typeof(statement_timestamp()), pg_typeof(transaction_timestamp())"));
    try (Statement s = berlin.createStatement(); ResultSet rs = s.executeQuery("SELECT now(), current_timestamp,"
        + " localtimestamp, clock_timestamp(), statement_timestamp(), transaction_timestamp()")) {
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        names.add(rs.getMetaData().getColumnTypeName(i));
      }
      assertEquals(List.of("TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP",
          "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE"), names);
    }
  }

  @Test
  void theSessionTimeIsWrittenWithItsFractionAndTheTimestamptzOnesWithTheOffset() throws SQLException {
    String fraction = "(\\.\\d{0,2}[1-9])?";
    String[] row = rows("SELECT now(), localtimestamp, clock_timestamp(), statement_timestamp(), now()::text,"
        + " localtimestamp::text, clock_timestamp()::text").get(0).split("\\|");
    String local = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}" + fraction;
    String offset = "[+]0[12]";
    for (int i = 0; i < 4; i++) {
      assertTrue(row[i].matches(local), row[i]);
    }
    assertTrue(row[4].matches(local + offset), row[4]);
    assertTrue(row[5].matches(local), row[5]);
    assertTrue(row[6].matches(local + offset), row[6]);
    assertEquals(row[0], row[3], "statement_timestamp() is the statement's start, as now()");
  }

  private List<String> rows(String sql) throws SQLException {
    try (Statement s = berlin.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i).toLowerCase(java.util.Locale.ROOT));
        }
        out.add(String.join("|", row));
      }
      return out;
    }
  }
}
