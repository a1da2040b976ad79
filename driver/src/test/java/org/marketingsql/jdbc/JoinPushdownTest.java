package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * Joins whose condition compares a column with an expression of the other side run inside the store,
 * with the same rows, instead of as a nested loop in Calcite that re-runs a store query per row.
 */
class JoinPushdownTest {
  /** A BIRT data set's shape: a week ending on a bound day, or on the last day with spend when it is blank. */
  private static final String WEEKLY = "WITH p AS (SELECT COALESCE(CAST(NULLIF(TRIM(CAST(? AS VARCHAR)), '') AS DATE),"
      + " MAX(a.date_day)) AS week_end FROM finance.ad_spend_daily a)"
      + " SELECT a.platform, SUM(CASE WHEN a.date_day > p.week_end - INTERVAL '7' DAY THEN a.spend_rc ELSE 0 END)"
      + " AS this_week_rc, COUNT(*) AS days FROM finance.ad_spend_daily a CROSS JOIN p"
      + " WHERE a.date_day > p.week_end - INTERVAL '14' DAY AND a.date_day <= p.week_end AND (? = '' OR a.platform = ?)"
      + " GROUP BY a.platform ORDER BY 1";

  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  String url;

  @BeforeEach
  void setUp() {
    url = fixture.csvUrl();
  }

  @Test
  void aParameterRowJoinedOnExpressionsRunsAsOneStoreQueryWithTheSameRows() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      // 2025-02-10 meta_ads 120.00 and 2025-02-11 google_ads 0.00 are the days in (2025-01-28, 2025-02-11].
      assertEquals(List.of("google_ads|0.000000|1", "meta_ads|120.000000|1"), rows(c, WEEKLY, "2025-02-11", "", ""));
      assertEquals(List.of("google_ads|0.000000|1", "meta_ads|120.000000|1"), rows(c, WEEKLY, " ", "", ""),
          "a blank week ends on the last day with spend");
      // (2025-01-09, 2025-01-23]: 01-15 google_ads 150.00 is before the last 7 days, 01-20 meta_ads 220.00 in them.
      assertEquals(List.of("google_ads|0.000000|1", "meta_ads|220.000000|1"), rows(c, WEEKLY, "2025-01-23", "", ""));
      assertEquals(List.of("meta_ads|220.000000|1"), rows(c, WEEKLY, "2025-01-23", "meta_ads", "meta_ads"));
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + WEEKLY, "2025-02-11", "", ""));
      assertTrue(plan.startsWith("JdbcToEnumerableConverter"), plan);
      assertTrue(plan.contains("JdbcJoin"), plan);
      assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"),
          "nothing left in Calcite but the conversion:\n" + plan);
    }
  }

  @Test
  void aLeftJoinOnAnExpressionKeepsItsUnmatchedRows() throws Exception {
    // a.date_day < b.date_day - 20 days: b on 02-10 and 02-11 gives 01-21 and 01-22, after 01-15 and 01-20 only.
    String sql = "SELECT a.date_day, COUNT(b.date_day) AS later FROM finance.ad_spend_daily a"
        + " LEFT JOIN finance.ad_spend_daily b ON a.date_day < b.date_day - INTERVAL '20' DAY"
        + " AND b.spend_rc + 1 > ? GROUP BY a.date_day ORDER BY 1";
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(List.of("2025-01-15|2", "2025-01-20|2", "2025-02-10|0", "2025-02-11|0"), rows(c, sql, "0"));
      assertEquals(List.of("2025-01-15|1", "2025-01-20|1", "2025-02-10|0", "2025-02-11|0"), rows(c, sql, "100"),
          "only b on 02-10 (120.00 + 1 > 100) is left to match");
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + sql, "0"));
      assertFalse(plan.contains("NestedLoop"), plan);
    }
  }

  @Test
  void rightAndFullJoinsOnAnExpressionKeepTheirUnmatchedRows() throws Exception {
    // Four pairs match (a on 01-15 or 01-20, b on 02-10 or 02-11); two a rows and two b rows match nothing.
    String join = "SELECT COUNT(*) AS all_rows, COUNT(a.date_day) AS a_rows, COUNT(b.date_day) AS b_rows"
        + " FROM finance.ad_spend_daily a %s JOIN finance.ad_spend_daily b ON a.date_day < b.date_day - INTERVAL '20' DAY";
    try (Connection c = DriverManager.getConnection(url)) {
      assertEquals(List.of("4|4|4"), rows(c, join.formatted("INNER")));
      assertEquals(List.of("6|4|6"), rows(c, join.formatted("RIGHT")));
      assertEquals(List.of("8|6|6"), rows(c, join.formatted("FULL")));
      for (String type : new String[] {"INNER", "RIGHT", "FULL"}) {
        String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + join.formatted(type)));
        assertFalse(plan.contains("NestedLoop"), type + ":\n" + plan);
      }
    }
  }

  private static List<String> rows(Connection c, String sql, String... parameters) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= columns; i++) {
            row.append(i == 1 ? "" : "|").append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }
}
