package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;
import org.postgresql.util.PSQLException;

/**
 * information_schema's routines, parameters, enabled_roles and applicable_roles, pg_statio_user_tables, the server's
 * address functions, the casts to OID types tools send and EXPLAIN through pgJDBC's extended protocol, as fin, who
 * reads only finance: each answers as PostgreSQL 15 does, with nothing of another schema.
 */
class CatalogRoutinesAndRolesTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  Connection fin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void connect() throws SQLException {
    fin = server.connect("fin", "f1n");
  }

  @AfterEach
  void disconnect() throws SQLException {
    fin.close();
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(fin, sql);
  }


  @Test
  void routinesAndParametersListTheFunctionsTheUserMayCallWithTheirArgumentsAndNothingElse() throws Exception {
    List<String> roi = rows("SELECT routine_schema, routine_name, routine_type, data_type, type_udt_name, external_language"
        + " FROM information_schema.routines WHERE routine_name = 'roi'");
    assertEquals(List.of("pg_catalog|roi|FUNCTION|numeric|numeric|INTERNAL"), roi);
    List<String> arguments = rows("SELECT p.ordinal_position, p.parameter_name, p.data_type, p.parameter_mode"
        + " FROM information_schema.parameters p JOIN information_schema.routines r ON r.specific_name = p.specific_name"
        + " WHERE r.routine_name = 'roi' ORDER BY 1");
    assertEquals(List.of("1|gain|numeric|IN", "2|cost|numeric|IN"), arguments);
    List<String> schemas = rows("SELECT DISTINCT routine_schema FROM information_schema.routines ORDER BY 1");
    assertTrue(schemas.stream().allMatch(s -> s.equals("finance") || s.equals("pg_catalog")), schemas.toString());
    assertEquals(rows("SELECT count(*) FROM pg_catalog.pg_proc WHERE oid >= 20000"),
        rows("SELECT count(*) FROM information_schema.routines"));
  }

  @Test
  void theSessionsLoginIsItsOneEnabledRoleAndNoRoleIsGrantedToIt() throws Exception {
    assertEquals(List.of("fin"), rows("SELECT role_name FROM information_schema.enabled_roles"));
    assertEquals(List.of(), rows("SELECT grantee, role_name, is_grantable FROM information_schema.applicable_roles"));
  }

  @Test
  void pgStatioUserTablesHasARowPerRelationOfTheUsersSchemasWithZeroBlocksRead() throws Exception {
    List<String> rows = rows("SELECT schemaname, heap_blks_read, heap_blks_hit, idx_blks_read FROM pg_statio_user_tables");
    assertTrue(!rows.isEmpty() && rows.stream().allMatch(r -> r.equals("finance|0|0|null")), rows.toString());
    assertEquals(rows("SELECT relname FROM pg_stat_user_tables ORDER BY 1"),
        rows("SELECT relname FROM pg_statio_user_tables ORDER BY 1"));
  }

  @Test
  void inetServerAddrAndPortAreWhereTheClientReachedTheServer() throws Exception {
    assertEquals(List.of("127.0.0.1|" + server.port()), rows("SELECT inet_server_addr(), inet_server_port()"));
    try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      assertEquals("inet_server_port", rs.getMetaData().getColumnLabel(1));
    }
  }

  @Test
  void castsToOidTypesGiveTheObjectAndItsNameAsPostgresqlWritesThem() throws Exception {
    assertEquals(List.of("finance"), rows("SELECT 'finance'::regnamespace"));
    assertEquals(rows("SELECT oid FROM pg_namespace WHERE nspname = 'finance'"),
        rows("SELECT n.oid FROM pg_namespace n WHERE n.oid = 'finance'::regnamespace"));
    assertEquals(List.of("roi(numeric,numeric)"), rows("SELECT 'roi(numeric, numeric)'::regprocedure"));
    assertEquals(rows("SELECT oid FROM pg_proc WHERE proname = 'roi'"),
        rows("SELECT p.oid FROM pg_proc p WHERE p.oid = 'pg_catalog.roi(numeric,numeric)'::regprocedure"));
    PSQLException unknown = assertThrows(PSQLException.class, () -> rows("SELECT 'roi(text)'::regprocedure"));
    assertEquals("42883", unknown.getSQLState());
    List<String> named = rows("SELECT CAST(c.oid::regclass AS VARCHAR), c.oid::regclass::text,"
        + " CAST(c.oid::regclass AS character varying) FROM pg_class c WHERE c.relname = 'channel_roi'");
    assertEquals(List.of("channel_roi|channel_roi|channel_roi"), named);
  }

  @Test
  void explainThroughTheExtendedProtocolIsOneQueryPlanColumnWithARowPerLine() throws Exception {
    try (java.sql.PreparedStatement p = fin.prepareStatement("EXPLAIN SELECT * FROM finance.channel_roi WHERE roi > ?")) {
      p.setBigDecimal(1, java.math.BigDecimal.ONE);
      try (ResultSet rs = p.executeQuery()) {
        assertEquals("QUERY PLAN", rs.getMetaData().getColumnLabel(1));
        assertEquals("text", rs.getMetaData().getColumnTypeName(1));
        int lines = 0;
        while (rs.next()) {
          assertTrue(!rs.getString(1).contains("\n"), rs.getString(1));
          lines++;
        }
        assertTrue(lines > 1, "one row per line of the plan");
      }
    }
    PSQLException refused = assertThrows(PSQLException.class, () -> rows("EXPLAIN SELECT * FROM exports.orders"));
    assertEquals("42501", refused.getSQLState());
  }

  @Test
  void explainAnalyzeRunsTheQueryAndEndsWithPostgresqlsPlanningAndExecutionTimes() throws Exception {
    List<String> plan = rows("EXPLAIN ANALYZE SELECT * FROM finance.orders");
    assertTrue(plan.size() > 3, plan.toString());
    assertTrue(plan.get(0).endsWith(" (actual rows=5 loops=1)"), "the rows the run returned: " + plan.get(0));
    assertTrue(plan.get(plan.size() - 2).matches("Planning Time: \\d+\\.\\d{3} ms"), plan.toString());
    assertTrue(plan.get(plan.size() - 1).matches("Execution Time: \\d+\\.\\d{3} ms"), plan.toString());
    List<String> options = rows("EXPLAIN (ANALYZE, VERBOSE, BUFFERS) SELECT count(*) FROM finance.orders");
    assertTrue(options.get(0).endsWith("(actual rows=1 loops=1)") && options.get(options.size() - 1).startsWith("Execution"),
        options.toString());
    List<String> off = rows("EXPLAIN (ANALYZE false) SELECT * FROM finance.orders");
    assertTrue(off.stream().noneMatch(line -> line.contains("Time:") || line.contains("actual rows")), off.toString());
    List<String> json = rows("EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM finance.channel_roi");
    assertEquals(1, json.size());
    assertTrue(json.get(0).matches("(?s)\\{.*\"rels\".*\"Planning Time\": \\d+\\.\\d{3},\\s*\"Execution Time\": \\d+\\.\\d{3}\\s*}"),
        json.get(0));
    PSQLException refused = assertThrows(PSQLException.class, () -> rows("EXPLAIN ANALYZE SELECT * FROM exports.orders"));
    assertEquals("42501", refused.getSQLState());
    PSQLException write = assertThrows(PSQLException.class, () -> rows("EXPLAIN ANALYZE DELETE FROM finance.orders"));
    assertEquals("25006", write.getSQLState());
  }

  @Test
  void explainAnalyzeIsStoppedByTheStatementTimeoutAsItsQueryWouldBe() throws Exception {
    try (Statement s = fin.createStatement()) {
      s.execute("SET statement_timeout = 500");
      long start = System.nanoTime();
      PSQLException e = assertThrows(PSQLException.class, () -> s.executeQuery("EXPLAIN ANALYZE SELECT COUNT(DISTINCT"
          + " o1.order_id || o2.order_id || o3.order_id || o4.order_id || o5.order_id || o6.order_id || o7.order_id"
          + " || o8.order_id || o9.order_id) FROM finance.orders o1, finance.orders o2, finance.orders o3, finance.orders o4,"
          + " finance.orders o5, finance.orders o6, finance.orders o7, finance.orders o8, finance.orders o9"));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
      assertTrue(java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
      s.execute("RESET statement_timeout");
    }
    assertEquals(List.of("1"), rows("SELECT 1"));
  }

  @Test
  void pgGetViewdefTakesAViewByNameOrOidAndGivesNothingOfAViewTheUserMayNotRead() throws Exception {
    String byOid = rows("SELECT pg_get_viewdef(c.oid, true) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = 'finance' AND c.relname = 'channel_roi'").get(0);
    assertTrue(byOid.contains("attributed_revenue_rc"), byOid);
    assertEquals(List.of(byOid), rows("SELECT pg_get_viewdef('finance.channel_roi')"));
    assertEquals(List.of(byOid), rows("SELECT pg_catalog.pg_get_viewdef('channel_roi', false)"), "on the search path");
    assertEquals(List.of(byOid), rows("SELECT pg_get_viewdef('finance.channel_roi'::regclass, true)"));
    try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_get_viewdef('finance.channel_roi')")) {
      assertEquals("pg_get_viewdef", rs.getMetaData().getColumnLabel(1));
    }
    for (String name : List.of("sync.sync_status", "finance.nothing")) {
      PSQLException e = assertThrows(PSQLException.class, () -> rows("SELECT pg_get_viewdef('" + name + "')"));
      assertEquals("42P01", e.getSQLState(), name);
      assertEquals("relation \"" + name + "\" does not exist", e.getServerErrorMessage().getMessage(),
          "the same words for a view of another schema as for none");
    }
    assertEquals(List.of("null"), rows("SELECT pg_get_viewdef(123456789, true)"));
  }

  @Test
  void aCallWithTheWrongNumberOfArgumentsIsAFunctionThatDoesNotExist() throws Exception {
    PSQLException e = assertThrows(PSQLException.class, () -> rows("SELECT upper('a', 'b')"));
    assertEquals("42883", e.getSQLState());
    assertEquals("function upper(text, text) does not exist", e.getServerErrorMessage().getMessage());
    assertTrue(e.getServerErrorMessage().getHint().startsWith("No function matches"), e.getServerErrorMessage().getHint());
  }
}
