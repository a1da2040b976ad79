package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** The server as Avatica's own thin driver sees it, over the hand-checked finance export folder. */
class AvaticaServerTest {
  /** The class's folder: the home, users file and exports of the server its tests share. */
  @TempDir
  static Path temp;
  private static String homeBefore;
  private static AvaticaServer shared;
  /** The server this test reaches: the class's, or one of the test's own. */
  AvaticaServer server;

  @BeforeAll
  static void startShared() throws Exception {
    homeBefore = System.setProperty("marketingsql.home", Files.createDirectories(temp.resolve("home")).toString());
    shared = start(temp, 0);
  }

  @AfterAll
  static void stopShared() {
    try {
      if (shared != null) {
        shared.close();
      }
    } finally {
      if (homeBefore == null) {
        System.clearProperty("marketingsql.home");
      } else {
        System.setProperty("marketingsql.home", homeBefore);
      }
    }
  }

  @BeforeEach
  void useShared() {
    server = shared;
  }

  @AfterEach
  void stopOwn() {
    if (server != shared) {
      server.close();
    }
  }

  /**
   * A server on {@code port} (0: a free one) over the finance exports in {@code folder} and its users file with alice
   * and fin, both made on the folder's first use: a test of failed logins or of the server's life starts one of its own.
   */
  static AvaticaServer start(Path folder, int port) throws Exception {
    Path users = folder.resolve("users");
    if (!Files.exists(users)) {
      UsersFile file = new UsersFile(users);
      file.add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
      file.add(new User("fin", ScramVerifier.create("f1n".toCharArray(), new SecureRandom()), List.of("finance")));
    }
    Path exports = folder.resolve("exports");
    if (!Files.exists(exports)) {
      Fixtures.copy("finance", exports);
    }
    return AvaticaServer.start(AvaticaServerSettings.defaults("jdbc:marketing:csv=" + exports, users).withPort(port)
        .withFailedLoginDelayMillis(0));
  }

  Connection connect(String user, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=" + user + ";avatica_password=" + password
        + ";transparent_reconnection=true");
  }

  static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
      }
      out.add(String.join("; ", row));
    }
    return out;
  }

  @Test
  void theThinDriverBrowsesSchemasTablesAndColumnsWithTheirFormulas() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.containsAll(List.of("finance", "exports")), schemas.toString());
      try (ResultSet rs = md.getTables(null, "finance", "channel_roi", null)) {
        assertTrue(rs.next());
        assertEquals("VIEW", rs.getString("TABLE_TYPE"));
      }
      try (ResultSet rs = md.getColumns(null, "finance", "channel_roi", "roas")) {
        assertTrue(rs.next());
        String remarks = rs.getString("REMARKS");
        assertTrue(remarks != null && remarks.toLowerCase(Locale.ROOT).contains("spend"), remarks);
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void aParameterisedQueryOnChannelRoiReturnsExactDecimalsAndDates() throws Exception {
    try (Connection c = connect("alice", "s3cret"); PreparedStatement ps = c.prepareStatement(
        "select month_start, spend_rc, roas from finance.channel_roi where channel = ? order by month_start")) {
      ps.setString(1, "google_ads");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(LocalDate.of(2025, 1, 1), rs.getDate("month_start").toLocalDate());
        assertEquals(new BigDecimal("150.000000"), rs.getBigDecimal("spend_rc"));
        assertEquals(new BigDecimal("3.333333"), rs.getBigDecimal("roas"));
        assertTrue(rs.next());
        assertEquals(LocalDate.of(2025, 2, 1), rs.getDate("month_start").toLocalDate());
        assertEquals(new BigDecimal("0.000000"), rs.getBigDecimal("spend_rc"));
        assertEquals(null, rs.getBigDecimal("roas"));
        assertFalse(rs.next());
      }
      ps.setString(1, "meta_ads");
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("month_start=2025-01-01; spend_rc=220.000000; roas=0.500000",
            "month_start=2025-02-01; spend_rc=120.000000; roas=0.000000"), rows(rs));
      }
    }
  }

  /** The thin driver reports a refused login as the HTTP status, wrapped in a RuntimeException. */
  void assertLoginRefused(String user, String password) {
    Exception e = assertThrows(Exception.class, () -> connect(user, password).close());
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append(" / ");
    }
    assertTrue(messages.toString().contains("401"), messages.toString());
  }

  @Test
  void aWrongPasswordOrUnknownUserIsRefused(@TempDir Path own) throws Exception {
    server = start(own, 0);
    assertLoginRefused("alice", "wrong");
    assertLoginRefused("mallory", "s3cret");
  }

  @Test
  void anAddressWithTooManyFailedLoginsIsRefusedEvenWithTheRightPassword(@TempDir Path own) throws Exception {
    server = start(own, 0);
    connect("alice", "s3cret").close();
    for (int i = 0; i < 5; i++) {
      assertLoginRefused("alice", "guess" + i);
    }
    assertLoginRefused("alice", "s3cret");
  }

  @Test
  void aUserLimitedToFinanceReadsItsViewsButNeitherSeesNorReadsTheSources() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) as n from finance.orders")) {
        assertEquals(List.of("N=5"), rows(rs).stream().map(r -> r.toUpperCase(Locale.ROOT)).toList());
      }
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from exports.orders"));
      assertEquals("42501", e.getSQLState(), e.getMessage());
      try (PreparedStatement ps = c.prepareStatement("select count(*) from finance.orders")) {
        assertTrue(ps.executeQuery().next());
      }
      assertEquals("42501", assertThrows(SQLException.class,
          () -> c.prepareStatement("select * from exports.orders where order_id = ?")).getSQLState());
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getSchemas()) {
        List<String> schemas = new ArrayList<>();
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
        assertEquals(List.of("finance"), schemas);
      }
      try (ResultSet rs = md.getTables(null, "exports", "%", null)) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getColumns(null, "%", "orders", "%")) {
        while (rs.next()) {
          assertEquals("finance", rs.getString("TABLE_SCHEM"));
        }
      }
    }
  }

  @Test
  void currentUserIsTheLoginOfEachThinConnection() throws Exception {
    try (Connection alice = connect("alice", "s3cret"); Connection fin = connect("fin", "f1n");
        Statement a = alice.createStatement(); Statement f = fin.createStatement()) {
      String sql = "select current_user as u, session_user as s from finance.orders where order_id = 'o1'";
      try (ResultSet rs = a.executeQuery(sql)) {
        assertEquals(List.of("u=alice; s=alice"), rows(rs).stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
      }
      try (ResultSet rs = f.executeQuery(sql)) {
        assertEquals(List.of("u=fin; s=fin"), rows(rs).stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
      }
    }
  }

  @Test
  void aUserMaySetADefaultSchemaTheyMayReadAndUnqualifiedNamesAreCheckedThere() throws Exception {
    try (Connection c = connect("fin", "f1n")) {
      c.setSchema("finance");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) as n from orders")) {
        assertEquals(List.of("N=5"), rows(rs).stream().map(r -> r.toUpperCase(Locale.ROOT)).toList());
      }
      try (PreparedStatement ps = c.prepareStatement("select count(*) from orders where order_id = ?")) {
        ps.setString(1, "o1");
        assertTrue(ps.executeQuery().next());
      }
      // a schema fin may not read is refused when the thin driver next syncs the connection (as a runtime exception)
      c.setSchema("exports");
      org.apache.calcite.avatica.AvaticaClientRuntimeException e = assertThrows(
          org.apache.calcite.avatica.AvaticaClientRuntimeException.class, () -> c.createStatement().close());
      assertEquals("42501", e.getSqlState(), e.getMessage());
      c.setSchema("finance");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) as n from orders")) {
        assertEquals(List.of("N=5"), rows(rs).stream().map(r -> r.toUpperCase(Locale.ROOT)).toList());
      }
    }
  }

  @Test
  void aWriteIsRefusedWith25006AndTheConnectionGoesOn() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("delete from exports.orders"));
      assertEquals("25006", e.getSQLState(), e.getMessage());
      assertEquals("25006", assertThrows(SQLException.class,
          () -> c.prepareStatement("insert into exports.orders (order_id) values (?)")).getSQLState());
      try (ResultSet rs = s.executeQuery("select count(*) from exports.orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    }
  }

  @Test
  void errorsAreOneLineAndNeverQuoteTheStoresStatementOrItsInternalTables() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("select * from on finance.orders"));
      assertEquals("42601", syntax.getSQLState(), syntax.getMessage());
      assertTrue(syntax.getMessage().contains("syntax error at or near \"on\" at line 1, column 15"), syntax.getMessage());
      assertFalse(syntax.getMessage().contains("\n") || syntax.getMessage().contains("Was expecting"), syntax.getMessage());
      SQLException store = assertThrows(SQLException.class,
          () -> s.executeQuery("select order_id from finance.orders tablesample bernoulli(50)"));
      List<String> sent = new ArrayList<>(List.of(store.getMessage()));
      if (store instanceof org.apache.calcite.avatica.AvaticaSqlException remote) {
        sent.addAll(remote.getStackTraces());
      }
      for (String text : sent) {
        assertFalse(text.contains("_facts") || text.contains("While executing SQL ["), text);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next(), "the connection goes on");
      }
    }
  }

  @Test
  void sessionStatementsOfThePostgresqlPortGetItsAnswersOrAClearRefusal() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      for (String temp : List.of("CREATE TEMP TABLE t (x int)", "create temporary table t as select 1 as x",
          "SELECT order_id INTO TEMP t FROM exports.orders")) {
        assertEquals("25006", assertThrows(SQLException.class, () -> s.execute(temp), temp).getSQLState(), temp);
      }
      for (String cursor : List.of("DECLARE c CURSOR WITH HOLD FOR select 1", "FETCH 10 FROM c", "MOVE 1 IN c", "CLOSE c",
          "CLOSE ALL")) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(cursor), cursor);
        assertEquals("0A000", e.getSQLState(), cursor);
        assertTrue(e.getMessage().contains("not supported over Avatica"), e.getMessage());
      }
      assertFalse(s.execute("DISCARD ALL"), "DISCARD ALL has nothing to drop and succeeds");
      try (ResultSet rs = s.executeQuery("select count(*) from exports.orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    }
  }

  @Test
  void aConnectionTheServerNoLongerKnowsIsReopenedByTheThinDriver(@TempDir Path own) throws Exception {
    server = start(own, 0);
    try (Connection c = connect("alice", "s3cret")) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
      }
      // what an expired idle connection, a restart or a load balancer switching servers looks like to the client
      int port = server.port();
      server.close();
      server = start(own, port);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    }
  }
}
