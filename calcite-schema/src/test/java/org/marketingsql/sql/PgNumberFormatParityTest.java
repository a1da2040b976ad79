package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.PostgresCluster;

/**
 * to_char of numbers and the zone and fraction patterns of timestamps, each case written by a real PostgreSQL
 * server (initdb'd with the C locale, as the driver's formats are) and by this project, which must agree.
 */
class PgNumberFormatParityTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();

  private static final List<String> VALUES = List.of("0", "1", "-1", "0.5", "-0.5", "2.5", "12.345", "-12.345",
      "1234567.891", "-1234567.891", "0.004", "0.005", "-0.005", "11", "12", "13", "21", "102", "1000000", "99.995",
      "123456789012.5", "0.1", "-0.1", "7", "100.10", "-0.0001", "98765432109876543.21", "0.000012345");

  private static final List<String> TEMPLATES = List.of("999", "9999.99", "FM9999.99", "FM999,999,990.00",
      "999,999,990.00", "0000", "0009.9", "FM0009.9", "9.9", "FM9.9", "FM9", "FM90.99", "S9999", "9999S", "S9.99",
      "9.99S", "FMS9999", "MI9999", "9999MI", "FM9999MI", "PL9999", "FMPL9999", "SG9999", "FMSG9999", "9999PR",
      "FM9999PR", "9.99PR", "L999.99", "FML999.99", "999V99", "9V999", "9.99EEEE", "9EEEE", "0.000EEEE", "999TH",
      "FM999th", "9,999D99", "FM9G999D99", "\"$\"FM999,990.00", "99", "FM99.99", "9 9 9", "99.99 \"units\"",
      "000.000", "FM000.000", "9990.99", "FM.99", ".99", "B999", "9G999D99", "FM9999D00");

  private static final List<String> DATE_TEMPLATES = List.of("YYYY-MM-DD HH24:MI:SS.US", "HH24:MI:SS.MS",
      "FF1|FF2|FF3|FF4|FF5|FF6", "YYYY-MM-DD HH24:MI:SS OF", "TZH:TZM", "[TZ][tz]", "FMOF", "HH24:MI OF TZ");

  @Test
  void numbersAreWrittenAsPostgresqlWritesThemForEveryTemplate() throws SQLException {
    List<Executable> checks = new ArrayList<>();
    try (Connection c = postgres.connection();
        PreparedStatement numeric = c.prepareStatement("SELECT to_char(?::numeric, ?), to_char(?::float8, ?)")) {
      for (String value : VALUES) {
        for (String template : TEMPLATES) {
          numeric.setString(1, value);
          numeric.setString(2, template);
          numeric.setString(3, value);
          numeric.setString(4, template);
          try (ResultSet rs = numeric.executeQuery()) {
            rs.next();
            String expectedNumeric = rs.getString(1);
            String expectedDouble = rs.getString(2);
            String actualNumeric = PgNumberFormat.parse(template).format(new BigDecimal(value));
            String actualDouble = PgNumberFormat.parse(template).format(Double.parseDouble(value));
            checks.add(() -> assertEquals(expectedNumeric, actualNumeric, "numeric " + value + " " + template));
            checks.add(() -> assertEquals(expectedDouble, actualDouble, "double " + value + " " + template));
          }
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void romanNumeralsAreWrittenAsPostgresqlWritesThemForNumericsAndDoubles() throws SQLException {
    List<Executable> checks = new ArrayList<>();
    try (Connection c = postgres.connection();
        PreparedStatement numeric = c.prepareStatement("SELECT to_char(?::numeric, ?)");
        PreparedStatement dbl = c.prepareStatement("SELECT to_char(?::float8, ?)")) {
      for (String value : List.of("1", "4", "9", "14", "40", "49", "90", "400", "1987", "2024", "3999", "4000", "0", "-5",
          "0.5", "2.5", "3.5", "1987.49", "NaN")) {
        for (String template : List.of("RN", "FMRN", "rn", "FMrn", "\"No. \"RN", "RN \"x\"")) {
          if (!value.equals("NaN")) {
            String expected = written(numeric, value, template);
            String actual = PgNumberFormat.parse(template).format(new BigDecimal(value));
            checks.add(() -> assertEquals(expected, actual, "numeric " + value + " " + template));
          }
          String expectedDouble = written(dbl, value, template);
          String actualDouble = PgNumberFormat.parse(template).format(Double.parseDouble(value));
          checks.add(() -> assertEquals(expectedDouble, actualDouble, "double " + value + " " + template));
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void aNumericPastTheIntegersInRomanNumeralsIsOutOfRangeAsInPostgresql() throws SQLException {
    try (Connection c = postgres.connection(); PreparedStatement s = c.prepareStatement("SELECT to_char(?::numeric, 'RN')")) {
      s.setString(1, "3000000000");
      SQLException pg = assertThrows(SQLException.class, s::executeQuery);
      PgSqlException ours = assertThrows(PgSqlException.class,
          () -> PgNumberFormat.parse("RN").format(new BigDecimal("3000000000")));
      assertEquals(pg.getSQLState(), ours.sqlState());
    }
  }

  private static String written(PreparedStatement s, String value, String template) throws SQLException {
    s.setString(1, value);
    s.setString(2, template);
    try (ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aDoubleThatIsNoNumberIsHashes() throws SQLException {
    List<Executable> checks = new ArrayList<>();
    try (Connection c = postgres.connection(); PreparedStatement s = c.prepareStatement("SELECT to_char(?::float8, ?)")) {
      for (String value : List.of("NaN", "Infinity", "-Infinity")) {
        for (String template : List.of("999.99", "FM9.9", "9.99EEEE", "9999")) {
          s.setString(1, value);
          s.setString(2, template);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            String expected = rs.getString(1);
            String actual = PgNumberFormat.parse(template).format(Double.parseDouble(value));
            checks.add(() -> assertEquals(expected, actual, value + " " + template));
          }
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void aTimestampWithoutZoneHasOffsetZeroAndNoZoneNameAndItsFractionDigits() throws SQLException {
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2024, 3, 1, 10, 15, 30, 123_000_000);
    List<Executable> checks = new ArrayList<>();
    try (Connection c = postgres.connection();
        PreparedStatement s = c.prepareStatement("SELECT to_char(timestamp '2024-03-01 10:15:30.123', ?)")) {
      for (String template : DATE_TEMPLATES) {
        s.setString(1, template);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          String expected = rs.getString(1);
          String actual = PgDateFormat.parse(template).format(t);
          checks.add(() -> assertEquals(expected, actual, template));
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void aTimestamptzHasTheSessionsOffsetAndZoneAbbreviation() throws SQLException {
    List<Executable> checks = new ArrayList<>();
    String template = "YYYY-MM-DD HH24:MI:SS OF|FMOF|TZH:TZM|TZ|tz";
    try (Connection c = postgres.connection(); java.sql.Statement session = c.createStatement();
        PreparedStatement s = c.prepareStatement("SELECT to_char(?::timestamptz, ?)")) {
      for (String zone : List.of("UTC", "Europe/Paris", "Asia/Kolkata", "America/New_York", "Asia/Kathmandu")) {
        session.execute("SET TIME ZONE '" + zone + "'");
        for (String local : List.of("2024-01-15 10:00:00", "2024-07-01 14:30:00")) {
          s.setString(1, local);
          s.setString(2, template);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            String expected = rs.getString(1);
            java.time.ZonedDateTime t = java.time.LocalDateTime.parse(local.replace(' ', 'T'))
                .atZone(java.time.ZoneId.of(zone));
            String actual = PgDateFormat.parse(template).format(t);
            checks.add(() -> assertEquals(expected, actual, zone + " " + local));
          }
        }
      }
    }
    assertAll(checks);
  }

  @Test
  void templatesPostgresqlRefusesAreRefused() {
    assertThrows(PgSqlException.class, () -> PgNumberFormat.parse("9.9.9"));
    assertThrows(PgSqlException.class, () -> PgNumberFormat.parse("S9999MI"));
    assertThrows(PgSqlException.class, () -> PgNumberFormat.parse("FM9.99EEEE"));
    assertThrows(PgSqlException.class, () -> PgNumberFormat.parse("99V9.9"));
  }
}
