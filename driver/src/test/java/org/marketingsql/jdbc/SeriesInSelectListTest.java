package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** PostgreSQL's {@code SELECT generate_series(…)} without FROM: a row per value; other uses in a select list 0A000. */
@ExtendWith(IsolatedHome.class)
class SeriesInSelectListTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  private Connection finance;

  @BeforeEach
  void connect() throws Exception {
    Properties p = new Properties();
    p.setProperty(AccessPolicy.PROPERTY, "finance");
    finance = DriverManager.getConnection(fixture.csvUrl(), p);
  }

  @AfterEach
  void close() throws SQLException {
    finance.close();
  }

  @Test
  void aSeriesAsTheOnlySelectItemIsARowPerValueNamedGenerateSeries() throws Exception {
    try (Statement s = finance.createStatement(); ResultSet rs = s.executeQuery("SELECT generate_series(1, 3)")) {
      assertEquals("generate_series", rs.getMetaData().getColumnLabel(1));
      List<Integer> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getInt(1));
      }
      assertEquals(List.of(1, 2, 3), values);
    }
    assertEquals(List.of(List.of("x", 10), List.of("x", 5), List.of("x", 0)),
        rows("SELECT 'x' AS k, generate_series(10, -1, -5) AS v"));
  }

  @Test
  void aSeriesBesideAFromOrInsideAnExpressionIsRefusedAsNotSupported() {
    for (String sql : List.of("SELECT channel, generate_series(1, 2) FROM finance.channel_roi",
        "SELECT generate_series(1, 2) + 1", "SELECT generate_series(1, 2), generate_series(1, 3)")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(sql), sql);
      assertEquals("0A000", e.getSQLState(), sql + ": " + e);
      assertTrue(e.getMessage().contains("generate_series() in a select list"), e.getMessage());
    }
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.objects(finance, sql);
  }
}
