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
 * Functions in FROM through the driver, as a BI tool pastes them and as PostgreSQL 15 answers them: set-returning
 * and scalar ones, in any FROM item (after a comma, after JOIN, LATERAL), and the functions PostgreSQL calls
 * without parentheses, over the hand-checked export folder (five orders).
 */
class FunctionsInFromTest {
  /** One home and one store for the class: its tests only read them. */
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
  void aScalarFunctionInFromIsOneRowWhoseColumnItsAliasNames() throws Exception {
    assertEquals(List.of("b"), rows("SELECT s[2] FROM string_to_array('a,b', ',') s"));
    assertEquals(List.of("X"), rows("SELECT t.v FROM upper('x') AS t(v)"));
    assertEquals(List.of("v:X"), labelled("SELECT * FROM upper('x') AS t(v)"));
    assertEquals(List.of("initcap:Hello World"), labelled("SELECT * FROM pg_catalog.initcap('hello world')"));
    assertEquals(List.of("s:a-b"), labelled("SELECT * FROM replace('a b', ' ', '-') AS S"),
        "an unquoted alias folds to lower case");
  }

  @Test
  void grafanasSearchPathQueryJoinsAnArrayToASeries() throws Exception {
    assertEquals(List.of("a|1", "b|2"), rows("SELECT s[i], i FROM string_to_array('a,b', ',') s,"
        + " generate_series(array_lower(s, 1), array_upper(s, 1)) AS i ORDER BY i"));
  }

  @Test
  void aFunctionAfterAJoinOrACommaIsTakenAsTheFirstFromItemIs() throws Exception {
    assertEquals(List.of("10"), rows("SELECT count(*) FROM finance.orders o JOIN generate_series(1, 3) g ON g <= 2"));
    assertEquals(List.of("15"), rows("SELECT count(*) FROM finance.orders o, generate_series(1, 3) g"));
    assertEquals(List.of("1|X", "2|X"),
        rows("SELECT a.n, u FROM (VALUES (1), (2)) AS a(n) JOIN upper('x') u ON true ORDER BY 1"));
    assertEquals(List.of("1|X", "2|X"),
        rows("SELECT a.n, t.c FROM (VALUES (1), (2)) AS a(n) LEFT JOIN upper('x') AS t(c) ON a.n > 0 ORDER BY 1"));
    assertEquals(List.of("2"), rows("SELECT count(*) FROM (VALUES (1), (2)) AS a(n), initcap('x')"));
  }

  @Test
  void aLateralFunctionSeesTheItemsBeforeIt() throws Exception {
    assertEquals(List.of("1|1", "2|1", "2|2"),
        rows("SELECT a.n, g FROM (VALUES (1), (2)) AS a(n), LATERAL generate_series(1, a.n) g ORDER BY 1, 2"));
    assertEquals(List.of("1|1", "2|1", "2|2"),
        rows("SELECT a.n, g FROM (VALUES (1), (2)) AS a(n) CROSS JOIN LATERAL generate_series(1, a.n) AS g ORDER BY 1, 2"));
    assertEquals(List.of("1|2", "2|1"),
        rows("SELECT a.n, d FROM (VALUES (1), (2)) AS a(n), abs(a.n - 3) AS d ORDER BY 1"), "LATERAL is implied");
  }

  @Test
  void aFunctionNamedByAReservedWordIsOneRowNamedByTheFunction() throws Exception {
    assertEquals(List.of("current_date:true"), labelled("SELECT current_date = CURRENT_DATE AS \"current_date\""
        + " FROM current_date"));
    assertEquals(List.of("1"), rows("SELECT count(*) FROM current_date"));
    assertEquals(List.of("true"), rows("SELECT d = current_date FROM current_date AS d"));
    assertEquals(List.of("current_user"), labels("SELECT * FROM current_user"));
    assertEquals(List.of("u"), labels("SELECT * FROM session_user AS u"));
    assertEquals(List.of("true"), rows("SELECT current_timestamp IS NOT NULL FROM current_timestamp"));
  }

  @Test
  void aFunctionInFromKeepsOperatorsStringsAndCommentsAsWritten() throws Exception {
    assertEquals(List.of("true|a<=b"), rows("SELECT 1 <= 2, s FROM /* FROM upper('y') */ concat('a', '<=', 'b') s"));
    assertEquals(List.of("o1"), rows("SELECT order_id FROM finance.orders WHERE order_id IS NOT DISTINCT FROM 'o1'"
        + " AND EXTRACT(YEAR FROM order_date) = 2025"));
  }

  @Test
  void pgExpandarrayInFromIsARowPerElementWithItsPosition() throws Exception {
    assertEquals(List.of("x", "n"), labels("SELECT * FROM information_schema._pg_expandarray(ARRAY['a','b'])"));
    assertEquals(List.of("a|1", "b|2"), rows("SELECT * FROM information_schema._pg_expandarray(ARRAY['a','b'])"));
    assertEquals(List.of("b|2"), rows("SELECT e.x, e.n FROM information_schema._pg_expandarray(ARRAY['a','b']) e"
        + " WHERE e.n = 2"));
    assertEquals(List.of("o1|1", "o1|2"), rows("SELECT o.order_id, \"_pg_expandarray\".n FROM finance.orders o,"
        + " information_schema._pg_expandarray(ARRAY['a', 'b']) WHERE o.order_id = 'o1' ORDER BY 2"));
  }

  @Test
  void pgExpandarrayAndUnnestOfTheColumnsOfATableBesideThemGiveARowPerElementOfEachRow() throws Exception {
    // as ODBC's key query writes it: an array of the row beside it, which no store's JDBC driver takes as a parameter
    assertEquals(List.of("o1|o1|1", "o1|c1|2"), rows("SELECT o.order_id, e.x, e.n FROM finance.orders o,"
        + " information_schema._pg_expandarray(ARRAY[o.order_id, o.customer_id]) e WHERE o.order_id = 'o1' ORDER BY e.n"));
    assertEquals(List.of("o1|c1", "o1|o1"), rows("SELECT o.order_id, u.x FROM finance.orders o,"
        + " UNNEST(ARRAY[o.order_id, o.customer_id]) AS u(x) WHERE o.order_id = 'o1' ORDER BY u.x"));
  }

  private List<String> labels(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnLabel(i));
      }
    }
    return out;
  }

  private List<String> labelled(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getMetaData().getColumnLabel(1) + ":" + rs.getString(1));
      }
    }
    return out;
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
