package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The driver's plan of a query, and the check that the store runs all of it as one query. */
final class StorePlans {
  private StorePlans() {
  }

  /** {@code EXPLAIN PLAN FOR sql} on {@code c}, its lines joined. */
  static String plan(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }

  /** Asserts that {@code sql} is one store query: the conversion of the store's rows, and nothing enumerable under it. */
  static void assertOneStoreQuery(Connection c, String sql) throws SQLException {
    String plan = plan(c, sql);
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), "the store computes it:\n" + plan);
    assertFalse(plan.substring(plan.indexOf('\n') + 1).contains("Enumerable"), "the store computes all of it:\n" + plan);
  }
}
