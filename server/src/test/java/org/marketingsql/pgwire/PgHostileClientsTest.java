package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.marketingsql.testing.IsolatedHome;

/** What a client cannot do to the PostgreSQL port: big messages, slow logins, endless statements, idling, recursion. */
@ExtendWith(IsolatedHome.class)
class PgHostileClientsTest {
  private static final Duration BOUND = Duration.ofSeconds(30);
  @TempDir
  Path temp;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void assertFatal(String state, RawPgClient client) throws Exception {
    Message m = client.read();
    assertNotNull(m, "the server closed without saying why");
    assertEquals('E', m.type(), m.toString());
    assertEquals("FATAL", m.field('S'), m.toString());
    assertEquals(state, m.field('C'), m.toString());
    assertTrue(client.closedByServer());
  }

  /** Slots are given back by the session's own thread, just after the connection closes. */
  private void assertConnectionsDropTo(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.server.connections() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(expected, server.server.connections());
  }

  private static void assertStillAnswers(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
      assertTrue(rs.next());
      assertTrue(rs.getInt(1) > 0);
    }
  }

  @Test
  void aStartupMessageAnnouncedAt64MiBIsRefusedBeforeItsBodyIsRead() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    try (RawPgClient client = server.raw(10_000)) {
      client.send(ByteBuffer.allocate(8).putInt(64 * 1024 * 1024).putInt(196608).array());
      assertFatal("08P01", client);
    }
    try (Connection c = server.connect()) {
      assertStillAnswers(c);
    }
  }

  @Test
  void aStartupMessageOneByteOverTenThousandIsRefusedAndOneAtTheLimitIsRead() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    try (RawPgClient client = server.raw(10_000)) {
      client.send(ByteBuffer.allocate(8).putInt(10_001).putInt(196608).array());
      assertFatal("08P01", client);
    }
    byte[] padded = RawPgClient.startupMessage("alice");
    ByteBuffer exact = ByteBuffer.allocate(10_000).putInt(10_000).put(padded, 4, padded.length - 5);
    // an option with a long value fills the message up to the limit exactly
    exact.put(RawPgClient.cstring("application_name")).put("x".repeat(10_000 - exact.position() - 2).getBytes()).put((byte) 0).put((byte) 0);
    try (RawPgClient client = server.raw(10_000)) {
      client.send(exact.array());
      Message m = client.read();
      assertEquals('R', m.type(), m.toString()); // asked for the password: the message was read
    }
  }

  @Test
  void aLoginMessageOverTenThousandBytesClosesTheConnection() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    try (RawPgClient client = server.raw(10_000)) {
      client.send(RawPgClient.startupMessage("alice"));
      assertEquals('R', client.read().type());
      client.send(ByteBuffer.allocate(5).put((byte) 'p').putInt(1_000_000).array());
      assertFatal("08P01", client);
    }
  }

  @Test
  void aMessageOverTheConfiguredLimitAfterLoginClosesTheConnectionAndOneUnderItRuns() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxMessageBytes(64 * 1024));
    try (RawPgClient client = server.raw(30_000)) {
      assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
      List<Message> ok = client.query("select 1 -- " + "x".repeat(50_000));
      assertTrue(RawPgClient.readyIn(ok), ok.toString());
      assertEquals(null, RawPgClient.errorState(ok), ok.toString());
      client.send(RawPgClient.typed('Q', RawPgClient.cstring("select 1 -- " + "x".repeat(70_000))));
      assertFatal("08P01", client);
    }
  }

  @Test
  void aClientThatDoesNotLogInWithinTheAuthenticationTimeoutIsSentAway() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withAuthenticationTimeout(Duration.ofMillis(500)));
    long start = System.nanoTime();
    try (RawPgClient silent = server.raw(10_000); RawPgClient halfway = server.raw(10_000)) {
      halfway.send(RawPgClient.startupMessage("alice"));
      assertEquals('R', halfway.read().type());
      assertFatal("57014", silent);
      assertFatal("57014", halfway);
    }
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "sent away late");
    assertConnectionsDropTo(0); // the half-logged-in client's slot is given back
    try (Connection c = server.connect()) {
      Thread.sleep(800); // a session that logged in is not timed out afterwards
      assertStillAnswers(c);
    }
  }

  @Test
  void theServersStatementTimeoutCancelsALongStatementWith57014AndTheSessionGoesOn() throws Exception {
    server = TestServer.bigOrders(temp, 20_000, PgLimits.defaults().withStatementTimeout(Duration.ofSeconds(1)));
    assertTimeoutPreemptively(BOUND, () -> {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class,
            () -> s.executeQuery("SELECT COUNT(DISTINCT a.order_id || b.order_id) FROM finance.orders a, finance.orders b"));
        assertEquals("57014", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos());
        try (ResultSet rs = s.executeQuery("show statement_timeout")) {
          assertTrue(rs.next());
          assertEquals("1s", rs.getString(1));
        }
        assertStillAnswers(c);
      }
    });
  }

  @Test
  void setStatementTimeoutInAnyOfItsSpellingsChangesWhatShowSaysAndCancels() throws Exception {
    server = TestServer.bigOrders(temp, 20_000, PgLimits.defaults());
    assertTimeoutPreemptively(BOUND, () -> {
      try (Connection c = server.connect(); Statement s = c.createStatement()) {
        assertEquals("0", show(s));
        s.execute("SET statement_timeout = '5s'");
        assertEquals("5s", show(s));
        s.execute("set statement_timeout to 250");
        assertEquals("250ms", show(s));
        SQLException e = assertThrows(SQLException.class,
            () -> s.executeQuery("SELECT COUNT(DISTINCT a.order_id || b.order_id) FROM finance.orders a, finance.orders b"));
        assertEquals("57014", e.getSQLState(), e.getMessage());
        s.execute("RESET statement_timeout");
        assertEquals("0", show(s));
        SQLException bad = assertThrows(SQLException.class, () -> s.execute("set statement_timeout = 'soon'"));
        assertEquals("22023", bad.getSQLState());
        SQLException serverOnly = assertThrows(SQLException.class, () -> s.execute("set idle_session_timeout = 0"));
        assertEquals("55P02", serverOnly.getSQLState());
        assertStillAnswers(c);
      }
    });
  }

  @Test
  void aSessionCannotSetAStatementTimeoutLongerThanTheServers() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withStatementTimeout(Duration.ofMinutes(1)));
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("set statement_timeout = 0");
      assertEquals("1min", show(s));
      s.execute("set statement_timeout = '2h'");
      assertEquals("1min", show(s));
      s.execute("set statement_timeout = '10s'");
      assertEquals("10s", show(s));
    }
  }

  private static String show(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  @Test
  void aSessionIdleLongerThanTheIdleSessionTimeoutIsClosedWith57P05() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withIdleSessionTimeout(Duration.ofMillis(700)));
    try (RawPgClient client = server.raw(10_000)) {
      assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
      List<Message> show = client.query("show idle_session_timeout");
      assertEquals("700ms", new String(show.get(1).body(), 6, 5, StandardCharsets.UTF_8), show.toString());
      Thread.sleep(300);
      assertTrue(RawPgClient.readyIn(client.query("select 1")), "a session that sends in time stays");
      assertFatal("57P05", client);
    }
    assertConnectionsDropTo(0);
    assertEquals(0, server.server.openSessions());
  }

  @Test
  void preparingAnExecuteOfItselfIsRefusedAndTheSessionGoesOn() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    try (RawPgClient client = server.raw(30_000)) {
      assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
      List<Message> got = client.query("PREPARE p AS EXECUTE p; EXECUTE p");
      assertEquals("42601", RawPgClient.errorState(got), got.toString());
      assertTrue(RawPgClient.readyIn(got));
      got = client.query("EXECUTE p");
      assertEquals("26000", RawPgClient.errorState(got), got.toString());
      got = client.query("PREPARE q AS SELECT 1; EXECUTE q");
      assertEquals(null, RawPgClient.errorState(got), got.toString());
    }
  }

  @Test
  void errorsThrownInsideCalciteOrTheDriverEndInAnErrorAndTheSessionGoesOn() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    Map<String, String> failing = new LinkedHashMap<>();
    failing.put("select 1 / 0", "22012");
    failing.put("select cast('x' as integer)", "22P02");
    failing.put("select 'abc' ~ '(' ", "2201B");
    failing.put("select " + "(".repeat(50_000) + "1" + ")".repeat(50_000), null);
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (String sql : failing.keySet()) {
        SQLException e = assertThrows(SQLException.class, () -> {
          try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              rs.getString(1);
            }
          }
        }, sql.substring(0, Math.min(60, sql.length())));
        assertNotNull(e.getSQLState(), e.getMessage());
        if (failing.get(sql) != null) {
          assertEquals(failing.get(sql), e.getSQLState(), e.getMessage());
        }
        assertStillAnswers(c);
      }
    }
    // over the simple protocol, the error is followed by ReadyForQuery
    try (RawPgClient client = server.raw(60_000)) {
      assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
      List<Message> got = client.query("select " + "(".repeat(50_000) + "1" + ")".repeat(50_000));
      assertNotNull(RawPgClient.errorState(got), got.toString());
      assertTrue(RawPgClient.readyIn(got), got.toString());
      assertEquals(null, RawPgClient.errorState(client.query("select 1")));
    }
  }

  @Test
  void aSessionHoldsAtMostTheConfiguredNumberOfPreparedStatementsAndPortals() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxPreparedStatements(3).withMaxPortals(2));
    try (RawPgClient client = server.raw(30_000)) {
      assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
      for (int i = 0; i < 4; i++) {
        client.send(parse("s" + i, "select " + i));
        client.send(RawPgClient.typed('S', new byte[0]));
        List<Message> got = client.untilReady();
        assertEquals(i < 3 ? null : "54000", RawPgClient.errorState(got), i + ": " + got);
      }
      client.send(parse("s0", "select 10")); // replacing one is not adding one
      client.send(RawPgClient.typed('S', new byte[0]));
      assertEquals(null, RawPgClient.errorState(client.untilReady()));
      List<Message> got = client.query("BEGIN");
      for (int i = 0; i < 3; i++) {
        client.send(bind("p" + i, "s0"));
        client.send(RawPgClient.typed('H', new byte[0]));
        Message m = client.read();
        assertEquals(i < 2 ? '2' : 'E', m.type(), i + ": " + m);
      }
      client.send(RawPgClient.typed('S', new byte[0]));
      assertTrue(RawPgClient.readyIn(client.untilReady()));
      assertEquals(null, RawPgClient.errorState(client.query("ROLLBACK")), "the error failed the transaction block");
      for (int i = 0; i < 4; i++) {
        got = client.query("PREPARE q" + i + " AS SELECT " + i);
        assertEquals(i < 3 ? null : "54000", RawPgClient.errorState(got), i + ": " + got);
      }
      assertTrue(RawPgClient.readyIn(client.query("select 1")));
    }
  }

  static byte[] parse(String name, String sql) {
    ByteBuffer b = ByteBuffer.allocate(1000);
    b.put(RawPgClient.cstring(name)).put(RawPgClient.cstring(sql)).putShort((short) 0);
    return RawPgClient.typed('P', Arrays.copyOf(b.array(), b.position()));
  }

  static byte[] bind(String portal, String statement) {
    ByteBuffer b = ByteBuffer.allocate(1000);
    b.put(RawPgClient.cstring(portal)).put(RawPgClient.cstring(statement)).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0);
    return RawPgClient.typed('B', Arrays.copyOf(b.array(), b.position()));
  }

  @Test
  void theRegexCacheKeepsAtMostItsBoundWhateverPatternsClientsSend() {
    for (int i = 0; i < 5_000; i++) {
      assertFalse(PgFunctions.textregexeq("abc", "^x" + i + "$"));
    }
    assertTrue(PgFunctions.cachedPatterns() <= 256, "cached: " + PgFunctions.cachedPatterns());
    assertTrue(PgFunctions.texticregexeq("ABC", "^a"));
  }
}
