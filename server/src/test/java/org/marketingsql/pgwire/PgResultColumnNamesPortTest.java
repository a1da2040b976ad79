package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * The names PostgreSQL gives unaliased result columns (its parser's FigureColname), read through pgJDBC's
 * ResultSetMetaData, for calls the port answers itself or rewrites as well as for the driver's own.
 */
class PgResultColumnNamesPortTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  static Connection connection;

  /** An expression, what it is selected from, and the name PostgreSQL 15 gives its column. */
  private record Named(String expression, String from, String name) {
  }

  private static final String ORDERS = "finance.orders o";
  private static final String CLASSES = "pg_catalog.pg_class c";
  private static final String ROI = "finance.channel_roi";

  private static final List<Named> EXPECTED = List.of(
      new Named("col_description(c.oid, 1)", CLASSES, "col_description"),
      new Named("obj_description(c.oid)", CLASSES, "obj_description"),
      new Named("obj_description(c.oid, 'pg_class')", CLASSES, "obj_description"),
      new Named("shobj_description(1, 'pg_database')", CLASSES, "shobj_description"),
      new Named("pg_catalog.obj_description(c.oid)", CLASSES, "obj_description"),
      new Named("pg_get_viewdef(c.oid)", CLASSES, "pg_get_viewdef"),
      new Named("string_agg(channel, ', ')", ROI, "string_agg"),
      new Named("array_agg(DISTINCT channel)", ROI, "array_agg"),
      new Named("count(*)", ORDERS, "count"),
      new Named("now()", ORDERS, "now"),
      new Named("current_setting('TimeZone')", ORDERS, "current_setting"),
      new Named("current_schema()", ORDERS, "current_schema"),
      new Named("pg_postmaster_start_time()", ORDERS, "pg_postmaster_start_time"),
      new Named("o.order_id::text", ORDERS, "order_id"),
      new Named("CAST(o.amount AS integer)", ORDERS, "amount"),
      new Named("'x'::text", ORDERS, "text"),
      new Named("'{a,b}'::text[]", ORDERS, "text"),
      new Named("'{1}'::integer[]", ORDERS, "int4"),
      new Named("CAST('{1.5}' AS numeric(10,2)[])", ORDERS, "numeric"),
      new Named("ARRAY[1]::int[]", ORDERS, "array"),
      new Named("o.amount + 1", ORDERS, "?column?"),
      new Named("CASE WHEN o.amount > 1 THEN 'big' END", ORDERS, "case"),
      new Named("(SELECT max(amount) FROM finance.orders)", ORDERS, "max"),
      new Named("COALESCE(o.currency, 'USD')", ORDERS, "coalesce"),
      new Named("upper(o.currency)", ORDERS, "upper"),
      new Named("date_trunc('month', o.order_date)", ORDERS, "date_trunc"));

  @BeforeAll
  static void start() throws Exception {
    String jdbcUrl = fixture.csvUrl();
    server = TestServer.forClass(jdbcUrl, temp, TestServer.FIN);
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from finance.orders").close();
    }
    connection = server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  @AfterAll
  static void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyUnaliasedExpressionIsNamedAsPostgresqlNamesIt() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Named n : EXPECTED) {
      String sql = "SELECT " + n.expression() + " FROM " + n.from() + " LIMIT 1";
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        String label = rs.getMetaData().getColumnLabel(1);
        if (!n.name().equals(label)) {
          wrong.add(n.expression() + " -> " + label + " (PostgreSQL: " + n.name() + ")");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void rewrittenCallsAmongOtherColumnsKeepTheirNamesAndAnAliasWins() throws Exception {
    String sql = "SELECT col_description(c.oid, 1), obj_description(c.oid), shobj_description(1, 'pg_database'),"
        + " obj_description(c.oid) AS described, c.relname FROM pg_catalog.pg_class c";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      assertEquals(List.of("col_description", "obj_description", "shobj_description", "described", "relname"), labels);
    }
  }

  @Test
  void aPreparedStatementDescribesTheSameNames() throws Exception {
    try (var ps = connection.prepareStatement("SELECT string_agg(channel, ', '), now(), col_description(1, ?)"
        + " FROM finance.channel_roi")) {
      ps.setInt(1, 1);
      ResultSetMetaData md = ps.getMetaData();
      assertEquals(List.of("string_agg", "now", "col_description"),
          List.of(md.getColumnLabel(1), md.getColumnLabel(2), md.getColumnLabel(3)));
    }
  }
  @Test
  void literalsInAnyScriptAreTextAndSumsOfWholeNumbersArePostgresqlsWiderTypes() throws Exception {
    String sql = "SELECT 'é', '日本' AS jp, sum(CAST(1 AS integer)) AS i, sum(CAST(1 AS bigint)) AS b,"
        + " count(*) FILTER (WHERE channel = 'Ελλάδα') AS greek FROM finance.channel_roi";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i) + " " + md.getColumnTypeName(i));
      }
      assertEquals(List.of("?column? text", "jp text", "i int8", "b numeric", "greek int8"), columns);
      rs.next();
      assertEquals(List.of("é", "日本", "0"), List.of(rs.getString(1), rs.getString(2), rs.getString(5)));
    }
  }
}
