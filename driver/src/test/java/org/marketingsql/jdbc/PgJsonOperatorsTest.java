package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * PostgreSQL's JSON operators {@code ->}, {@code ->>}, {@code #>}, {@code #>>} and the functions beside them, through
 * the driver, each statement's rows compared with those a real PostgreSQL 15 gives for it.
 */
class PgJsonOperatorsTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  private Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = fixture.connection();
  }

  @Test
  void theOperatorsAndFunctionsGiveWhatPostgresqlGives() throws Exception {
    String doc = "'{\"a\": {\"b\": [1, \"x\", null, {\"c\": 2.50}]}, \"s\": \" q\\\"x\", \"n\": null, \"t\": true}'";
    List<String> statements = List.of(
        "SELECT '{\"a\":1}'::json->>'a', '{\"a\":1}'::jsonb->>'a'",
        "SELECT " + doc + "::json -> 'a', " + doc + "::json -> 'a' -> 'b', " + doc + "::json -> 'a' -> 'b' ->> 1",
        "SELECT " + doc + "::json ->> 's', " + doc + "::json -> 's', " + doc + "::json ->> 'n', " + doc + "::json -> 'n'",
        "SELECT " + doc + "::json ->> 't', " + doc + "::json -> 'missing', " + doc + "::json -> 'a' -> 0",
        "SELECT " + doc + "::json #> '{a,b}', " + doc + "::json #>> '{a,b,3,c}', " + doc + "::json #>> '{a,b,-1}',"
            + " " + doc + "::json #> '{a,x}'",
        "SELECT '[10, 20, 30]'::json -> -1, '[10, 20, 30]'::json -> 5, '[10, 20, 30]'::json ->> 0,"
            + " '{\"a\":1,\"a\":2}'::json->'a'",
        "SELECT ('{\"amount\":\"12.50\"}'::json->>'amount')::numeric + 1 AS n, json_typeof('[1,2]'), json_typeof('\"s\"'),"
            + " jsonb_typeof('null'), json_array_length('[1,2,[3]]'), json_extract_path_text('{\"a\":{\"b\":2}}', 'a', 'b'),"
            + " json_extract_path('{\"a\":{\"b\":[2]}}', 'a', 'b')",
        "SELECT x::json ->> 'k' AS k, x::json -> 'k' IS NULL AS gone"
            + " FROM (VALUES ('{\"k\":\"v1\"}'), ('{\"k\":null}'), ('[1]'), (NULL))"
            + " AS t(x) ORDER BY 1 NULLS LAST, 2",
        "SELECT x::json ->> 'k' FROM (VALUES ('{\"k\":\"v1\"}'), ('{\"k\":\"v2\"}')) AS t(x) WHERE x::json ->> 'k' = 'v2'");
    List<Executable> checks = new ArrayList<>();
    try (Connection pg = postgres.connection()) {
      for (String sql : statements) {
        List<String> expected = rows(pg, sql);
        List<String> actual = rows(connection, sql);
        checks.add(() -> assertEquals(expected, actual, sql));
      }
    }
    assertAll(checks);
  }

  @Test
  void anOperatorsResultColumnIsUnnamedAsPostgresqlLeavesIt() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT '{\"a\":1}'::json->>'a', json_typeof('1')")) {
      assertEquals("?column?", rs.getMetaData().getColumnLabel(1));
      assertEquals("json_typeof", rs.getMetaData().getColumnLabel(2));
    }
  }

  @Test
  void aTextThatIsNoJsonIsRefusedAsPostgresqlRefusesIt() {
    SQLException e = assertThrows(SQLException.class, () -> rows(connection, "SELECT '{\"a\":1'::text::json ->> 'a' AS v"
        + " FROM (VALUES (1)) AS t(x)"));
    assertEquals("22P02", e.getSQLState(), e.getMessage());
  }

  /** Each row as its columns' texts joined by {@code |}; booleans as PostgreSQL's pgJDBC writes them. */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object value = rs.getObject(i);
          columns.add(value == null ? "null" : value instanceof Boolean b ? b.toString()
              : value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString());
        }
        rows.add(String.join("|", columns));
      }
    }
    return rows;
  }
}
