package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * The session's identity through the port, as PostgreSQL 15 gives it to a user who is not a superuser: two logins
 * on one server, alice (every schema) and fin (only finance), each finding their own name wherever a statement
 * calls {@code current_user} and its synonyms, their own role in pg_roles and pg_user, and the catalogs of
 * roles' secrets refused.
 */
class SessionIdentityTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  private static final TestServer.Login OPS = new TestServer.Login("ops", "0ps", List.of("exports"));
  /** A login only the dashboard's tests use, so what its sessions did is what those tests did. */
  private static final TestServer.Login DASH = new TestServer.Login("dash", "d4sh", List.of("finance"));
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.ALICE, TestServer.FIN, OPS, DASH);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void currentUserAndItsSynonymsAnswerEachSessionsLoginInsideAQuery() throws Exception {
    try (Connection alice = server.connect("alice", "s3cret"); Connection fin = server.connect("fin", "f1n")) {
      String sql = "SELECT current_user, session_user, user, current_role, 1";
      assertEquals(List.of("alice|alice|alice|alice|1"), rows(alice, sql));
      assertEquals(List.of("fin|fin|fin|fin|1"), rows(fin, sql));
      assertEquals(List.of("fin"), rows(fin, "SELECT n FROM (VALUES (CAST('alice' AS VARCHAR)), (CAST('fin' AS VARCHAR)))"
          + " AS t(n) WHERE n = current_user"));
      assertEquals(List.of("5"), rows(fin, "SELECT count(*) FROM finance.orders WHERE session_user = 'fin'"));
      assertEquals(List.of("0"), rows(alice, "SELECT count(*) FROM finance.orders WHERE session_user = 'fin'"));
    }
  }

  @Test
  void theFunctionsAreNamedAsPostgresqlNamesThemInASelectListAndInFrom() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Statement s = fin.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT current_user, session_user AS s, 1")) {
        assertEquals("current_user", rs.getMetaData().getColumnLabel(1));
        assertEquals("s", rs.getMetaData().getColumnLabel(2));
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM current_user")) {
        assertEquals("current_user", rs.getMetaData().getColumnLabel(1));
        assertTrue(rs.next());
        assertEquals("fin", rs.getString(1));
      }
    }
  }

  @Test
  void theSessionsSchemaDatabaseAndVersionAreFromItemsNamedAsPostgresqlNamesThem() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      assertEquals(List.of("current_schema:finance"), labelled(fin, "SELECT * FROM current_schema()"));
      assertEquals(List.of("current_schema:finance"), labelled(fin, "SELECT * FROM pg_catalog.current_schema()"));
      assertEquals(List.of("current_schema:finance"), labelled(fin, "SELECT * FROM current_schema"));
      assertEquals(List.of("s:finance"), labelled(fin, "SELECT * FROM current_schema() AS s"));
      assertEquals(List.of("current_database:marketing"), labelled(fin, "SELECT * FROM current_database()"));
      assertEquals(List.of("current_catalog:marketing"), labelled(fin, "SELECT * FROM current_catalog"));
      assertEquals(List.of("version:" + LocalAnswers.VERSION), labelled(fin, "SELECT * FROM version()"));
      assertEquals(List.of("current_schema:finance", "current_catalog:marketing"),
          labelled(fin, "SELECT current_schema, current_catalog, 1 FROM finance.orders LIMIT 1").subList(0, 2));
      assertEquals(List.of(LocalAnswers.VERSION + "|1"), rows(fin, "SELECT version(), 1"));
      assertEquals(List.of("5"), rows(fin, "SELECT count(*) FROM finance.orders, current_schema() s WHERE s = 'finance'"));
    }
  }

  @Test
  void aFunctionInFromMayBeQualifiedWithItsSchemaAndAnUnknownOneDoesNotExist() throws Exception {
    try (Connection alice = server.connect("alice", "s3cret")) {
      assertEquals(rows(alice, "SELECT count(*) FROM TABLE(finance.attributed_revenue('linear', NULL))"),
          rows(alice, "SELECT count(*) FROM finance.attributed_revenue('linear', NULL) AS r"));
      assertEquals(List.of("(1,1)|1", "(2,2)|1"), rows(alice, "SELECT information_schema._pg_expandarray(ARRAY[1, 2]), 1"),
          "a row per element, as PostgreSQL runs a set-returning function in a select list");
      for (String sql : List.of("SELECT * FROM finance.nothing(1)", "SELECT pg_stat_get_activity(NULL)")) {
        SQLException e = assertThrows(SQLException.class, () -> rows(alice, sql), sql);
        assertEquals("42883", e.getSQLState(), sql + ": " + e.getMessage());
      }
    }
    try (Connection fin = server.connect("fin", "f1n")) {
      // fin's search path is finance, where the function is found as well as at the top level: one function
      List<String> qualified = rows(fin, "SELECT channel, revenue_rc FROM finance.attributed_revenue('linear', NULL) r"
          + " ORDER BY 1");
      assertEquals(List.of("finance"), rows(fin, "SELECT current_schema()"));
      assertFalse(qualified.isEmpty());
      for (String sql : List.of("SELECT channel, revenue_rc FROM attributed_revenue('linear', NULL) r ORDER BY 1",
          "SELECT channel, revenue_rc FROM TABLE(attributed_revenue('linear', NULL)) ORDER BY 1",
          "SELECT channel, revenue_rc FROM attributed_revenue('first_touch', NULL) r WHERE false UNION ALL"
              + " SELECT channel, revenue_rc FROM attributed_revenue('linear', CAST(NULL AS integer)) r ORDER BY 1")) {
        assertEquals(qualified, rows(fin, sql), sql);
      }
      SQLException e = assertThrows(SQLException.class,
          () -> rows(fin, "SELECT * FROM attributed_revenue('time_decay', NULL) r"));
      assertEquals("22023", e.getSQLState(), "time_decay needs a half-life: " + e.getMessage());
    }
    try (Connection ops = server.connect("ops", "0ps")) {
      for (String sql : List.of("SELECT * FROM finance.attributed_revenue('linear', NULL) r",
          "SELECT * FROM finance.nothing(1)")) {
        SQLException e = assertThrows(SQLException.class, () -> rows(ops, sql), sql);
        assertEquals("42501", e.getSQLState(), "a known and an unknown function alike: " + sql + ": " + e.getMessage());
      }
    }
  }

  @Test
  void pgStatActivityListsTheUsersOwnSessionsWithTheirStatementsAndNobodyElses() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Connection other = server.connect("fin", "f1n");
        Connection alice = server.connect("alice", "s3cret")) {
      rows(alice, "SELECT count(*) FROM finance.orders WHERE order_id = 'o1'");
      rows(other, "SELECT count(*) FROM finance.orders");
      String own = rows(fin, "SELECT pg_backend_pid()").get(0);
      String others = rows(other, "SELECT pg_backend_pid()").get(0);
      List<String> seen = rows(fin, "SELECT CAST(pid AS VARCHAR) || '|' || usename || '|' || state || '|' || query"
          + " || '|' || backend_type FROM pg_stat_activity");
      assertTrue(seen.contains(own + "|fin|active|SELECT CAST(pid AS VARCHAR) || '|' || usename || '|' || state || '|'"
          + " || query || '|' || backend_type FROM pg_stat_activity|client backend"), seen.toString());
      assertTrue(seen.contains(others + "|fin|idle|SELECT pg_backend_pid()|client backend"), seen.toString());
      assertTrue(seen.stream().allMatch(row -> row.contains("|fin|")), "only fin's sessions: " + seen);
      assertEquals(List.of(own), rows(fin, "SELECT CAST(a.pid AS VARCHAR) FROM pg_stat_activity a"
          + " JOIN pg_roles r ON r.oid = a.usesysid WHERE r.rolname = current_user AND a.pid = pg_backend_pid()"));
      assertEquals(List.of("marketing|127.0.0.1|t|t"), rows(fin, "SELECT datname, client_addr,"
          + " client_port > 0, backend_start <= query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()"));
      List<String> alices = rows(alice, "SELECT usename || ':' || query FROM pg_stat_activity");
      assertTrue(alices.stream().allMatch(row -> row.startsWith("alice:")), "never another user's: " + alices);
    }
  }

  @Test
  void pgStatDatabaseCountsTheUsersOwnSessionsTransactionsAndRowsInTheOneDatabasesRow() throws Exception {
    String counts = "SELECT numbackends, xact_commit, xact_rollback, tup_returned, sessions FROM pg_stat_database";
    try (Connection reader = server.connect("dash", "d4sh"); Connection worker = server.connect("dash", "d4sh");
        Connection alice = server.connect("alice", "s3cret")) {
      List<String> before = rows(reader, counts);
      assertEquals(1, before.size(), "one database: " + before);
      rows(worker, "SELECT * FROM finance.orders");
      assertThrows(SQLException.class, () -> rows(worker, "SELECT 1 / 0"));
      worker.setAutoCommit(false);
      rows(worker, "SELECT 1");
      worker.rollback();
      worker.setAutoCommit(true);
      rows(alice, "SELECT * FROM finance.orders");
      assertThrows(SQLException.class, () -> rows(alice, "SELECT 1 / 0"));
      long[] was = numbers(before.get(0));
      long[] now = numbers(rows(reader, counts).get(0));
      // the reader's first statement and the worker's read committed, the error and the block rolled back; the rows
      // are the reader's one, the worker's five orders and its one in the block; alice's work is not dash's
      assertEquals(List.of(2L, 2L, 2L, 7L, was[4]), List.of(now[0], now[1] - was[1], now[2] - was[2], now[3] - was[3],
          now[4]));
      assertTrue(was[4] >= 2, "both sessions logged in: " + before);
    }
  }

  @Test
  void pgStatDatabaseHasPostgresqlsColumnsAndNoWrites() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Statement s = fin.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM pg_catalog.pg_stat_database")) {
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnLabel(i));
        types.add(rs.getMetaData().getColumnTypeName(i));
      }
      assertEquals(List.of("datid", "datname", "numbackends", "xact_commit", "xact_rollback", "blks_read", "blks_hit",
          "tup_returned", "tup_fetched", "tup_inserted", "tup_updated", "tup_deleted", "conflicts", "temp_files",
          "temp_bytes", "deadlocks", "checksum_failures", "checksum_last_failure", "blk_read_time", "blk_write_time",
          "session_time", "active_time", "idle_in_transaction_time", "sessions", "sessions_abandoned", "sessions_fatal",
          "sessions_killed", "stats_reset"), names);
      assertEquals(List.of("oid", "name", "int4", "int8", "timestamptz", "float8"), List.of(types.get(0), types.get(1),
          types.get(2), types.get(3), types.get(17), types.get(18)));
      assertTrue(rs.next());
      assertEquals("marketing", rs.getString("datname"));
      assertEquals(PgCatalog.DATABASE_OID, rs.getLong("datid"));
      assertEquals(0, rs.getLong("tup_inserted") + rs.getLong("tup_updated") + rs.getLong("tup_deleted"));
      assertFalse(rs.next(), "only the one database");
    }
  }

  @Test
  void pgPreparedStatementsListsTheSessionsOwnStatementsFromPrepareAndFromParse() throws Exception {
    try (Connection alice = server.connect("alice", "s3cret"); Connection fin = server.connect("fin", "f1n");
        Statement s = alice.createStatement()) {
      s.execute("PREPARE by_day(int, date) AS SELECT $1 AS n, $2 AS d");
      assertEquals(List.of("1|2024-01-01"), rows(alice, "EXECUTE by_day(1, '2024-01-01')"), "sent as Parse, its $n kept");
      s.execute("EXECUTE by_day(2, '2024-01-02')");
      try (PreparedStatement ps = alice.prepareStatement("SELECT count(*) FROM finance.orders WHERE order_id = ?")) {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        ps.setString(1, "o1");
        ps.executeQuery().close();
        String sql = "SELECT name, statement, parameter_types, from_sql, generic_plans, custom_plans,"
            + " prepare_time <= now() FROM pg_prepared_statements ORDER BY from_sql DESC, name";
        List<String> listed = rows(alice, sql);
        assertEquals(2, listed.size(), listed.toString());
        assertEquals("by_day|PREPARE by_day(int, date) AS SELECT $1 AS n, $2 AS d|{integer,date}|t|0|2|t", listed.get(0));
        assertTrue(listed.get(1).matches("S_\\d+\\|SELECT count\\(\\*\\) FROM finance.orders WHERE order_id = \\$1"
            + "\\|\\{\"character varying\"}\\|f\\|0\\|1\\|t"), listed.get(1));
      }
      assertEquals(List.of(), rows(fin, "SELECT name FROM pg_prepared_statements"), "never another session's");
      s.execute("DEALLOCATE by_day");
      assertEquals(List.of(), rows(alice, "SELECT name FROM pg_prepared_statements WHERE from_sql"));
      try (ResultSet rs = s.executeQuery("SELECT parameter_types, prepare_time FROM pg_prepared_statements")) {
        assertEquals(List.of("_regtype", "timestamptz"), List.of(rs.getMetaData().getColumnTypeName(1),
            rs.getMetaData().getColumnTypeName(2)));
      }
    }
  }

  @Test
  void pgStatActivityHasPostgresqlsColumns() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Statement s = fin.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM pg_catalog.pg_stat_activity")) {
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnLabel(i));
        types.add(rs.getMetaData().getColumnTypeName(i));
      }
      assertEquals(List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename", "application_name",
          "client_addr", "client_hostname", "client_port", "backend_start", "xact_start", "query_start", "state_change",
          "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin", "query_id", "query", "backend_type"),
          names);
      // usesysid and datid are oid, the times timestamptz, as in PostgreSQL
      assertEquals(List.of("oid", "int4", "oid", "int4", "timestamptz", "timestamptz", "int8"), List.of(types.get(0),
          types.get(2), types.get(4), types.get(9), types.get(10), types.get(13), types.get(19)));
    }
  }

  @Test
  void pgStatGetActivityAnswersPgStatActivitysRowsOfTheUserAllForNullOrOneByItsPid() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Connection other = server.connect("fin", "f1n");
        Connection alice = server.connect("alice", "s3cret")) {
      String own = rows(fin, "SELECT pg_backend_pid()").get(0);
      String others = rows(other, "SELECT pg_backend_pid()").get(0);
      String alices = rows(alice, "SELECT pg_backend_pid()").get(0);
      List<String> all = rows(fin, "SELECT pid FROM pg_catalog.pg_stat_get_activity(NULL) ORDER BY pid");
      assertTrue(all.contains(own) && all.contains(others), all.toString());
      assertFalse(all.contains(alices), "never another user's session: " + all);
      assertEquals(rows(fin, "SELECT pid FROM pg_stat_activity ORDER BY pid"), all);
      assertEquals(List.of(others + "|fin|idle|SELECT pg_backend_pid()|client backend|f|null|f|f"),
          rows(fin, "SELECT a.pid, r.rolname, a.state, a.query, a.backend_type, a.ssl, a.sslversion, a.gss_auth,"
              + " a.gss_enc FROM pg_stat_get_activity(" + others + ") a JOIN pg_roles r ON r.oid = a.usesysid"));
      assertEquals(List.of(own + "|127.0.0.1|t"), rows(fin, "SELECT pid, client_addr, client_port > 0"
          + " FROM pg_stat_get_activity(pg_backend_pid())"));
      assertEquals(List.of(), rows(fin, "SELECT * FROM pg_stat_get_activity(" + alices + ")"));
      assertEquals(List.of("pid:" + own), labelled(fin, "SELECT pg_stat_get_activity.pid"
          + " FROM pg_stat_get_activity(pg_backend_pid()) WHERE pg_stat_get_activity.pid > 0"));
    }
  }

  @Test
  void pgStatActivitysTimesAreInstantsWrittenInTheSessionsTimeZone() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Statement s = fin.createStatement()) {
      String sql = "SELECT query_start, backend_start <= query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()";
      s.execute("SET TimeZone TO 'UTC'");
      String utc = rows(fin, sql).get(0);
      assertTrue(utc.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+00\\|t"), utc);
      s.execute("SET TimeZone TO 'Asia/Kolkata'");
      String kolkata = rows(fin, sql).get(0);
      assertTrue(kolkata.matches(".*\\+05:30\\|t"), kolkata);
      try (ResultSet rs = s.executeQuery("SELECT query_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
        assertTrue(rs.next());
        java.time.OffsetDateTime read = rs.getObject(1, java.time.OffsetDateTime.class);
        java.time.Duration since = java.time.Duration.between(read.toInstant(), java.time.Instant.now()).abs();
        assertTrue(since.toMinutes() < 5, "the instant, whatever the zone: " + read);
      }
    }
  }

  @Test
  void pgProcListsTheFunctionsOfTheSchemasTheUserReadsOnly() throws Exception {
    String sql = "SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
        + " WHERE p.proname IN ('attributed_revenue', 'roas') ORDER BY 1";
    try (Connection fin = server.connect("fin", "f1n")) {
      assertEquals(List.of("finance.attributed_revenue", "pg_catalog.roas"), rows(fin, sql));
    }
    try (Connection ops = server.connect("ops", "0ps")) {
      assertEquals(List.of("pg_catalog.roas"), rows(ops, sql), "nothing of finance, which ops does not read");
    }
  }

  @Test
  void pgGetUserbyidNamesEveryRoleTheCatalogListsAndOnlyThose() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      assertEquals(List.of("marketing|marketing", "fin|fin"),
          rows(fin, "SELECT rolname, pg_get_userbyid(oid) FROM pg_roles ORDER BY oid"));
      assertEquals(List.of("fin|fin"), rows(fin, "SELECT usename, pg_catalog.pg_get_userbyid(usesysid) FROM pg_stat_activity"
          + " WHERE pid = pg_backend_pid()"));
      assertEquals(List.of("marketing|marketing|marketing"), rows(fin, "SELECT DISTINCT pg_get_userbyid(c.relowner),"
          + " pg_get_userbyid(n.nspowner), pg_get_userbyid(t.typowner) FROM pg_class c JOIN pg_namespace n"
          + " ON n.oid = c.relnamespace, pg_type t WHERE t.typname = 'int4'"));
      String alice = String.valueOf(PgFunctions.roleOid("alice"));
      assertEquals(List.of("unknown (OID=" + alice + ")"), rows(fin, "SELECT pg_get_userbyid(" + alice + ")"),
          "another user's name is not told");
    }
  }

  @Test
  void aPreparedStatementAnswersTheLoginOfTheSessionItRunsIn() throws Exception {
    try (Connection fin = server.connect("fin", "f1n");
        PreparedStatement p = fin.prepareStatement("SELECT current_user || ?")) {
      p.setString(1, "!");
      for (int run = 0; run < 6; run++) { // pgJDBC prepares on the server from the fifth run on
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("fin!", rs.getString(1));
        }
      }
    }
  }

  @Test
  void theLoginsNameReadsNothingMoreThanTheLoginMay() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      SQLException e = assertThrows(SQLException.class,
          () -> rows(fin, "SELECT count(*) FROM exports.orders WHERE current_user = 'fin'"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void pgRolesAndPgUserListTheOwnerAndTheSessionsOwnLoginOnly() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      assertEquals(List.of("fin", "marketing"), rows(fin, "SELECT rolname FROM pg_catalog.pg_roles ORDER BY 1"));
      assertEquals(rows(fin, "SELECT CAST(oid AS VARCHAR) || ':' || rolname FROM pg_roles ORDER BY rolname"),
          rows(fin, "SELECT CAST(usesysid AS VARCHAR) || ':' || usename FROM pg_user ORDER BY usename"));
      assertEquals(List.of("marketing"), rows(fin, "SELECT DISTINCT r.rolname FROM pg_namespace n"
          + " JOIN pg_roles r ON r.oid = n.nspowner"), "psql's \\dn joins the owner");
      assertEquals(List.of("marketing"), rows(fin, "SELECT DISTINCT r.rolname FROM pg_class c"
          + " JOIN pg_roles r ON r.oid = c.relowner"));
      assertEquals(List.of("fin"), rows(fin, "SELECT rolname FROM pg_roles WHERE rolname = current_user"));
    }
    try (Connection alice = server.connect("alice", "s3cret")) {
      List<String> roles = rows(alice, "SELECT rolname FROM pg_roles ORDER BY 1");
      assertEquals(List.of("alice", "marketing"), roles);
      assertFalse(roles.contains("fin"), "another login is not listed");
    }
  }

  @Test
  void theCatalogsOfRolesSecretsAreRefusedAsToAUserWhoIsNoSuperuser() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      for (String table : List.of("pg_authid", "pg_shadow", "pg_statistic", "pg_user_mapping")) {
        for (String sql : List.of("SELECT * FROM " + table, "SELECT count(*) FROM pg_catalog." + table)) {
          SQLException e = assertThrows(SQLException.class, () -> rows(fin, sql), sql);
          assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
          assertTrue(e.getMessage().contains("permission denied for table " + table), e.getMessage());
        }
      }
      assertEquals(List.of("1"), rows(fin, "SELECT 1"), "the session goes on");
    }
  }

  @Test
  void pgCancelBackendCancelsTheRunningStatementOfAnotherSessionOfTheSameUser() throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection busy = server.connect("fin", "f1n"); Connection fin = server.connect("fin", "f1n")) {
      String pid = rows(busy, "SELECT pg_backend_pid()").get(0);
      rows(fin, activeSql(pid)); // planned before the long statement takes the machine
      Future<List<String>> running = runner.submit(() -> rows(busy, LONG_RUN));
      awaitActive(fin, pid);
      try (PreparedStatement p = fin.prepareStatement("SELECT pg_catalog.pg_cancel_backend(?)")) {
        p.setInt(1, Integer.parseInt(pid));
        try (ResultSet rs = p.executeQuery()) {
          assertEquals("pg_cancel_backend", rs.getMetaData().getColumnLabel(1));
          assertEquals("bool", rs.getMetaData().getColumnTypeName(1));
          assertTrue(rs.next() && rs.getBoolean(1));
        }
      }
      ExecutionException stopped = assertThrows(ExecutionException.class, () -> running.get(60, TimeUnit.SECONDS));
      assertEquals("57014", ((SQLException) stopped.getCause()).getSQLState(), stopped.getCause().getMessage());
      assertEquals(List.of("1"), rows(busy, "SELECT 1"), "the cancelled session goes on");
    } finally {
      runner.shutdownNow();
    }
  }

  @Test
  void pgTerminateBackendClosesAnotherSessionOfTheSameUserWith57P01() throws Exception {
    try (Connection other = server.connect("fin", "f1n"); Connection fin = server.connect("fin", "f1n")) {
      String pid = rows(other, "SELECT pg_backend_pid()").get(0);
      assertEquals(List.of("ended:t"), labelled(fin, "SELECT pg_terminate_backend(" + pid + ") AS ended"));
      SQLException closed = assertThrows(SQLException.class, () -> rows(other, "SELECT 1"));
      assertTrue(closed.getSQLState().equals("57P01") || closed.getSQLState().startsWith("08"),
          closed.getSQLState() + ": " + closed.getMessage());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!rows(fin, "SELECT pid FROM pg_stat_activity WHERE pid = " + pid).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of(), rows(fin, "SELECT pid FROM pg_stat_activity WHERE pid = " + pid), "the session ended");
    }
  }

  @Test
  void signallingAnotherUsersSessionIsRefusedAndAnUnknownProcessIsFalseWithAWarning() throws Exception {
    try (Connection alice = server.connect("alice", "s3cret"); Connection fin = server.connect("fin", "f1n")) {
      String alices = rows(alice, "SELECT pg_backend_pid()").get(0);
      SQLException cancel = assertThrows(SQLException.class, () -> rows(fin, "SELECT pg_cancel_backend(" + alices + ")"));
      assertEquals("42501", cancel.getSQLState());
      assertTrue(cancel.getMessage().contains("must be a member of the role whose query is being canceled or member of"
          + " pg_signal_backend"), cancel.getMessage());
      SQLException terminate = assertThrows(SQLException.class, () -> rows(fin, "SELECT pg_terminate_backend(" + alices + ")"));
      assertEquals("42501", terminate.getSQLState());
      assertTrue(terminate.getMessage().contains("whose process is being terminated"), terminate.getMessage());
      assertEquals(List.of("1"), rows(alice, "SELECT 1"), "alice's session goes on");
      try (Statement s = fin.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_cancel_backend(999999)")) {
        assertTrue(rs.next());
        assertFalse(rs.getBoolean(1));
        assertEquals("PID 999999 is not a PostgreSQL server process", s.getWarnings().getMessage());
      }
    }
  }

  @Test
  void aSessionSignallingItselfIsCancelledOrTerminatedAsPostgresqlDoes() throws Exception {
    try (Connection fin = server.connect("fin", "f1n")) {
      String own = rows(fin, "SELECT pg_backend_pid()").get(0);
      SQLException cancelled = assertThrows(SQLException.class, () -> rows(fin, "SELECT pg_cancel_backend(" + own + ")"));
      assertEquals("57014", cancelled.getSQLState());
      assertEquals(List.of("1"), rows(fin, "SELECT 1"));
      SQLException terminated = assertThrows(SQLException.class, () -> rows(fin, "SELECT pg_terminate_backend(" + own + ")"));
      assertEquals("57P01", terminated.getSQLState());
      assertEquals("terminating connection due to administrator command",
          ((org.postgresql.util.PSQLException) terminated).getServerErrorMessage().getMessage());
      assertThrows(SQLException.class, () -> rows(fin, "SELECT 1"), "the session is closed");
    }
  }

  @Test
  void aCancelRequestDuringTheDescribeOfALongPlanningEndsItWith57014AndOneWhileIdleIsIgnored() throws Exception {
    try (RawPgClient client = server.raw(120_000)) {
      List<RawPgClient.Message> login = client.login("fin", "f1n");
      ByteBuffer key = ByteBuffer.wrap(login.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().body());
      int pid = key.getInt();
      int secret = key.getInt();
      byte[] sql = (longPlanning() + "\0").getBytes(StandardCharsets.UTF_8);
      long start = System.nanoTime();
      client.send(RawPgClient.typed('P', ByteBuffer.allocate(1 + sql.length + 2).put((byte) 0).put(sql).putShort((short) 0)
          .array()));
      client.send(RawPgClient.typed('D', new byte[] {'S', 0}));
      client.send(RawPgClient.typed('S', new byte[0]));
      Thread.sleep(1000);
      cancel(pid, secret);
      List<RawPgClient.Message> described = client.untilReady();
      assertEquals("57014", RawPgClient.errorState(described), described.toString());
      assertTrue(described.stream().noneMatch(m -> m.type() == 'T'), "no columns described");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertTrue(seconds < 15, "the planning stopped " + seconds + " s after it started");
      cancel(pid, secret); // idle: ignored, as PostgreSQL ignores it
      Thread.sleep(300);
      List<RawPgClient.Message> next = client.query("SELECT 1");
      assertEquals(null, RawPgClient.errorState(next), next.toString());
      assertTrue(next.stream().anyMatch(m -> m.type() == 'D'), next.toString());
    }
  }

  @Test
  void pgJdbcsCancelDuringALongPlanningEndsTheStatementWith57014() throws Exception {
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try (Connection fin = server.connect("fin", "f1n"); Statement s = fin.createStatement()) {
      canceller.schedule(() -> {
        s.cancel();
        return null;
      }, 1, TimeUnit.SECONDS);
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(longPlanning()));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertEquals(List.of("1"), rows(fin, "SELECT 1"));
    } finally {
      canceller.shutdownNow();
    }
  }

  /** A statement that runs for a minute in the store: a count over the ten-fold cross join of the orders. */
  private static final String LONG_RUN = "SELECT COUNT(DISTINCT o1.order_id || o2.order_id || o3.order_id || o4.order_id"
      + " || o5.order_id || o6.order_id || o7.order_id || o8.order_id || o9.order_id || o10.order_id) FROM finance.orders o1,"
      + " finance.orders o2, finance.orders o3, finance.orders o4, finance.orders o5, finance.orders o6, finance.orders o7,"
      + " finance.orders o8, finance.orders o9, finance.orders o10";

  /** A statement whose planning takes many seconds: Calcite's planner grows fast with the branches of a UNION. */
  private static String longPlanning() {
    StringBuilder union = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      union.append(i == 0 ? "" : " UNION ").append("SELECT order_id FROM finance.orders WHERE amount_rc > ").append(i);
    }
    return union.toString();
  }

  private static void cancel(int pid, int secret) throws Exception {
    try (RawPgClient canceller = server.raw(10_000)) {
      canceller.send(RawPgClient.untyped(ByteBuffer.allocate(12).putInt(80877102).putInt(pid).putInt(secret).array()));
    }
  }

  private static String activeSql(String pid) {
    return "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND pid = " + pid;
  }

  /** Waits until session {@code pid} runs a statement, as {@code fin}'s pg_stat_activity shows it. */
  private static void awaitActive(Connection fin, String pid) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (rows(fin, activeSql(pid)).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "session " + pid + " never ran its statement");
      Thread.sleep(50);
    }
  }

  /** The first row's values, each after its column's label. */
  private static List<String> labelled(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnLabel(i) + ":" + rs.getString(i));
      }
    }
    return out;
  }

  private static long[] numbers(String row) {
    return java.util.Arrays.stream(row.split("\\|")).mapToLong(Long::parseLong).toArray();
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
