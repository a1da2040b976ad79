package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fractions of a second in timestamptz literals and casts through the port with pgJDBC, in a session whose
 * TimeZone is UTC unless a test sets another: kept, rounded, written in text and sent in binary; each expected value
 * is PostgreSQL 15's, to the millisecond the port keeps.
 */
class TimestamptzFractionsPortTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = server.connectInUtc();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @Test
  void aTimestamptzLiteralOrCastKeepsItsFraction() throws Exception {
    // PostgreSQL 15: 123 | 250 | 1500 (its EXTRACT is 123.000 and so on, cast here to whole milliseconds)
    assertEquals(List.of("123|250|1500"), rows("SELECT"
        + " CAST(EXTRACT(MILLISECOND FROM timestamp with time zone '2025-03-30 01:30:00.123+02') AS INTEGER),"
        + " CAST(EXTRACT(MILLISECOND FROM '2024-03-01 12:00:00.25Z'::timestamptz) AS INTEGER),"
        + " CAST(EXTRACT(MILLISECOND FROM CAST('2024-03-01 12:00:01.5+01' AS timestamptz)) AS INTEGER)"));
  }

  @Test
  void instantsAHalfSecondApartAreNotEqual() throws Exception {
    assertEquals(List.of("t|f"), rows("SELECT timestamptz '2024-03-01 12:00:00.5Z' > timestamptz '2024-03-01 12:00:00Z',"
        + " timestamptz '2024-03-01 12:00:00.5Z' = timestamptz '2024-03-01 12:00:00Z'"));
  }

  @Test
  void theTextOfATimestamptzOrATimestampShowsItsFractionAsPostgresqlWritesIt() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("SET TimeZone = 'Europe/Berlin'");
    }
    // PostgreSQL 15 in Berlin, each column
    assertEquals(List.of("2024-03-01 10:15:30.123+01|2024-07-01 10:15:30.5+02|2024-03-01 10:15:30+01"
        + "|2024-03-01 10:15:30.5"),
        rows("SELECT timestamptz '2024-03-01 10:15:30.123+01', '2024-07-01 08:15:30.500Z'::timestamptz,"
            + " timestamptz '2024-03-01 10:15:30.000+01', TIMESTAMP '2024-03-01 10:15:30.5'"));
    assertEquals(List.of("2024-03-01 10:15:30.123+01|2024-03-01 10:15:30.5+01|2024-03-01 10:15:30.25+01"),
        rows("SELECT '2024-03-01 10:15:30.123+01'::timestamptz::text, timestamptz '2024-03-01 10:15:30.5+01'::text,"
            + " timestamp with time zone '2024-03-01 10:15:30.25+01'::text"));
    assertEquals(List.of("2024-03-01 09:15:30.123"), rows("SELECT timestamptz '2024-03-01 10:15:30.123+01' AT TIME ZONE 'UTC'"));
  }

  @Test
  void aFractionBeyondTheMillisecondIsRoundedAsPostgresqlRoundsATimestamptzOfThree() throws Exception {
    // PostgreSQL 15: '…'::timestamptz(3) of each text, in UTC
    assertEquals(List.of("2024-03-01 09:15:30.124+00|2024-03-01 09:15:31+00|1999-12-31 23:59:59.998+00"),
        rows("SELECT timestamptz '2024-03-01 10:15:30.1235+01', '2024-03-01 10:15:30.9995+01'::timestamptz,"
            + " timestamptz '1999-12-31 23:59:59.9985Z'"));
  }

  @Test
  void aTimestamptzSentInBinaryIsTheSameInstantWithItsFraction() throws Exception {
    try (Connection binary = server.connectInBinary()) {
      try (Statement s = binary.createStatement()) {
        s.execute("SET TimeZone = 'Europe/Berlin'");
      }
      try (PreparedStatement ps = binary.prepareStatement("SELECT timestamptz '2024-03-01 10:15:30.123+01' AS ts,"
          + " TIMESTAMP '2024-03-01 10:15:30.5' AS plain FROM (VALUES (1)) AS t(x) WHERE x = ?")) {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(OffsetDateTime.parse("2024-03-01T09:15:30.123Z").toInstant(),
              rs.getObject("ts", OffsetDateTime.class).toInstant());
          assertEquals(LocalDateTime.parse("2024-03-01T10:15:30.5"), rs.getObject("plain", LocalDateTime.class));
        }
      }
    }
  }

  @Test
  void theSessionTimeFunctionsAreSentWithPostgresqlsTypes() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT now(), current_timestamp,"
        + " localtimestamp, clock_timestamp(), statement_timestamp(), transaction_timestamp()")) {
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        types.add(rs.getMetaData().getColumnTypeName(i));
      }
      // PostgreSQL 15's RowDescription: OID 1184 but for localtimestamp's 1114
      assertEquals(List.of("timestamptz", "timestamptz", "timestamp", "timestamptz", "timestamptz", "timestamptz"), types);
      assertTrue(rs.next());
      assertTrue(rs.getString(1).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{0,2}[1-9])?\\+00"),
          rs.getString(1));
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
