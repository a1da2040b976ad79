package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;

/**
 * Fractions of a second in timestamptz literals and casts through the port with pgJDBC, in a session whose
 * TimeZone is UTC; each expected value is PostgreSQL 15's, to the millisecond the port keeps.
 */
@ExtendWith(IsolatedHome.class)
class TimestamptzFractionsPortTest {
  @TempDir
  Path temp;
  TestServer server;
  Connection connection;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    connection = server.connect();
    try (Statement s = connection.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    }
  }

  @AfterEach
  void stop() throws SQLException {
    connection.close();
    server.close();
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

  private List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
