package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Window functions as analysts write them in PostgreSQL, by a connection that reads only {@code finance}: over the
 * finance views they run in the store (DuckDB or PostgreSQL, whichever the fixtures' stores are on), with the
 * results PostgreSQL gives; each result is checked against the same numbers computed here from the plain rows.
 */
/**
 * PostgreSQL's ordered-set aggregate {@code mode() WITHIN GROUP (ORDER BY …)}, by a connection that reads only
 * {@code finance}: over a finance view the store computes it; over rows of the driver's own, the driver.
 */
@ExtendWith(IsolatedHome.class)
class OrderedSetAggregatesTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  private Connection finance;

  @BeforeEach
  void connect() throws Exception {
    Path model = fixture.exports().resolveSibling("model.json");
    Files.writeString(model, fixture.model("\"fiscalYearStartMonth\": 1"));
    Properties p = new Properties();
    p.setProperty(AccessPolicy.PROPERTY, "finance");
    finance = DriverManager.getConnection("jdbc:marketing:model=" + model, p);
  }

  @AfterEach
  void close() throws SQLException {
    finance.close();
  }

  @Test
  void theModeOfAFinanceColumnIsItsMostFrequentValueComputedInTheStore() throws Exception {
    String sql = "SELECT mode() WITHIN GROUP (ORDER BY acquisition_channel) AS m FROM finance.orders";
    java.util.Map<Object, Long> counts = new java.util.HashMap<>();
    rows("SELECT acquisition_channel FROM finance.orders WHERE acquisition_channel IS NOT NULL")
        .forEach(r -> counts.merge(r.get(0), 1L, Long::sum));
    long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    List<Object> modes = counts.entrySet().stream().filter(e -> e.getValue() == most).map(java.util.Map.Entry::getKey).toList();
    assertEquals(1, modes.size(), "one most frequent channel in the fixture: " + counts);
    assertEquals(List.of(modes), rows(sql));
    String plan = plan(sql);
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), "the store computes it:\n" + plan);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "the store computes it:\n" + plan);
  }

  @Test
  void theModeOfRowsTheDriverHoldsIsComputedAboveTheStore() throws Exception {
    assertEquals(List.of(List.of("b")), rows("SELECT mode() WITHIN GROUP (ORDER BY x DESC)"
        + " FROM (VALUES ('a'), ('b'), ('c'), ('b')) AS t(x)"));
    assertEquals(List.of(List.of(1, 7), List.of(2, 5)), rows("SELECT k, mode() WITHIN GROUP (ORDER BY v)"
        + " FROM (VALUES (1, 7), (1, 7), (1, 3), (2, 5)) AS t(k, v) GROUP BY k ORDER BY k"));
  }

  private String plan(String sql) throws SQLException {
    try (Statement s = finance.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  private List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = finance.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
