package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * A one-column row from a set-returning function or VALUES reaches the result as its value, whatever sits above it
 * (LIMIT, OFFSET, FETCH, ORDER BY, DISTINCT): each column read with getObject is the value, never a Java array.
 */
class OneColumnRowsTest {
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = DriverManager.getConnection(fixture.csvUrl());
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void aLimitOffsetOrFetchOverASeriesGivesItsNumbers() throws Exception {
    assertEquals(List.of(1, 2, 3), values("SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 3"));
    assertEquals(List.of(9, 10), values("SELECT x FROM generate_series(1, 10) x ORDER BY x LIMIT 3 OFFSET 8"));
    assertEquals(List.of(9, 10), values("SELECT x FROM generate_series(1, 10) x ORDER BY x OFFSET 8"));
    assertEquals(List.of(1, 2), values("SELECT x FROM generate_series(1, 10) x ORDER BY x FETCH FIRST 2 ROWS ONLY"));
    assertEquals(List.of(3, 4),
        values("SELECT x FROM generate_series(1, 10) x ORDER BY x OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY"));
    assertEquals(List.of(1, 2), values("SELECT * FROM generate_series(1, 10) LIMIT 2"));
    assertEquals(List.of(10, 9), values("SELECT x FROM generate_series(1, 10) x ORDER BY x DESC LIMIT 2"));
  }

  @Test
  void aSortOrDistinctOverASeriesGivesItsNumbers() throws Exception {
    assertEquals(List.of(3, 2, 1), values("SELECT x FROM generate_series(1, 3) x ORDER BY x DESC"));
    assertEquals(List.of(1, 2), values("SELECT DISTINCT x FROM generate_series(1, 2) x ORDER BY x"));
    assertEquals(List.of(2L, 4L), values("SELECT * FROM generate_series(2::bigint, 5::bigint, 2) ORDER BY 1 LIMIT 5"));
  }

  @Test
  void aLimitOverOneColumnOfValuesOrUnnestGivesItsValues() throws Exception {
    assertEquals(List.of(1, 2), values("SELECT x FROM (VALUES (3), (1), (2)) t(x) ORDER BY x LIMIT 2"));
    assertEquals(List.of(2), values("SELECT x FROM (VALUES (3), (1), (2)) t(x) ORDER BY x OFFSET 1 FETCH FIRST 1 ROW ONLY"));
    assertEquals(List.of("a", "b"), values("SELECT u FROM unnest(ARRAY['c', 'a', 'b']) u ORDER BY u LIMIT 2"));
  }

  private List<Object> values(String sql) throws SQLException {
    List<Object> values = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getObject(1));
      }
    }
    return values;
  }
}
