package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.marketingsql.testing.IsolatedHome;

/**
 * When the answers to an extended query reach the client: as PostgreSQL sends them, at the Sync or Flush that follows
 * Parse, Bind, Describe and Execute, in one piece rather than one message at a time; a result larger than the flush
 * size still streams before the Sync.
 */
@ExtendWith(IsolatedHome.class)
class ExtendedQueryAnswersTest {
  /** How long the client waits to be sure the server sent nothing: ample for a statement over 3,000 orders. */
  private static final int QUIET_MILLIS = 1_500;
  private static final int ORDERS = 3_000;
  @TempDir
  static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.bigOrders(temp, ORDERS, PgLimits.defaults());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static RawPgClient loggedIn() throws Exception {
    RawPgClient client = server.raw(60_000);
    assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
    return client;
  }

  private static byte[] describePortal(String portal) {
    ByteBuffer b = ByteBuffer.allocate(100).put((byte) 'P').put(RawPgClient.cstring(portal));
    return RawPgClient.typed('D', Arrays.copyOf(b.array(), b.position()));
  }

  private static byte[] execute(String portal, int maxRows) {
    ByteBuffer b = ByteBuffer.allocate(100).put(RawPgClient.cstring(portal)).putInt(maxRows);
    return RawPgClient.typed('E', Arrays.copyOf(b.array(), b.position()));
  }

  private static byte[] concat(byte[]... messages) {
    ByteBuffer b = ByteBuffer.allocate(Arrays.stream(messages).mapToInt(m -> m.length).sum());
    for (byte[] m : messages) {
      b.put(m);
    }
    return b.array();
  }

  /** Fails when a message arrives within {@link #QUIET_MILLIS}; the client waits as before afterwards. */
  private static void assertNothingArrives(RawPgClient client) throws IOException {
    client.socket().setSoTimeout(QUIET_MILLIS);
    try {
      assertThrows(SocketTimeoutException.class, client::read, "an answer was sent before the client asked for it");
    } finally {
      client.socket().setSoTimeout(60_000);
    }
  }

  private static String types(List<Message> messages) {
    StringBuilder s = new StringBuilder();
    messages.forEach(m -> s.append(m.type()));
    return s.toString();
  }

  @Test
  void theAnswersToParseBindDescribeAndExecuteWaitForTheSyncAndThenArriveInOrder() throws Exception {
    try (RawPgClient client = loggedIn()) {
      client.send(concat(PgHostileClientsTest.parse("", "select count(*) as n from finance.orders"),
          PgHostileClientsTest.bind("", ""), describePortal(""), execute("", 0)));
      assertNothingArrives(client);
      client.send(RawPgClient.typed('S', new byte[0]));
      List<Message> answers = client.untilReady();
      assertEquals("12TDCZ", types(answers), answers.toString());
      byte[] row = answers.get(3).body(); // one column: its count, length, then the value as text
      assertEquals(String.valueOf(ORDERS), new String(row, 6, row.length - 6, StandardCharsets.UTF_8));
    }
  }

  @Test
  void aFlushSendsTheAnswersSoFarWithoutEndingTheStatement() throws Exception {
    try (RawPgClient client = loggedIn()) {
      client.send(concat(PgHostileClientsTest.parse("s", "select order_id from finance.orders"),
          PgHostileClientsTest.bind("", "s"), RawPgClient.typed('H', new byte[0])));
      assertEquals('1', client.read().type());
      assertEquals('2', client.read().type());
      assertNothingArrives(client); // no ReadyForQuery: the statement's portal is still open
      client.send(concat(execute("", 5), RawPgClient.typed('S', new byte[0])));
      assertEquals("DDDDDsZ", types(client.untilReady()));
    }
  }

  @Test
  void aResultLargerThanTheFlushSizeStreamsBeforeTheSync() throws Exception {
    try (RawPgClient client = loggedIn()) {
      // about 3,000 rows of 60 bytes: several flushes' worth, sent while the statement runs, before any Sync
      client.send(concat(PgHostileClientsTest.parse("", "select order_id, customer_id, order_date, amount from finance.orders"),
          PgHostileClientsTest.bind("", ""), execute("", 0)));
      List<Message> beforeSync = new ArrayList<>();
      beforeSync.add(client.read());
      beforeSync.add(client.read());
      for (int i = 0; i < 100; i++) {
        beforeSync.add(client.read());
      }
      assertEquals("12" + "D".repeat(100), types(beforeSync));
      client.send(RawPgClient.typed('S', new byte[0]));
      List<Message> rest = client.untilReady();
      assertEquals(ORDERS - 100, rest.stream().filter(m -> m.type() == 'D').count());
      assertEquals("CZ", types(rest.subList(rest.size() - 2, rest.size())));
    }
  }

  @Test
  void anErrorInAnExtendedQueryArrivesWithTheSyncThatEndsIt() throws Exception {
    try (RawPgClient client = loggedIn()) {
      client.send(concat(PgHostileClientsTest.parse("", "select nope from finance.orders"),
          PgHostileClientsTest.bind("", ""), execute("", 0)));
      assertNothingArrives(client);
      client.send(RawPgClient.typed('S', new byte[0]));
      List<Message> answers = client.untilReady();
      assertEquals("12EZ", types(answers), answers.toString());
      assertEquals("42703", answers.get(2).field('C'), answers.toString());
    }
  }
}
