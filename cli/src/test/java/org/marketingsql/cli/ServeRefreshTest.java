package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.schema.RefreshPhases;
import org.marketingsql.schema.Refresher;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * {@code serve} refreshes on its schedule while its sessions read: an export that changes shows up
 * without a login asking for it, fifty sessions keep logging in and querying while exports change and
 * refreshes publish, each statement reading one snapshot, and a {@code query} in another process answers
 * beside it without waiting for its refresh. The load runs for {@code -Dmarketingsql.serveRefresh.seconds}:
 * 10 by default, enough for about five snapshots on a one-second schedule; {@code 120} or more for a long run.
 */
@ExtendWith(IsolatedHome.class)
class ServeRefreshTest {
  /** The orders as loaded and as the facts built from them: a snapshot has the same number in both. */
  private static final String BOTH_COUNTS = "SELECT 'raw' AS side, COUNT(*) AS n FROM exports.orders"
      + " UNION ALL SELECT 'facts', COUNT(*) FROM finance.orders";
  private static final Pattern LISTENING = Pattern.compile("over the PostgreSQL protocol on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path temp;
  Path exports;
  Path model;
  StoreFolder snapshots;
  Path users;
  Thread serve;
  int port;
  int orders = 5;
  final PrintStream stderr = System.err;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    exports = Fixtures.copy("finance", temp.resolve("exports"));
    Path store = temp.resolve("store.duckdb");
    snapshots = StoreFolder.of("jdbc:duckdb:" + store).orElseThrow();
    model = Files.writeString(temp.resolve("marketing.yaml"), """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: "jdbc:duckdb:%s"
              refresh: { exports: 1s }
              sources:
                - { name: exports, type: csv-folder, path: "%s" }
        """.formatted(store, exports));
    users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()),
        List.of("*")));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() throws Exception {
    RefreshPhases.reset();
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    if (serve != null) {
      serve.interrupt();
      serve.join(TimeUnit.SECONDS.toMillis(30));
    }
    System.setErr(stderr);
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "a refresh still ran a minute after the test");
  }

  private String log() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Starts serve on the model and waits for its line saying it accepts logins. */
  private void startServe() throws Exception {
    serve = new Thread(() -> Main.run("serve", "--model", model.toString(), "--pg-port", "0", "--users",
        users.toString()), "serve-under-test");
    serve.start();
    Matcher m = LISTENING.matcher("");
    for (int i = 0; i < 1200 && !m.find(); i++) {
      assertTrue(serve.isAlive(), "serve stopped: " + log());
      TimeUnit.MILLISECONDS.sleep(100);
      m = LISTENING.matcher(log());
    }
    port = Integer.parseInt(m.group(1));
    assertTrue(snapshots.current().isPresent(), "serve said it accepts logins before the first snapshot existed");
    assertTrue(log().contains("refreshing on a schedule: exports every 1s"), log());
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", "30");
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/marketing", p);
  }

  /** The orders' count as loaded and as the finance facts have it, from one statement. */
  private static long[] counts(Connection c) throws SQLException {
    long[] counts = new long[2];
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BOTH_COUNTS)) {
      while (rs.next()) {
        counts[rs.getString(1).strip().equals("raw") ? 0 : 1] = rs.getLong(2);
      }
    }
    return counts;
  }

  /** Adds one order to the export the way a download lands: written aside, then moved over the old file. */
  private synchronized void addOrder() throws IOException {
    orders++;
    Path file = exports.resolve("orders.csv");
    Path aside = temp.resolve("orders.csv.part");
    Files.writeString(aside, Files.readString(file) + "n" + orders + ",c9,2025-02-09,1.00,USD,organic,software\n");
    Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private long generation() {
    return snapshots.current().map(StoreFolder.Generation::number).orElse(0L);
  }

  @Test
  void aChangedExportIsPublishedOnTheScheduleWithoutALoginAskingForIt() throws Exception {
    startServe();
    long before = generation();
    addOrder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (generation() == before && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    assertTrue(generation() > before, "no snapshot was published within 30 s of the change: " + log());
    try (Connection c = connect()) {
      assertEquals(6, counts(c)[0]);
      assertEquals(6, counts(c)[1]);
    }
  }

  @Test
  void fiftySessionsLogInAndQueryWhileExportsChangeAndEveryStatementReadsOneSnapshot() throws Exception {
    startServe();
    long firstGeneration = generation();
    long seconds = Long.getLong("marketingsql.serveRefresh.seconds", 10);
    int sessions = 50;
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger statements = new AtomicInteger();
    AtomicInteger logins = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Thread writer = new Thread(() -> {
      try {
        while (System.nanoTime() < until) {
          addOrder();
          TimeUnit.MILLISECONDS.sleep(700);
        }
      } catch (IOException | InterruptedException e) {
        failures.add("the writer: " + e);
      } finally {
        writing.set(false);
      }
    }, "export-writer");
    ExecutorService pool = Executors.newFixedThreadPool(sessions);
    CountDownLatch ready = new CountDownLatch(1);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        running.add(pool.submit(() -> {
          ready.await();
          // each session logs in again and again, so logins meet refreshes at every point
          while (System.nanoTime() < until) {
            try (Connection c = connect()) {
              logins.incrementAndGet();
              for (int n = 0; n < 3; n++) {
                long[] counts = counts(c);
                statements.incrementAndGet();
                if (counts[0] != counts[1] || counts[0] < 5) {
                  failures.add("one statement read " + counts[0] + " orders as loaded and " + counts[1]
                      + " in the facts");
                }
              }
            } catch (SQLException e) {
              failures.add("[" + e.getSQLState() + "] " + e.getMessage());
            }
          }
          return null;
        }));
      }
      writer.start();
      ready.countDown();
      for (Future<?> f : running) {
        f.get(seconds + 180, TimeUnit.SECONDS);
      }
      writer.join();
    } finally {
      pool.shutdownNow();
    }
    assertTrue(failures.isEmpty(), () -> failures.size() + " failures, the first: " + failures.peek());
    assertTrue(logins.get() >= sessions, "every session logged in: " + logins.get());
    long published = generation() - firstGeneration;
    assertTrue(published >= 1, "refreshes published " + published + " snapshots during the load");
    // the last change is published by the schedule, and a new session sees it
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long[] last;
    do {
      TimeUnit.MILLISECONDS.sleep(200);
      try (Connection c = connect()) {
        last = counts(c);
      }
    } while (last[0] != orders && System.nanoTime() < deadline);
    assertEquals(orders, last[0], "the last change was never published");
    assertEquals(orders, last[1]);
    stderr.println("serve under refreshes: " + sessions + " sessions, " + logins.get() + " logins, " + statements.get()
        + " statements in " + seconds + " s; " + published + " snapshots published; " + orders + " orders");
  }

  @Test
  void aQueryInAnotherProcessAnswersFromTheLastSnapshotWhileServeRefreshes() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean();
    // the refresh of the change, whichever of serve's threads runs it: its schedule, or a connection's background
    // refresh (a connection that opens after the change starts one); the first snapshot, built at start, goes on
    RefreshPhases.listen(phase -> {
      if (phase.equals("facts") && armed.compareAndSet(true, false)) {
        holding.countDown();
        try {
          release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    startServe();
    armed.set(true);
    addOrder();
    assertTrue(holding.await(60, TimeUnit.SECONDS), "serve did not start a refresh: " + log());
    // serve holds the refresh lock, half-way through its refresh
    assertTrue(snapshots.lock().holder().startsWith("pid " + ProcessHandle.current().pid() + " "),
        snapshots.lock().holder());
    try {
      long started = System.nanoTime();
      ChildJvm.Result during = query();
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(0, during.exit(), during.stderr());
      assertEquals("n\n5\n", during.stdout(), "the query answers from the last snapshot: " + during.stderr());
      assertFalse(during.stderr().contains("Could not set lock") || during.stderr().contains("Conflicting lock"),
          during.stderr());
      stderr.println("query beside serve's refresh: " + millis + " ms, JVM start included");
    } finally {
      release.countDown();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (generation() < 2 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    ChildJvm.Result after = query();
    assertEquals(0, after.exit(), after.stderr());
    assertEquals("n\n6\n", after.stdout(), after.stderr());
  }

  /** {@code marketing-sql query} in a JVM of its own, as a user runs it beside serve. */
  private ChildJvm.Result query() throws Exception {
    ChildJvm.Started child = ChildJvm.of(IsolatedHome.home(), temp, "query", "--model", model.toString(),
        "--format", "csv", "SELECT COUNT(*) AS n FROM exports.orders").start();
    children.add(child.process());
    return child.awaitEnd(Duration.ofSeconds(90));
  }
}
