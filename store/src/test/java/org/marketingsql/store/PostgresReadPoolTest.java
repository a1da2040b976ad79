package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/** The read sessions of a store on PostgreSQL: a bounded pool of read-only sessions, handed back clean. */
class PostgresReadPoolTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private PostgresEngine engine;
  private String database;

  private PostgresEngine newEngine(int sessions, Duration wait) throws SQLException {
    database = "pool_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    engine = new PostgresEngine(postgres.url(database), login(), new ReadPoolSize(sessions, wait));
    return engine;
  }

  private static StoreLogin login() {
    return new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password()));
  }

  @AfterEach
  void closePool() {
    if (engine != null) {
      engine.close();
    }
  }

  /** The sessions the store holds on its database now. */
  private int backends() throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '" + database + "'"
            + " AND application_name = 'marketing-sql'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String one(Connection session, String sql) throws SQLException {
    try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void thirtyTwoConcurrentReadersShareTheFourSessionsOfThePool() throws Exception {
    newEngine(4, Duration.ofSeconds(20));
    Set<String> backendIds = ConcurrentHashMap.newKeySet();
    ExecutorService readers = Executors.newFixedThreadPool(32);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        done.add(readers.submit(() -> {
          for (int n = 0; n < 5; n++) {
            try (Connection session = engine.openRead()) {
              backendIds.add(one(session, "SELECT pg_backend_pid() FROM pg_sleep(0.01)"));
            }
          }
          return null;
        }));
      }
      int most = 0;
      while (done.stream().anyMatch(f -> !f.isDone())) {
        most = Math.max(most, backends());
        Thread.sleep(20);
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertTrue(most <= 4, "at most 4 sessions at once, found " + most);
      assertTrue(backendIds.size() <= 4, "160 reads on at most 4 sessions, found " + backendIds.size());
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void aSessionComesBackWithoutItsTransactionOrSettingsAndReadOnly() throws Exception {
    newEngine(1, Duration.ofSeconds(5));
    String pid;
    try (Connection session = engine.openRead()) {
      pid = one(session, "SELECT pg_backend_pid()");
      try (Statement s = session.createStatement()) {
        s.execute("SET work_mem = '7MB'");
      }
      session.setAutoCommit(false);
      one(session, "SELECT 1");
    }
    try (Connection c = postgres.connection()) {
      assertEquals("idle", one(c, "SELECT state FROM pg_stat_activity WHERE pid = " + pid), "no transaction left open");
    }
    try (Connection session = engine.openRead()) {
      assertEquals(pid, one(session, "SELECT pg_backend_pid()"), "the one session is reused");
      assertTrue(session.getAutoCommit());
      assertEquals("4MB", one(session, "SHOW work_mem"));
      assertEquals("marketing-sql", one(session, "SHOW application_name"), "RESET ALL keeps the session's name");
      assertEquals("on", one(session, "SHOW transaction_read_only"));
      try (Statement s = session.createStatement()) {
        SQLException refused = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE written (id INT)"));
        assertEquals("25006", refused.getSQLState());
      }
    }
  }

  /** What the session's backend ran last, as PostgreSQL shows it. */
  private static String lastStatement(String pid) throws SQLException {
    try (Connection c = postgres.connection()) {
      return one(c, "SELECT query FROM pg_stat_activity WHERE pid = " + pid);
    }
  }

  @Test
  void aSessionThatOnlyRanQueriesIsHandedBackWithoutTheRoundTripOfResetAll() throws Exception {
    newEngine(1, Duration.ofSeconds(5));
    String pid;
    try (Connection session = engine.openRead()) {
      pid = one(session, "SELECT pg_backend_pid() AS only_a_query");
    }
    assertEquals("SELECT pg_backend_pid() AS only_a_query", lastStatement(pid), "nothing sent after the query");
    try (Connection session = engine.openRead()) {
      assertEquals(pid, one(session, "SELECT pg_backend_pid()"), "the one session is reused");
      assertEquals("4MB", one(session, "SHOW work_mem"));
    }
  }

  /** A way a borrower changes work_mem, or the session's name, without a plain SET statement. */
  private interface Change {
    void apply(Connection session) throws SQLException;
  }

  static Stream<Arguments> changes() {
    Change setConfig = session -> one(session, "SELECT set_config('work_mem', '7MB', false)");
    Change prepared = session -> {
      try (PreparedStatement s = session.prepareStatement("SELECT set_config('work_mem', ?, false)")) {
        s.setString(1, "7MB");
        s.executeQuery().close();
      }
    };
    Change commentFirst = session -> {
      try (Statement s = session.createStatement()) {
        s.execute("/* SELECT */ SET work_mem = '7MB'");
      }
    };
    Change batch = session -> {
      try (Statement s = session.createStatement()) {
        s.addBatch("SET work_mem = '7MB'");
        s.executeBatch();
      }
    };
    Change clientInfo = session -> session.setClientInfo("ApplicationName", "another name");
    return Stream.of(
        Arguments.of("set_config in a query", setConfig),
        Arguments.of("set_config in a prepared statement", prepared),
        Arguments.of("SET after a comment", commentFirst),
        Arguments.of("SET in a batch", batch),
        Arguments.of("the connection's setClientInfo", clientInfo));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aSettingChangedAnyOtherWayIsStillResetBeforeTheNextRead(String how, Change change) throws Exception {
    newEngine(1, Duration.ofSeconds(5));
    String pid;
    try (Connection session = engine.openRead()) {
      pid = one(session, "SELECT pg_backend_pid()");
      change.apply(session);
      one(session, "SELECT 1");
    }
    assertEquals("RESET ALL", lastStatement(pid), how);
    try (Connection session = engine.openRead()) {
      assertEquals(pid, one(session, "SELECT pg_backend_pid()"), "the one session is reused");
      assertEquals("4MB", one(session, "SHOW work_mem"), how);
      assertEquals("marketing-sql", one(session, "SHOW application_name"), how);
    }
  }

  @Test
  void aSessionWhoseBackendWasTerminatedIsReplacedAndTheNextReadWorks() throws Exception {
    newEngine(2, Duration.ofSeconds(5));
    String pid;
    try (Connection session = engine.openRead()) {
      pid = one(session, "SELECT pg_backend_pid()");
    }
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'"
          + " AND application_name = 'marketing-sql'").close();
    }
    Thread.sleep(600); // the pool checks a session idle for longer than 500 ms before it hands it out
    try (Connection session = engine.openRead()) {
      String replaced = one(session, "SELECT pg_backend_pid()");
      assertFalse(replaced.equals(pid), "a new backend answers");
      assertEquals("1", one(session, "SELECT 1"));
    }
  }

  @Test
  void aReadThatFindsEverySessionBusyFailsAfterTheWaitWithSqlState53300NamingTheStore() throws Exception {
    newEngine(1, Duration.ofMillis(300));
    try (Connection held = engine.openRead()) {
      long started = System.nanoTime();
      SQLException busy = assertThrows(SQLException.class, engine::openRead);
      long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertEquals("53300", busy.getSQLState());
      assertTrue(busy.getMessage().contains("all 1 read sessions of " + engine.describe() + " stayed busy for 300 ms"),
          busy.getMessage());
      assertTrue(waited >= 250 && waited < 5_000, "waited " + waited + " ms");
      assertEquals("1", one(held, "SELECT 1"), "the session held goes on working");
    }
  }

  @Test
  void aCheapReadWaitingForTheOneSessionGoesBeforeACostlyOneThatAskedFirst() throws Exception {
    newEngine(1, Duration.ofSeconds(20));
    String costly = "SELECT 'costly' FROM pg_sleep(0.2)";
    String cheap = "SELECT 'cheap'";
    for (String sql : List.of(costly, cheap, costly, cheap)) {
      try (Connection session = engine.openRead(sql)) {
        one(session, sql);
      }
    }
    List<String> served = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try (Connection held = engine.openRead()) {
      Future<?> first = readers.submit(() -> read(costly, served));
      awaitWaiting(1);
      Future<?> second = readers.submit(() -> read(cheap, served));
      awaitWaiting(2);
      held.close();
      first.get();
      second.get();
    } finally {
      readers.shutdownNow();
    }
    assertEquals(List.of("cheap", "costly"), served);
    assertEquals(1, engine.queue().free(), "the session's permit came back");
  }

  private Void read(String sql, List<String> served) throws SQLException {
    try (Connection session = engine.openRead(sql)) {
      served.add(one(session, sql));
    }
    return null;
  }

  /** Waits until {@code n} reads wait for a session. */
  private void awaitWaiting(int n) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (engine.queue().waiting() < n) {
      assertTrue(System.nanoTime() < until, "no " + n + " reads waiting");
      Thread.sleep(5);
    }
  }

  @Test
  void aCancelOfAStatementWaitingForASessionEndsItsWaitWith57014AndLosesNoSession() throws Exception {
    newEngine(1, Duration.ofSeconds(20));
    RunningStatements.Execution[] execution = new RunningStatements.Execution[1];
    java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (Connection held = engine.openRead()) {
      Future<SQLException> waited = reader.submit(() -> {
        execution[0] = RunningStatements.begin();
        begun.countDown();
        try (Connection session = engine.openRead("SELECT 1")) {
          return null;
        } catch (SQLException e) {
          return e;
        } finally {
          RunningStatements.end(execution[0]);
        }
      });
      begun.await();
      awaitWaiting(1);
      long started = System.nanoTime();
      RunningStatements.cancel(execution[0]);
      SQLException cancelled = waited.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(cancelled != null, "the waiting read fails");
      assertEquals("57014", cancelled.getSQLState());
      assertTrue(cancelled.getMessage().contains(engine.describe()), cancelled.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5, "at once, not after the wait of 20 s");
      assertEquals(0, engine.queue().waiting());
      assertEquals("1", one(held, "SELECT 1"));
    } finally {
      reader.shutdownNow();
    }
    try (Connection session = engine.openRead()) {
      assertEquals("1", one(session, "SELECT 1"), "the one session is free again");
    }
  }

  @Test
  void thePoolNeverHoldsTheUrlParametersOrThePassword() throws Exception {
    newEngine(2, Duration.ofSeconds(5));
    engine.openRead().close();
    HikariDataSource pool = engine.readPool();
    assertNull(pool.getPassword());
    assertNull(pool.getJdbcUrl());
    assertTrue(pool.getDataSourceProperties().isEmpty());
    assertEquals(engine.describe(), pool.getDataSource().toString());
    assertFalse(pool.getDataSource().toString().contains(postgres.password()));
  }

  @Test
  void aStoppedServerFailsTheFirstReadAtOnceNamingTheStore() throws Exception {
    PostgresEngine nowhere = new PostgresEngine("jdbc:postgresql://127.0.0.1:1/none", login(),
        new ReadPoolSize(2, Duration.ofSeconds(20)));
    try {
      long started = System.nanoTime();
      SQLException refused = assertThrows(SQLException.class, nowhere::openRead);
      assertTrue(refused.getMessage().startsWith("cannot connect to PostgreSQL store jdbc:postgresql://127.0.0.1:1/none"),
          refused.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "it does not wait for the pool");
    } finally {
      nowhere.close();
    }
  }
}
