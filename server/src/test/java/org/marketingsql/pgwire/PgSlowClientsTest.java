package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.marketingsql.testing.IsolatedHome;

/** A client that stops reading in the middle of a large result slows only itself. */
@ExtendWith(IsolatedHome.class)
class PgSlowClientsTest {
  private static final int STALLED = 20;
  /** 1,000 orders joined with themselves: a million rows, far more than the socket buffers hold. */
  private static final String ENDLESS = "select a.order_id, b.order_id as other, a.customer_id from finance.orders a, finance.orders b";
  @TempDir
  Path temp;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Duration loginAndQuery() throws Exception {
    long start = System.nanoTime();
    try (Connection c = server.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
      assertTrue(rs.next());
      assertEquals(1_000, rs.getInt(1));
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Logs in, starts the endless query, reads its first row and stops reading. */
  private RawPgClient stallInALargeResult() throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
    RawPgClient client = new RawPgClient(socket, 60_000);
    assertTrue(RawPgClient.readyIn(client.login("alice", "s3cret")));
    client.send(RawPgClient.typed('Q', RawPgClient.cstring(ENDLESS)));
    Message first = client.read();
    assertEquals('T', first.type(), first.toString());
    assertEquals('D', client.read().type()); // rows flow; from here on this client reads no more
    return client;
  }

  @Test
  void twentyClientsStoppedInTheMiddleOfALargeResultLeaveNewLoginsAndQueriesPrompt() throws Exception {
    server = TestServer.bigOrders(temp, 1_000, PgLimits.defaults());
    Duration alone = loginAndQuery();
    List<RawPgClient> stalled = new ArrayList<>();
    long begin = System.nanoTime();
    try {
      // the first login builds the store; then they log in and stall side by side, as real clients would
      stalled.add(stallInALargeResult());
      try (var setup = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<RawPgClient>> started = new ArrayList<>();
        for (int i = 1; i < STALLED; i++) {
          started.add(setup.submit(this::stallInALargeResult));
        }
        for (var f : started) {
          stalled.add(f.get(120, TimeUnit.SECONDS));
        }
      }
      System.out.printf("%d clients stalled in %d ms%n", STALLED, (System.nanoTime() - begin) / 1_000_000);
      Thread.sleep(1000); // every stalled session has filled its buffers by now and waits for its client
      // Were sessions to share a fixed pool of threads, each stalled client would hold one, and once the pool was
      // taken a login would wait forever: here a login takes what it takes on this machine, whatever else runs.
      Duration took = loginAndQuery();
      System.out.printf("with %d clients stalled a login and query took %d ms, before %d ms%n", STALLED, took.toMillis(),
          alone.toMillis());
      assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "a new login and query took " + took);
      assertTrue(server.server.openSessions() >= STALLED, "the stalled sessions are still there, waiting");
    } finally {
      for (RawPgClient client : stalled) {
        client.close();
      }
    }
    // each stalled session notices its client left, stops its statement and gives back its connection
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((server.server.openSessions() > 0 || server.server.connections() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, server.server.openSessions());
    assertEquals(0, server.server.connections());
  }
}
