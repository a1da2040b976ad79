package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;

/** DECLARE, FETCH, MOVE and CLOSE as BI tools and drivers send them, over both query protocols. */
class CursorsTest {
  private static final String ORDERS = "select order_id from exports.orders order by order_id";
  private static final List<String> ALL = List.of("o1", "o2", "o3", "o4", "o5");
  /** The finance server of the tests that need no limit or rows of their own; its home is the class's. */
  @RegisterExtension
  static final ClassServer finance = ClassServer.finance(TestServer.ALICE, TestServer.FIN);
  @TempDir
  Path temp;
  /** A server of the test's own, with its own exports or limits. */
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<String> strings(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(1));
    }
    rs.close();
    return out;
  }

  private static String state(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
  }

  @Test
  void declareReadsItsOptionsAndFoldsAnUnquotedName() throws Exception {
    assertEquals(new Cursors.Declaration("sql_cur1", true, false, true, "SELECT 1"),
        Cursors.declaration("DECLARE SQL_CUR1 BINARY INSENSITIVE NO SCROLL CURSOR WITH HOLD FOR SELECT 1"));
    assertEquals(new Cursors.Declaration("s", false, true, false, "SELECT 1"),
        Cursors.declaration("DECLARE s SCROLL CURSOR FOR SELECT 1"));
    assertEquals(new Cursors.Declaration("Quoted \"x\"", false, false, false, "select 'a;b'"),
        Cursors.declaration("declare \"Quoted \"\"x\"\"\" cursor without hold for select 'a;b' /* c */"));
    assertEquals("42601", assertThrows(PgException.class, () -> Cursors.declaration("DECLARE c CURSOR select 1")).sqlState());
  }

  @Test
  void fetchAndMoveReadEveryDirectionPostgresqlHas() throws Exception {
    record Case(String sql, Cursors.Direction.Kind kind, long count, boolean all) {
    }
    var forward = Cursors.Direction.Kind.FORWARD;
    var backward = Cursors.Direction.Kind.BACKWARD;
    for (Case c : List.of(new Case("FETCH c", forward, 1, false), new Case("FETCH NEXT FROM c", forward, 1, false),
        new Case("FETCH 2048 IN c", forward, 2048, false), new Case("FETCH FORWARD 100 FROM c", forward, 100, false),
        new Case("FETCH FORWARD ALL FROM c", forward, 0, true), new Case("FETCH ALL c", forward, 0, true),
        new Case("FETCH FORWARD FROM c", forward, 1, false), new Case("FETCH -3 FROM c", backward, 3, false),
        new Case("FETCH FORWARD -2 FROM c", backward, 2, false), new Case("MOVE BACKWARD ALL IN c", backward, 0, true),
        new Case("FETCH PRIOR FROM c", backward, 1, false), new Case("FETCH LAST FROM c", Cursors.Direction.Kind.ABSOLUTE, -1, false),
        new Case("FETCH RELATIVE 0 FROM c", Cursors.Direction.Kind.RELATIVE, 0, false))) {
      Cursors.Fetch f = Cursors.fetch(c.sql());
      assertEquals(new Cursors.Direction(c.kind(), c.count(), c.all()), f.direction(), c.sql());
      assertEquals("c", f.cursor());
      assertEquals(c.sql().startsWith("MOVE"), f.move());
    }
    assertEquals("42601", assertThrows(PgException.class, () -> Cursors.fetch("FETCH 1 FROM")).sqlState());
  }

  @Test
  void pgJdbcWithAFetchSizeInsideATransactionReadsEveryRowThroughSuspendedPortals() throws Exception {
    try (Connection c = finance.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2);
        assertEquals(ALL, strings(s.executeQuery(ORDERS)));
      }
      c.commit();
    }
  }

  @Test
  void pgJdbcDeclaresFetchesInBatchesMovesAndClosesACursorInsideATransaction() throws Exception {
    try (Connection c = finance.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("DECLARE MyCursor NO SCROLL CURSOR WITHOUT HOLD FOR " + ORDERS);
      assertEquals(List.of("o1", "o2"), strings(s.executeQuery("FETCH 2 FROM mycursor")));
      try (PreparedStatement next = c.prepareStatement("FETCH NEXT IN MYCURSOR")) {
        assertEquals(List.of("o3"), strings(next.executeQuery()));
      }
      s.execute("MOVE FORWARD 1 IN mycursor");
      assertEquals(1, s.getUpdateCount(), "MOVE 1's count");
      assertEquals(List.of("o5"), strings(s.executeQuery("FETCH FORWARD ALL FROM mycursor")));
      assertEquals(List.of(), strings(s.executeQuery("FETCH NEXT FROM mycursor")));
      assertEquals("34000", state(s, "FETCH 1 FROM \"MyCursor\""), "a quoted name is not folded");
      c.rollback();
      s.execute("DECLARE mycursor CURSOR FOR " + ORDERS);
      s.execute("CLOSE mycursor");
      assertEquals("34000", state(s, "CLOSE mycursor"));
      c.commit();
    }
  }

  @Test
  void aCursorWithoutHoldEndsWithItsTransactionAndOneWithHoldOutlivesCommitButNotTheRollbackOfItsBlock() throws Exception {
    try (Connection c = finance.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("DECLARE plain CURSOR FOR " + ORDERS);
      s.execute("DECLARE kept CURSOR WITH HOLD FOR " + ORDERS);
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH FROM kept")));
      c.commit();
      assertEquals(List.of("o2", "o3"), strings(s.executeQuery("FETCH 2 FROM kept")));
      assertEquals("34000", state(s, "FETCH 1 FROM plain"));
      c.rollback();
      s.execute("DECLARE undone CURSOR WITH HOLD FOR " + ORDERS);
      c.rollback();
      assertEquals("34000", state(s, "FETCH 1 FROM undone"));
      c.rollback();
      assertEquals(List.of("o4", "o5"), strings(s.executeQuery("FETCH ALL FROM kept")));
      s.execute("CLOSE ALL");
      assertEquals("34000", state(s, "FETCH 1 FROM kept"));
    }
  }

  @Test
  void cursorStatementsFailWithPostgresqlsSqlstates() throws Exception {
    try (Connection c = finance.connect(); Statement s = c.createStatement()) {
      assertEquals("25P01", state(s, "DECLARE c CURSOR FOR " + ORDERS), "without HOLD outside a transaction block");
      assertEquals("34000", state(s, "FETCH 1 FROM nowhere"));
      assertEquals("34000", state(s, "MOVE 1 IN nowhere"));
      assertEquals("34000", state(s, "CLOSE nowhere"));
      s.execute("DECLARE c CURSOR WITH HOLD FOR " + ORDERS);
      assertEquals("42P03", state(s, "DECLARE C CURSOR WITH HOLD FOR " + ORDERS));
      assertEquals("55000", state(s, "FETCH BACKWARD 1 FROM c"), "backward before any row");
      assertEquals(List.of("o1", "o2"), strings(s.executeQuery("FETCH 2 FROM c")));
      for (String backward : List.of("FETCH PRIOR FROM c", "FETCH FIRST FROM c", "FETCH ABSOLUTE 1 FROM c", "FETCH LAST FROM c",
          "FETCH RELATIVE -1 FROM c", "FETCH -1 FROM c", "FETCH BACKWARD ALL FROM c", "MOVE BACKWARD 1 IN c", "FETCH 0 FROM c")) {
        assertEquals("55000", state(s, backward), backward);
      }
      assertEquals(List.of("o4"), strings(s.executeQuery("FETCH ABSOLUTE 4 FROM c")), "ABSOLUTE forward skips ahead");
      assertEquals(List.of("o5"), strings(s.executeQuery("FETCH RELATIVE 1 FROM c")));
      s.execute("DECLARE n NO SCROLL CURSOR WITH HOLD FOR " + ORDERS);
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH NEXT FROM n")));
      SQLException noScroll = assertThrows(SQLException.class, () -> s.execute("FETCH PRIOR FROM n"));
      assertEquals("55000", noScroll.getSQLState());
      assertTrue(noScroll.getMessage().contains("cursor can only scan forward"), noScroll.getMessage());
      assertEquals("42601", state(s, "DECLARE w CURSOR WITH HOLD FOR DELETE FROM exports.orders"));
      assertEquals("42P01", state(s, "DECLARE m CURSOR WITH HOLD FOR select * from exports.no_such_table"),
          "the query fails as the same SELECT does");
      assertEquals("25006", state(s, "DECLARE t CURSOR WITH HOLD FOR select * into temp t from exports.orders"));
    }
  }

  @Test
  void aScrollCursorMovesBothWaysAsPostgresqlsDoes() throws Exception {
    try (Connection c = finance.connect(); Statement s = c.createStatement()) {
      s.execute("DECLARE s SCROLL CURSOR WITH HOLD FOR " + ORDERS);
      assertEquals(List.of(), strings(s.executeQuery("FETCH PRIOR FROM s")), "before the first row");
      assertEquals(List.of("o1", "o2"), strings(s.executeQuery("FETCH 2 FROM s")));
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH PRIOR FROM s")));
      assertEquals(List.of("o4"), strings(s.executeQuery("FETCH ABSOLUTE 4 FROM s")));
      assertEquals(List.of("o3", "o2"), strings(s.executeQuery("FETCH BACKWARD 2 FROM s")));
      assertEquals(List.of("o2"), strings(s.executeQuery("FETCH RELATIVE 0 FROM s")), "the current row again");
      assertEquals(List.of("o5"), strings(s.executeQuery("FETCH LAST FROM s")));
      assertEquals(List.of(), strings(s.executeQuery("FETCH NEXT FROM s")), "after the last row");
      assertEquals(List.of("o5"), strings(s.executeQuery("FETCH PRIOR FROM s")));
      s.execute("MOVE BACKWARD ALL IN s");
      assertEquals(4, s.getUpdateCount(), "MOVE BACKWARD ALL passes rows 4 to 1");
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH NEXT FROM s")));
      assertEquals(List.of("o3"), strings(s.executeQuery("FETCH RELATIVE 2 FROM s")));
      assertEquals(List.of("o4"), strings(s.executeQuery("FETCH ABSOLUTE -2 FROM s")));
      assertEquals(List.of("o3", "o2", "o1"), strings(s.executeQuery("FETCH -5 FROM s")));
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH FIRST FROM s")));
      assertEquals(List.of(), strings(s.executeQuery("FETCH ABSOLUTE 0 FROM s")));
      assertEquals(ALL, strings(s.executeQuery("FETCH FORWARD ALL FROM s")));
      assertEquals(List.of(), strings(s.executeQuery("FETCH ABSOLUTE 9 FROM s")));
      assertEquals(List.of("o5", "o4"), strings(s.executeQuery("FETCH BACKWARD 2 FROM s")));
      s.execute("MOVE ABSOLUTE 1 IN s");
      assertEquals(1, s.getUpdateCount());
      assertEquals(List.of("o2"), strings(s.executeQuery("FETCH FROM s")));
      s.execute("CLOSE s");
    }
  }

  @Test
  void aBinaryScrollCursorSendsTheRowsItKeptInBinaryAgain() throws Exception {
    try (RawPgClient client = finance.raw(60_000)) {
      assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
      assertEquals("DECLARE CURSOR", tag(client.query("DECLARE b BINARY SCROLL CURSOR WITH HOLD FOR SELECT CAST(7 AS INTEGER) AS n")));
      for (String fetch : List.of("FETCH NEXT FROM b", "FETCH ABSOLUTE 1 FROM b")) {
        List<Message> rows = client.query(fetch);
        List<Message> data = rows.stream().filter(m -> m.type() == 'D').toList();
        assertEquals(1, data.size(), fetch + ": " + rows);
        ByteBuffer row = ByteBuffer.wrap(data.get(0).body());
        assertEquals(1, row.getShort());
        assertEquals(4, row.getInt(), "int4's binary form");
        assertEquals(7, row.getInt());
      }
    }
  }

  @Test
  void aScrollCursorThatWouldKeepMoreThanItsLimitFailsWith54000AndTheSessionGoesOn() throws Exception {
    // 2,000 orders crossed: 4 million rows, well beyond what a SCROLL cursor may keep
    server = TestServer.bigOrders(temp, 2_000, PgLimits.defaults());
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DECLARE big SCROLL CURSOR WITH HOLD FOR select a.order_id, b.order_id as other from finance.orders a, finance.orders b");
      assertEquals(List.of("o0"), strings(s.executeQuery("FETCH 1 FROM big")));
      SQLException e = assertThrows(SQLException.class, () -> s.execute("MOVE FORWARD ALL IN big"));
      assertEquals("54000", e.getSQLState());
      assertTrue(e.getMessage().contains("SCROLL cursor \"big\" would keep more than 64 MB"), e.getMessage());
      s.execute("CLOSE big");
      try (ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertEquals(2_000, rs.getInt(1));
      }
    }
  }

  @Test
  void pgCursorsListsTheSessionsOpenCursors() throws Exception {
    try (Connection c = finance.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("DECLARE kept SCROLL CURSOR WITH HOLD FOR " + ORDERS);
      s.execute("DECLARE plain BINARY CURSOR FOR " + ORDERS);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT name, statement, is_holdable, is_binary, is_scrollable, creation_time"
          + " FROM pg_cursors ORDER BY name")) {
        while (rs.next()) {
          assertTrue(rs.getTimestamp("creation_time") != null, "creation_time");
          rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3) + "|" + rs.getBoolean(4) + "|" + rs.getBoolean(5));
        }
      }
      assertEquals(List.of("kept|DECLARE kept SCROLL CURSOR WITH HOLD FOR " + ORDERS + "|true|false|true",
          "plain|DECLARE plain BINARY CURSOR FOR " + ORDERS + "|false|true|false"), rows);
      c.commit();
      assertEquals(List.of("kept"), strings(s.executeQuery("SELECT name FROM pg_catalog.pg_cursors")), "COMMIT closed plain");
      c.commit();
    }
  }

  @Test
  void aCancelRequestStopsAFetchFromACursorWith57014AndTheSessionGoesOn() throws Exception {
    server = TestServer.bigOrders(temp, 2_000, PgLimits.defaults());
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (RawPgClient client = server.raw(110_000)) {
        List<Message> login = client.login(TestServer.USER, TestServer.PASSWORD);
        assertTrue(RawPgClient.readyIn(login));
        ByteBuffer key = ByteBuffer.wrap(login.stream().filter(m -> m.type() == 'K').findFirst().orElseThrow().body());
        int pid = key.getInt();
        int secret = key.getInt();
        assertEquals("DECLARE CURSOR", tag(client.query("DECLARE huge CURSOR WITH HOLD FOR select a.order_id, b.order_id as other "
            + "from finance.orders a, finance.orders b")));
        client.send(RawPgClient.typed('Q', RawPgClient.cstring("FETCH ALL FROM huge")));
        long rows = 0;
        List<Message> others = new ArrayList<>();
        boolean cancelled = false;
        while (true) {
          Message m = client.read();
          assertTrue(m != null, "the server closed the connection");
          if (m.type() == 'D') {
            if (++rows == 10_000 && !cancelled) {
              cancelled = true;
              try (RawPgClient canceller = server.raw(10_000)) {
                canceller.send(RawPgClient.untyped(ByteBuffer.allocate(12).putInt(80877102).putInt(pid).putInt(secret).array()));
              }
            }
            continue;
          }
          others.add(m);
          if (m.type() == 'Z') {
            break;
          }
        }
        assertEquals("57014", RawPgClient.errorState(others), others.toString());
        assertTrue(rows < 4_000_000, rows + " rows");
        assertEquals("CLOSE CURSOR", tag(client.query("CLOSE huge")));
        assertEquals(1, texts(client.query("SELECT 1"), 'D').size());
      }
    });
  }

  @Test
  void aCursorsQueryIsCheckedByTheSameAccessPolicyAsAnyOtherQuery() throws Exception {
    try (Connection c = finance.connect(TestServer.FIN.user(), TestServer.FIN.password()); Statement s = c.createStatement()) {
      assertEquals("42501", state(s, "DECLARE c CURSOR WITH HOLD FOR select * from exports.orders"));
      assertEquals("42501", state(s, "DECLARE c CURSOR WITH HOLD FOR select * from finance.orders o join exports.orders e "
          + "on o.order_id = e.order_id"));
      s.execute("DECLARE c CURSOR WITH HOLD FOR select order_id from finance.orders order by order_id");
      assertEquals(List.of("o1"), strings(s.executeQuery("FETCH 1 FROM c")));
    }
  }

  @Test
  void openCursorsCountAgainstThePortalLimit() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxPortals(2));
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("DECLARE a CURSOR WITH HOLD FOR " + ORDERS);
      s.execute("DECLARE b CURSOR WITH HOLD FOR " + ORDERS);
      assertEquals("54000", state(s, "DECLARE x CURSOR WITH HOLD FOR " + ORDERS));
      s.execute("CLOSE a");
      s.execute("DECLARE x CURSOR WITH HOLD FOR " + ORDERS);
    }
  }

  private static List<String> texts(List<Message> messages, char type) {
    return messages.stream().filter(m -> m.type() == type).map(m -> new String(m.body(), StandardCharsets.UTF_8)).toList();
  }

  private static String tag(List<Message> messages) {
    List<String> tags = texts(messages, 'C');
    return tags.isEmpty() ? null : tags.get(tags.size() - 1).replace("\0", "");
  }

  private static char status(List<Message> messages) {
    Message z = messages.get(messages.size() - 1);
    assertEquals('Z', z.type(), messages.toString());
    return (char) z.body()[0];
  }

  @Test
  void tableausDeclareWithHoldFetchAndCloseSequenceWorksOverTheSimpleQueryProtocol() throws Exception {
    try (RawPgClient client = finance.raw(60_000)) {
      assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
      List<Message> declared = client.query("DECLARE \"SQL_CUR0x7f3a\" CURSOR WITH HOLD FOR SELECT \"orders\".\"order_id\" AS "
          + "\"order_id\" FROM \"exports\".\"orders\" \"orders\" ORDER BY 1");
      assertEquals("DECLARE CURSOR", tag(declared), declared.toString());
      assertEquals('I', status(declared));
      List<Message> fetched = client.query("FETCH 2048 IN \"SQL_CUR0x7f3a\"");
      assertEquals(1, texts(fetched, 'T').size(), "one RowDescription");
      assertEquals(5, texts(fetched, 'D').size());
      assertEquals("FETCH 5", tag(fetched));
      assertEquals("FETCH 0", tag(client.query("FETCH 2048 IN \"SQL_CUR0x7f3a\"")));
      List<Message> closed = client.query("CLOSE \"SQL_CUR0x7f3a\"");
      assertEquals("CLOSE CURSOR", tag(closed));
      assertEquals('I', status(closed));
      assertEquals("34000", RawPgClient.errorState(client.query("FETCH 1 IN \"SQL_CUR0x7f3a\"")));
    }
  }

  private static long heapUsed() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return r.totalMemory() - r.freeMemory();
  }

  @Test
  void aCursorOverFourMillionRowsReturnsItsFirstRowsAndMovesThroughThemWithoutHoldingTheResultInMemory() throws Exception {
    // 2,000 orders joined with themselves: 4 million rows, over 400 MB as Java strings if the server kept them
    server = TestServer.bigOrders(temp, 2_000, PgLimits.defaults());
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (RawPgClient client = server.raw(110_000)) {
        assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
        long before = heapUsed();
        long start = System.nanoTime();
        List<Message> declared = client.query("DECLARE huge CURSOR WITH HOLD FOR select a.order_id, b.order_id as other "
            + "from finance.orders a, finance.orders b");
        assertEquals("DECLARE CURSOR", tag(declared), declared.toString());
        List<Message> first = client.query("FETCH 3 FROM huge");
        assertEquals(3, texts(first, 'D').size(), first.toString());
        long firstRows = (System.nanoTime() - start) / 1_000_000;
        assertEquals("MOVE 100000", tag(client.query("MOVE FORWARD 100000 IN huge")));
        assertEquals("FETCH 1", tag(client.query("FETCH NEXT FROM huge")));
        long grown = heapUsed() - before;
        System.out.printf("a cursor over 4 million rows: first rows after %d ms, heap grown by %d MB after 100,004 rows%n",
            firstRows, grown / (1024 * 1024));
        assertTrue(grown < 64L * 1024 * 1024, "the heap grew by " + grown / (1024 * 1024) + " MB while the cursor was open");
        assertEquals("CLOSE CURSOR", tag(client.query("CLOSE huge")));
      }
    });
  }

  @Test
  void cursorStatementsWorkOverTheExtendedProtocolAndDescribeAFetchAsItsCursorsColumns() throws Exception {
    try (Connection c = finance.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("DECLARE ext CURSOR FOR select order_id, amount from exports.orders order by order_id");
      }
      try (PreparedStatement fetch = c.prepareStatement("FETCH FORWARD 3 FROM ext")) {
        var md = fetch.getMetaData();
        assertEquals(2, md.getColumnCount());
        assertEquals("amount", md.getColumnName(2));
        try (ResultSet rs = fetch.executeQuery()) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          assertEquals(3, n);
        }
      }
      c.commit();
    }
  }
}
