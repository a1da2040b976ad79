package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * Fractions of a second in timestamptz literals and casts through the driver, on a connection in Europe/Berlin;
 * each expected value is PostgreSQL 15's with {@code SET TimeZone = 'Europe/Berlin'}, to the millisecond the
 * driver keeps (PostgreSQL keeps microseconds).
 */
@ExtendWith(IsolatedHome.class)
class TimestamptzFractionsTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
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
