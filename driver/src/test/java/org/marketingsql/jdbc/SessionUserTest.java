package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * {@code current_user} and its synonyms through the driver: the user the connection was opened with, in every
 * place a statement calls them, each connection its own, over the hand-checked export folder.
 */
@ExtendWith(IsolatedHome.class)
class SessionUserTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  @Test
  void everySynonymOfTheCurrentUserAnswersTheConnectionsUser() throws Exception {
    try (Connection ann = DriverManager.getConnection(fixture.csvUrl(), "ann", "");
        Connection bob = DriverManager.getConnection(fixture.csvUrl(), "bob", "")) {
      String sql = "SELECT current_user, session_user, user, current_role, system_user, 1";
      assertEquals(List.of("ann|ann|ann|ann|ann|1"), rows(ann, sql));
      assertEquals(List.of("bob|bob|bob|bob|bob|1"), rows(bob, sql));
      assertEquals(List.of("ann"), rows(ann, "SELECT n FROM (VALUES ('ann'), ('bob')) AS t(n) WHERE n = current_user"));
      assertEquals(List.of("bob"), rows(bob, "SELECT * FROM current_user"));
      assertEquals(List.of("5"), rows(bob, "SELECT count(*) FROM finance.orders WHERE current_user = 'bob'"),
          "a filter the store runs compares the connection's user, not the store's");
      assertEquals(List.of("0"), rows(ann, "SELECT count(*) FROM finance.orders WHERE current_user = 'bob'"));
      assertEquals(List.of("o1:bob"), rows(bob, "SELECT order_id || ':' || current_user FROM finance.orders"
          + " WHERE order_id = 'o1'"));
    }
  }

  @Test
  void aPreparedStatementAnswersTheUserOfTheConnectionItRunsOn() throws Exception {
    Properties info = new Properties();
    info.setProperty("user", "carol");
    try (Connection c = DriverManager.getConnection(fixture.csvUrl(), info);
        PreparedStatement p = c.prepareStatement("SELECT current_user FROM finance.orders WHERE order_id = ?")) {
      p.setString(1, "o1");
      for (int run = 0; run < 2; run++) {
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("carol", rs.getString(1));
        }
      }
    }
  }

  @Test
  void aConnectionOpenedWithoutAUserKeepsCalcitesDefaultUser() throws Exception {
    try (Connection c = DriverManager.getConnection(fixture.csvUrl())) {
      assertEquals(List.of("sa|sa"), rows(c, "SELECT current_user, current_role"));
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
