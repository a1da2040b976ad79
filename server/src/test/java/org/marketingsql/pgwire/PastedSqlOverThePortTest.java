package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SQL analysts paste from PostgreSQL, as pgJDBC sends it to the port for a user who reads only {@code finance}:
 * ILIKE and {@code ~~*}, the boolean aggregates, intervals times numbers and booleans as text, unnest of several
 * arrays, with PostgreSQL 15's answers and column names.
 */
class PastedSqlOverThePortTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.FIN);
  private Connection fin;

  @BeforeEach
  void connect() throws SQLException {
    fin = server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  @AfterEach
  void disconnect() throws SQLException {
    fin.close();
  }

  @Test
  void ilikeAndItsOperatorFilterAsInPostgresql() throws SQLException {
    assertEquals(List.of("o1", "o3"), texts("SELECT order_id FROM finance.orders WHERE acquisition_channel ILIKE 'GOOGLE%'"
        + " ORDER BY 1"));
    assertEquals(List.of("o2", "o4", "o5"), texts("SELECT order_id FROM finance.orders"
        + " WHERE acquisition_channel !~~* 'GOOGLE%' ORDER BY 1"));
    assertEquals(List.of("t|f"), texts("SELECT 'abc' ~~* 'A%', 'abc' NOT ILIKE 'a%'"));
    // PostgreSQL 15: a backslash escapes in the operators' patterns as in LIKE's
    assertEquals(List.of("t|f|t"), texts("SELECT 'a_c' ~~ 'a\\_c', 'abc' ~~ 'a\\_c', 'abc' !~~* 'A\\_C'"));
  }

  @Test
  void theBooleanAggregatesAnswerAsInPostgresql() throws SQLException {
    assertEquals(List.of("t|t|f"), texts("SELECT bool_and(amount_rc > 10), bool_or(amount_rc > 400),"
        + " every(amount_rc > 60) FROM finance.orders"));
  }

  @Test
  void intervalsTimesNumbersAndBooleansAsTextReadAsPostgresqlWritesThem() throws SQLException {
    assertEquals(List.of("3 days|03:00:00|1 day|2 days 12:00:00"), texts("SELECT interval '1 day' * 3,"
        + " 3 * interval '1 hour', interval '2 days' / 2, 2.5 * interval '1 day'"));
    assertEquals(List.of("true|atrue"), texts("SELECT true::text, 'a' || true"));
  }

  @Test
  void unnestZipsArraysAndExtractIsNamedExtract() throws SQLException {
    assertEquals(List.of("1|a", "2|b", "null|c"), texts("SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) AS t(n, s)"));
    assertEquals(List.of("a|1", "b|1"), texts("SELECT unnest(ARRAY['a','b']) AS x, 1"));
    try (Statement s = fin.createStatement();
        ResultSet rs = s.executeQuery("SELECT EXTRACT(DOW FROM DATE '2024-01-07'), EXTRACT(WEEK FROM DATE '2024-01-07')")) {
      assertEquals("extract|extract", rs.getMetaData().getColumnLabel(1) + "|" + rs.getMetaData().getColumnLabel(2));
    }
  }

  private List<String> texts(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
