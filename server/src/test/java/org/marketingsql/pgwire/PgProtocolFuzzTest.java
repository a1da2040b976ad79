package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.marketingsql.testing.IsolatedHome;

/**
 * Mutated, truncated and oversized frames from a seeded generator: startup, SASL and the extended protocol
 * (Parse, Bind, Describe, Execute, Close, Flush, Sync) and simple queries. Whatever arrives, a normal
 * client (pgJDBC) is still answered, every connection's slot comes back, and the heap the server keeps
 * after a full collection grows by less than {@link #HEAP_BOUND_BYTES}.
 *
 * <p>The default run, the build's, makes {@code 1000} cases (about 400 before login and 600 after, every frame kind
 * several times over); {@code -Dmarketingsql.fuzz.cases=100000} for a long run, {@code -Dmarketingsql.fuzz.seed=N}
 * to replay another sequence.
 */
@ExtendWith(IsolatedHome.class)
class PgProtocolFuzzTest {
  private static final int CASES = Integer.getInteger("marketingsql.fuzz.cases", 1000);
  private static final long SEED = Long.getLong("marketingsql.fuzz.seed", 20261206L);
  /** What the server may keep after every case has ended: caches filled, no connection's bytes. */
  private static final long HEAP_BOUND_BYTES = 96L * 1024 * 1024;
  /**
   * How long a client that reads the server's answer before login waits for one more message: the server answers a
   * frame at once or waits for more bytes, so a short silence tells (each wait is paid by a tenth of the cases).
   */
  private static final int PRE_LOGIN_SILENCE_MILLIS = 100;
  private static final List<String> SQL = List.of("select 1", "select $1", "select $1, $2", "values (1, 'a')",
      "show statement_timeout", "select count(*) from finance.orders", "select * from finance.orders where order_id = $1",
      "", "begin", "commit", "set statement_timeout = 100", "select 'abc' ~ $1", "select nonsense from", "delete from x",
      "PREPARE f AS select 1", "EXECUTE f", "select 1/0", "select cast($1 as integer)");
  @TempDir
  Path temp;
  TestServer server;
  private final Stats stats = new Stats();

  /** What the cases led to, printed at the end so a long run says what it covered. */
  private static final class Stats {
    int preLogin;
    int postLogin;
    int errors;
    int ready;
    int logins;
    int closedByServer;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void thousandsOfMutatedTruncatedAndOversizedFramesLeaveTheServerAnsweringANormalClientWithinItsHeap() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxMessageBytes(1024 * 1024));
    // the store's first load, untimed: a busy machine may take longer than a normal answer's 20 s for it
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from finance.orders").close();
    }
    assertNormalClientIsAnswered();
    long heapBefore = heapAfterFullGc();
    long start = System.nanoTime();
    Random random = new Random(SEED);
    RawPgClient session = null;
    try {
      for (int i = 1; i <= CASES; i++) {
        if (random.nextInt(10) < 4) {
          preLogin(random);
        } else {
          session = postLogin(random, session);
        }
        if (i % 1000 == 0) {
          assertNormalClientIsAnswered();
        }
      }
    } finally {
      if (session != null) {
        session.close();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertNormalClientIsAnswered();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.server.connections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, server.server.connections(), "every fuzzed connection gave its slot back");
    long grown = heapAfterFullGc() - heapBefore;
    System.out.printf("fuzz: seed %d, %d cases in %d ms: %d before login, %d after (%d logins); %d errors,"
        + " %d ReadyForQuery, %d closed by the server; heap grew %d KiB%n", SEED, CASES, millis, stats.preLogin,
        stats.postLogin, stats.logins, stats.errors, stats.ready, stats.closedByServer, grown / 1024);
    assertTrue(grown < HEAP_BOUND_BYTES, "the heap grew by " + grown / 1024 / 1024 + " MiB");
  }

  private void assertNormalClientIsAnswered() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try (Connection c = server.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    });
  }

  private static long heapAfterFullGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  // ---- before login: a new connection per case ----

  private void preLogin(Random r) throws IOException {
    stats.preLogin++;
    byte[] startup = RawPgClient.startupMessage(r.nextInt(8) == 0 ? "mallory" : "alice");
    byte[] bytes = switch (r.nextInt(8)) {
      case 0 -> randomBytes(r, r.nextInt(64));
      case 1 -> mutate(r, startup);
      case 2 -> ByteBuffer.allocate(8 + r.nextInt(32)).putInt(oversized(r)).putInt(196608).array();
      case 3 -> concat(RawPgClient.untyped(ByteBuffer.allocate(4).putInt(80877103 + r.nextInt(3) - 1).array()),
          r.nextBoolean() ? startup : randomBytes(r, r.nextInt(32)));
      case 4 -> concat(startup, mutate(r, saslInitial()));
      case 5 -> concat(startup, saslInitial(), mutate(r, RawPgClient.typed('p', randomBytes(r, r.nextInt(200)))));
      case 6 -> concat(startup, ByteBuffer.allocate(5).put((byte) 'p').putInt(oversized(r)).array());
      default -> Arrays.copyOf(concat(startup, saslInitial()), r.nextInt(startup.length + 20));
    };
    try (RawPgClient client = server.raw(PRE_LOGIN_SILENCE_MILLIS)) {
      client.send(bytes);
      if (r.nextInt(10) == 0) {
        drain(client);
      }
    } catch (IOException e) {
      // the server may close first; what matters is that it goes on answering others
    }
  }

  private static byte[] saslInitial() {
    byte[] first = "n,,n=,r=fuzzfuzzfuzz".getBytes(StandardCharsets.UTF_8);
    return RawPgClient.typed('p', concat(RawPgClient.cstring("SCRAM-SHA-256"), ByteBuffer.allocate(4).putInt(first.length).array(), first));
  }

  /** Reads until the server closes or is silent for the socket timeout. */
  private void drain(RawPgClient client) throws IOException {
    try {
      Message m;
      while ((m = client.read()) != null) {
        if (m.type() == 'E') {
          stats.errors++;
        }
      }
      stats.closedByServer++;
    } catch (SocketTimeoutException e) {
      // waiting for more: the client leaves
    }
  }

  // ---- after login: one session, logged in again when the server ends it ----

  private RawPgClient postLogin(Random r, RawPgClient session) throws IOException {
    stats.postLogin++;
    if (session == null) {
      session = server.raw(30_000);
      stats.logins++;
      List<Message> got = session.login("alice", "s3cret");
      assertTrue(RawPgClient.readyIn(got), got.toString());
    }
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    int frames = 1 + r.nextInt(4);
    boolean truncated = false;
    for (int i = 0; i < frames && !truncated; i++) {
      byte[] frame = frame(r);
      int dice = r.nextInt(100);
      if (dice < 25) {
        frame = mutateBody(r, frame);
      } else if (dice < 26) {
        ByteBuffer.wrap(frame).putInt(1, oversized(r)); // announced longer than the limit
      } else if (dice < 27 && r.nextBoolean()) {
        frame = Arrays.copyOf(frame, r.nextInt(frame.length)); // the client leaves in the middle of a frame
        truncated = true;
      }
      batch.writeBytes(frame);
    }
    try {
      if (truncated) {
        session.send(batch.toByteArray());
        session.close();
        return null;
      }
      // Sync, then a question answered locally whose column name says that everything before it was answered;
      // a ROLLBACK first, since a fuzzed BEGIN followed by an error leaves a failed block that refuses the rest
      String marker = "fuzz" + stats.postLogin;
      batch.writeBytes(RawPgClient.typed('S', new byte[0]));
      batch.writeBytes(RawPgClient.typed('Q', RawPgClient.cstring("rollback")));
      batch.writeBytes(RawPgClient.typed('Q', RawPgClient.cstring("select current_user as " + marker)));
      session.send(batch.toByteArray());
      boolean markerSeen = false;
      while (true) {
        Message m = session.read();
        if (m == null) {
          stats.closedByServer++;
          session.close();
          return null;
        }
        if (m.type() == 'E') {
          stats.errors++;
        } else if (m.type() == 'T' && new String(m.body(), 2, marker.length(), StandardCharsets.UTF_8).equals(marker)) {
          markerSeen = true;
        } else if (m.type() == 'Z') {
          stats.ready++;
          if (markerSeen) {
            return session;
          }
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within 30 s after " + HexFormat.of().formatHex(batch.toByteArray()), e);
    } catch (IOException e) {
      stats.closedByServer++; // e.g. reset after an oversized frame
      session.close();
      return null;
    }
  }

  /** One well-framed extended-protocol or simple-query message with random but plausible fields. */
  private static byte[] frame(Random r) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    String name = r.nextBoolean() ? "" : "n" + r.nextInt(4);
    char type;
    switch (r.nextInt(9)) {
      case 0 -> {
        type = 'P';
        b.writeBytes(RawPgClient.cstring(name));
        b.writeBytes(RawPgClient.cstring(SQL.get(r.nextInt(SQL.size()))));
        int n = r.nextInt(3);
        b.writeBytes(shortBytes(n));
        for (int i = 0; i < n; i++) {
          b.writeBytes(ByteBuffer.allocate(4).putInt(r.nextBoolean() ? 0 : new int[] {16, 20, 23, 25, 1082, 1700, 1009}[r.nextInt(7)]).array());
        }
      }
      case 1 -> {
        type = 'B';
        b.writeBytes(RawPgClient.cstring(r.nextBoolean() ? "" : "p" + r.nextInt(3)));
        b.writeBytes(RawPgClient.cstring(name));
        int formats = r.nextInt(3);
        b.writeBytes(shortBytes(formats));
        for (int i = 0; i < formats; i++) {
          b.writeBytes(shortBytes(r.nextInt(3)));
        }
        int params = r.nextInt(3);
        b.writeBytes(shortBytes(params));
        for (int i = 0; i < params; i++) {
          if (r.nextInt(5) == 0) {
            b.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
          } else {
            byte[] value = r.nextBoolean() ? String.valueOf(r.nextInt()).getBytes(StandardCharsets.UTF_8) : randomBytes(r, r.nextInt(12));
            b.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
            b.writeBytes(value);
          }
        }
        int results = r.nextInt(3);
        b.writeBytes(shortBytes(results));
        for (int i = 0; i < results; i++) {
          b.writeBytes(shortBytes(r.nextInt(2)));
        }
      }
      case 2 -> {
        type = 'D';
        b.write(r.nextBoolean() ? 'S' : r.nextInt(5) == 0 ? 'X' : 'P');
        b.writeBytes(RawPgClient.cstring(r.nextBoolean() ? name : "p" + r.nextInt(3)));
      }
      case 3 -> {
        type = 'E';
        b.writeBytes(RawPgClient.cstring(r.nextBoolean() ? "" : "p" + r.nextInt(3)));
        b.writeBytes(ByteBuffer.allocate(4).putInt(r.nextInt(4) - 1).array());
      }
      case 4 -> {
        type = 'C';
        b.write(r.nextBoolean() ? 'S' : 'P');
        b.writeBytes(RawPgClient.cstring(name));
      }
      case 5 -> type = r.nextBoolean() ? 'H' : 'S';
      case 6 -> {
        type = 'Q';
        b.writeBytes(RawPgClient.cstring(SQL.get(r.nextInt(SQL.size())).replace("$1", "'1'").replace("$2", "2")));
      }
      case 7 -> {
        type = (char) r.nextInt(128); // any type byte, known or not
        b.writeBytes(randomBytes(r, r.nextInt(16)));
      }
      default -> {
        type = 'p'; // a login message after login
        b.writeBytes(randomBytes(r, r.nextInt(16)));
      }
    }
    if (type == 'X') {
      type = 'H'; // Terminate would only end the session, which other cases do
    }
    return RawPgClient.typed(type, b.toByteArray());
  }

  // ---- mutations ----

  /** A few random edits anywhere, length words included. */
  private static byte[] mutate(Random r, byte[] in) {
    byte[] out = in.clone();
    for (int edits = 1 + r.nextInt(3); edits > 0 && out.length > 0; edits--) {
      int at = r.nextInt(out.length);
      switch (r.nextInt(4)) {
        case 0 -> out[at] = (byte) r.nextInt(256);
        case 1 -> out[at] = 0;
        case 2 -> out = Arrays.copyOf(out, at); // truncated
        default -> out = concat(Arrays.copyOf(out, at), randomBytes(r, 1 + r.nextInt(8)), Arrays.copyOfRange(out, at, out.length));
      }
    }
    return out;
  }

  /** Edits within the body of a typed frame, its length word set again: well framed, nonsense inside. */
  private static byte[] mutateBody(Random r, byte[] frame) {
    byte[] body = Arrays.copyOfRange(frame, 5, frame.length);
    byte[] edited = body.length == 0 ? randomBytes(r, r.nextInt(8)) : mutate(r, body);
    return RawPgClient.typed((char) frame[0], edited);
  }

  private static int oversized(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> 64 * 1024 * 1024;
      case 1 -> Integer.MAX_VALUE;
      case 2 -> -r.nextInt(Integer.MAX_VALUE);
      default -> 1024 * 1024 + 1 + r.nextInt(1 << 20);
    };
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] shortBytes(int v) {
    return ByteBuffer.allocate(2).putShort((short) v).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
