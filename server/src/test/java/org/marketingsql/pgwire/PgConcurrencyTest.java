package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * Many sessions at once and a CancelRequest, with pgJDBC over loopback. The load runs for
 * {@code -Dmarketingsql.loadTest.seconds} (default 10, which the build runs; {@code =60} for a minute of sustained
 * load).
 */
@ExtendWith(IsolatedHome.class)
class PgConcurrencyTest {
  private static final int SESSIONS = 50;
  private static final List<String> FINANCE_QUERIES = List.of(
      "select channel, sum(spend_rc) as spend, sum(attributed_revenue_rc) as revenue from finance.channel_roi group by channel",
      "select order_id, order_date, amount_rc from finance.orders where customer_id = ? order by order_id",
      "select * from finance.ad_spend_daily",
      "select count(*) from finance.customers");
  @TempDir
  Path temp;
  PgServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String start(Path exports) throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    server = PgServer.start(new PgServerSettings("jdbc:marketing:csv=" + exports, "127.0.0.1", 0, users, 50));
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
  }

  private static Connection connect(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection(url, p);
  }

  @Test
  void fiftySessionsRunTheFinanceViewsWithoutAnErrorAndCloseEveryConnection() throws Exception {
    String url = start(Fixtures.copy("finance", temp.resolve("exports")));
    long seconds = Long.getLong("marketingsql.loadTest.seconds", 10);
    ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicInteger queries = new AtomicInteger();
    CountDownLatch connected = new CountDownLatch(SESSIONS);
    try {
      List<Future<?>> sessions = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        int session = i;
        sessions.add(pool.submit(() -> {
          try (Connection c = connect(url)) {
            connected.countDown();
            connected.await(120, TimeUnit.SECONDS);
            // once all are in, each session runs the finance views in turn, bounded by the time and a query count
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int n = 0; n < 100_000 && (n == 0 || System.nanoTime() < until); n++) {
              String sql = FINANCE_QUERIES.get((session + n) % FINANCE_QUERIES.size());
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (sql.contains("?")) {
                  ps.setString(1, "c1");
                }
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    rs.getString(1);
                  }
                }
              }
              queries.incrementAndGet();
            }
          } catch (Throwable e) {
            errors.add(e);
          }
          return null;
        }));
      }
      for (Future<?> f : sessions) {
        f.get(seconds + 120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(errors.isEmpty(), () -> errors.size() + " sessions failed, first: " + errors.peek());
    assertTrue(queries.get() >= SESSIONS, "every session ran at least one query: " + queries.get());
    System.out.println("load test: " + SESSIONS + " sessions ran " + queries.get() + " queries in " + seconds + " s");
    // every session's driver connection is given back once its client has gone
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.openSessions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, server.openSessions(), "sessions left open after every client closed");
    // and the store's read connections with them: a new session still reads
    try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
      assertTrue(rs.next());
      assertEquals(5, rs.getInt(1));
    }
  }

  @Test
  void aCancelRequestStopsALongQueryWith57014AndTheSessionGoesOn() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("big"));
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("orders.csv"))) {
      out.write("order_id,customer_id,order_date,amount,currency\n");
      for (int i = 0; i < 20_000; i++) {
        out.write("o" + i + ",c" + (i % 5000) + ",2025-01-0" + (1 + i % 9) + ",10.00,USD\n");
      }
    }
    String url = start(folder);
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      canceller.schedule(() -> {
        s.cancel(); // pgJDBC sends a CancelRequest on a new connection with the session's key
        return null;
      }, 1, TimeUnit.SECONDS);
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("SELECT COUNT(DISTINCT a.order_id || b.order_id) FROM finance.orders a, finance.orders b"));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      try (ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertEquals(20_000, rs.getInt(1));
      }
    } finally {
      canceller.shutdownNow();
    }
  }
}
