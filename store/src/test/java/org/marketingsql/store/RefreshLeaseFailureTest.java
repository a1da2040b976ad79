package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/**
 * The refresh lease of a PostgreSQL store when things go wrong while a node refreshes: its lease session is
 * ended under it (it stops at once, not at its commit), and its machine vanishes from the network without a
 * word (another node takes over within the silence the server allows a lease session, here configured shorter
 * than the default 30 s through {@value RefreshLease#SILENCE_PROPERTY}, so the test need not wait half a minute).
 */
class RefreshLeaseFailureTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  /** The silence configured for the leases of the vanished-network test. */
  private static final Duration SILENCE = Duration.ofSeconds(8);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private String database;

  @AfterEach
  void close() throws Exception {
    System.clearProperty(RefreshLease.SILENCE_PROPERTY);
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** A new database with _marketing.spend holding 1 and 2, published by nobody yet. */
  private String newDatabase() throws SQLException {
    database = "lease_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    Store store = open(postgres.url(database));
    store.write("creating spend", h -> h.execute("CREATE TABLE \"_marketing\".\"spend\" (\"spend\" DECIMAL(18,6))"));
    store.write("first spend", h -> h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (1), (2)"));
    return postgres.url(database);
  }

  private Store open(String url) {
    Store store = Store.open(url, new StoreLogin(postgres.user(),
        Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password())));
    closing.add(store);
    return store;
  }

  private static String spend(Store store) {
    return store.read(h -> h.createQuery("SELECT COALESCE(SUM(\"spend\"), 0) FROM \"_marketing\".\"spend\"")
        .mapTo(BigDecimal.class).one()).stripTrailingZeros().toPlainString();
  }

  private static void replaceSpend(Store store, String amount) {
    store.write("replacing spend", h -> {
      h.execute("DELETE FROM \"_marketing\".\"spend\"");
      h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (" + new BigDecimal(amount) + ")");
      return null;
    });
  }

  /** Ends the refresh lease's session on the server, as an administrator or a broken network would. */
  private void terminateTheLeaseSession() throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name LIKE"
          + " 'marketing-sql refresher %' AND datname = '" + database + "'");
    }
  }

  private static Optional<RefreshLease> leadWithin(Store store, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    Optional<RefreshLease> lease = store.tryLeadRefresh();
    while (lease.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      lease = store.tryLeadRefresh();
    }
    return lease;
  }

  @Test
  void aRefreshWhoseLeaseEndsDuringALongStatementStopsAtOnceRollsBackAndTheNextLeaderPublishes() throws Exception {
    String url = newDatabase();
    Store node = open(url);
    Store otherNode = open(url);
    RefreshLease lease = node.tryLeadRefresh().orElseThrow();
    closing.add(lease);
    CountDownLatch sleeping = new CountDownLatch(1);
    CompletableFuture<Long> refresh = CompletableFuture.supplyAsync(() -> {
      StoreException lost = assertThrows(StoreException.class, () -> node.publish("refreshing", lease, () -> {
        replaceSpend(node, "40");
        node.write("a long statement", h -> {
          sleeping.countDown();
          return h.createQuery("SELECT pg_sleep(120)").mapTo(String.class).one();
        });
        return null;
      }));
      assertTrue(lost.getMessage().startsWith("lost the refresh lease to another node: the session of marketing-sql"
          + " refresher " + ProcessHandle.current().pid() + "@"), lost.getMessage());
      return System.nanoTime();
    });
    assertTrue(sleeping.await(30, TimeUnit.SECONDS));
    Thread.sleep(500);
    long terminated = System.nanoTime();
    terminateTheLeaseSession();
    long stopped = refresh.get(60, TimeUnit.SECONDS);
    long millis = (stopped - terminated) / 1_000_000;
    System.out.printf("lease ended during a long statement: the refresh stopped after %d ms%n", millis);
    assertTrue(millis < RefreshLease.HEARTBEAT.toMillis() + 3000,
        "the refresh stopped " + millis + " ms after its lease session ended");

    assertEquals("3", spend(otherNode), "the refresh that lost its lease published");
    Store.Published after = otherNode.published().orElseThrow();
    assertEquals(0, after.generation());
    assertTrue(after.failure().contains("lost the refresh lease to another node"), after.failure());
    try (Connection c = postgres.connection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%'"
            + " AND state = 'active' AND pid <> pg_backend_pid()")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the cancelled statement still runs on the server");
    }

    try (RefreshLease next = leadWithin(otherNode, Duration.ofSeconds(10)).orElseThrow()) {
      otherNode.publish("refreshing", next, () -> {
        replaceSpend(otherNode, "80");
        return null;
      });
    }
    assertEquals("80", spend(node));
    assertEquals(1, node.published().orElseThrow().generation());
  }

  @Test
  void aRefreshWhoseLeaseEndsBetweenItsStepsStopsAtTheNextStep() throws Exception {
    String url = newDatabase();
    Store node = open(url);
    RefreshLease lease = node.tryLeadRefresh().orElseThrow();
    closing.add(lease);
    AtomicInteger steps = new AtomicInteger();
    long[] terminatedAt = new long[1];
    StoreException lost = assertThrows(StoreException.class, () -> node.publish("refreshing", lease, () -> {
      for (int step = 0; step < 200; step++) { // 200 steps of 100 ms of work each: 20 s in all
        node.write("step", h -> h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (1)"));
        if (steps.incrementAndGet() == 5) {
          try {
            terminateTheLeaseSession();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          terminatedAt[0] = System.nanoTime();
        }
        try {
          Thread.sleep(100); // work on the node, between two statements
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return null;
    }));
    long millis = (System.nanoTime() - terminatedAt[0]) / 1_000_000;
    System.out.printf("lease ended between steps: the refresh stopped after %d ms and %d steps%n", millis, steps.get());
    assertTrue(lost.getMessage().startsWith("lost the refresh lease to another node"), lost.getMessage());
    assertTrue(steps.get() < 5 + 2 * RefreshLease.HEARTBEAT.toMillis() / 100 + 10, steps + " steps ran");
    assertTrue(millis < RefreshLease.HEARTBEAT.toMillis() + 3000, "stopped " + millis + " ms after the lease ended");
    assertEquals("3", spend(node));
  }

  @Test
  void aLeaseSilenceShorterThanThreeHeartbeatsIsRefusedNamingTheProperty() throws Exception {
    Store node = open(newDatabase());
    System.setProperty(RefreshLease.SILENCE_PROPERTY, "5");
    StoreException tooShort = assertThrows(StoreException.class, node::tryLeadRefresh);
    assertEquals("the system property marketingsql.refreshLease.silenceSeconds is 5 s, shorter than three heartbeats"
        + " of the refresh lease (6 s)", tooShort.getMessage());
    System.setProperty(RefreshLease.SILENCE_PROPERTY, "half a minute");
    assertTrue(assertThrows(StoreException.class, node::tryLeadRefresh).getMessage().contains("is half a minute, not a"
        + " whole number of seconds"));
    System.clearProperty(RefreshLease.SILENCE_PROPERTY);
    try (RefreshLease lease = node.tryLeadRefresh().orElseThrow()) {
      assertTrue(lease.isHeld());
    }
  }

  @Test
  void anotherNodeTakesTheLeaseOfANodeWhoseNetworkVanishedWithinTheConfiguredSilence() throws Exception {
    String url = newDatabase();
    System.setProperty(RefreshLease.SILENCE_PROPERTY, String.valueOf(SILENCE.toSeconds()));
    try (BlackHoleProxy proxy = new BlackHoleProxy(postgres.port())) {
      Store vanishing = open(url.replace(":" + postgres.port() + "/", ":" + proxy.port() + "/"));
      Store otherNode = open(url);
      RefreshLease lease = vanishing.tryLeadRefresh().orElseThrow();
      closing.add(lease);
      CountDownLatch written = new CountDownLatch(1);
      CompletableFuture<StoreException> refresh = CompletableFuture.supplyAsync(() -> assertThrows(
          StoreException.class, () -> vanishing.publish("refreshing", lease, () -> {
            replaceSpend(vanishing, "40");
            written.countDown();
            for (int step = 0; step < 1200; step++) { // a refresh of two minutes, in steps
              vanishing.write("step", h -> h.execute("SELECT 1"));
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            return null;
          })));
      assertTrue(written.await(30, TimeUnit.SECONDS));
      assertTrue(otherNode.tryLeadRefresh().isEmpty(), "two nodes lead at once");

      long vanished = System.nanoTime();
      proxy.blackHole(); // no FIN, no RST: packets simply stop arriving, both ways
      RefreshLease taken = leadWithin(otherNode, Duration.ofSeconds(90)).orElseThrow(
          () -> new AssertionError("no other node could lead within 90 s of the network's loss"));
      long tookOver = (System.nanoTime() - vanished) / 1_000_000;
      try (taken) {
        // the vanished node's publication may still hold its transaction open on the server: it is ended
        otherNode.publish("refreshing", taken, () -> {
          replaceSpend(otherNode, "80");
          return null;
        });
      }
      long published = (System.nanoTime() - vanished) / 1_000_000;
      System.out.printf("vanished node: lease taken over after %d ms, published after %d ms%n", tookOver, published);
      assertTrue(tookOver < SILENCE.toMillis() + 10_000, "taken over after " + tookOver + " ms");
      assertTrue(published < SILENCE.toMillis() + 20_000, "published after " + published + " ms");
      assertEquals("80", spend(otherNode));
      assertEquals(1, otherNode.published().orElseThrow().generation());

      // the vanished node, cut off, stopped its refresh as soon as its heartbeat went unanswered
      StoreException lost = refresh.get(60, TimeUnit.SECONDS);
      assertTrue(lost.getMessage().startsWith("lost the refresh lease to another node"), lost.getMessage());
    }
  }

  /**
   * A TCP proxy to a local port that can stop forwarding without closing anything, as a network that vanished:
   * from then on what each side sends is read and thrown away, and neither side hears from the other again.
   */
  static final class BlackHoleProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean blackHole;

    BlackHoleProxy(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accepting = new Thread(this::accept, "black-hole proxy to port " + target);
      accepting.setDaemon(true);
      accepting.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void blackHole() {
      blackHole = true;
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
          sockets.add(client);
          sockets.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          return;
        }
      }
    }

    /** Copies what {@code from} sends to {@code to}; once black-holed, nothing more, not even the end of it. */
    private void pump(Socket from, Socket to) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try {
          InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream();
          for (int n; (n = in.read(buffer)) >= 0; ) {
            if (!blackHole) {
              out.write(buffer, 0, n);
              out.flush();
            }
          }
        } catch (IOException e) {
          // closed
        }
        if (!blackHole) {
          closeQuietly(to);
        }
      }, "black-hole proxy pump");
      thread.setDaemon(true);
      thread.start();
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // closed already
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
