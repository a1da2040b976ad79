package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * Two {@code serve} nodes, each the real main in a JVM of its own with a configuration file of its own, on one
 * store on a PostgreSQL server and one export folder: a refresh published by one is read through both nodes'
 * PostgreSQL ports, one node refreshes at a time, and when the node that refreshes is killed half-way, the
 * other goes on serving the last publication and publishes the next refresh itself. The takeover runs once;
 * {@code -Dmarketingsql.twoNodes.rounds=N} runs it N times, starting the killed node again each round.
 */
class TwoServeNodesTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final Pattern LISTENING = Pattern.compile("over the PostgreSQL protocol on 127\\.0\\.0\\.1:(\\d+)");
  private static final String PASSWORD_VARIABLE = "MARKETING_PG_PASSWORD";
  /** The orders as loaded and as the facts built from them, and the publication read: one statement each. */
  private static final String COUNTS = "SELECT 'raw' AS side, COUNT(*) AS n FROM exports.orders"
      + " UNION ALL SELECT 'facts', COUNT(*) FROM finance.orders";

  @TempDir
  static Path temp;
  static Path exports;
  static Path users;
  static Path hold;
  static String database;
  static int orders = 5;
  /** The nodes serving now, started once for the class; a test that kills one has it replaced for the next. */
  static final List<Node> serving = new ArrayList<>();
  static final List<Process> started = new ArrayList<>();
  static int names;

  /** One serve process, its PostgreSQL port and its output files. */
  record Node(String name, Process process, int port, Path stdout, Path stderr) {
    String log() {
      return read(stderr);
    }

    String phases() {
      return read(stdout);
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read " + file + ": " + e.getMessage() + ")";
      }
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    database = "two_nodes";
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    exports = Fixtures.copy("finance", temp.resolve("exports"));
    users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()),
        List.of("*")));
    hold = temp.resolve("hold-refresh");
  }

  /** Two nodes serve before each test: the first two, or a new one beside the survivor of a kill. */
  @BeforeEach
  void twoNodes() throws Exception {
    Files.deleteIfExists(hold);
    serving.removeIf(node -> !node.process().isAlive());
    while (serving.size() < 2) {
      serving.add(start("node-" + ++names));
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts {@code serve} on a configuration file of its own and waits for it to accept logins. */
  private static Node start(String name) throws Exception {
    Path model = Files.writeString(temp.resolve(name + ".yaml"), """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: { url: "%s", user: "%s", password: "${env:%s}" }
              refresh: { exports: 1s }
              sources:
                - { name: exports, type: csv-folder, path: "%s" }
        """.formatted(postgres.url(database), postgres.user(), PASSWORD_VARIABLE, exports));
    Path home = Files.createDirectories(temp.resolve(name + "-home"));
    List<String> command = ChildJava.command(
        "--enable-native-access=ALL-UNNAMED", "-Dmarketingsql.home=" + home, "-Dmarketingsql.test.hold=" + hold,
        "-cp", System.getProperty("java.class.path"), ServeNode.class.getName(),
        "serve", "--model", model.toString(), "--pg-port", "0", "--users", users.toString());
    Path stdout = temp.resolve(name + ".out");
    Path stderr = temp.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put(PASSWORD_VARIABLE, postgres.password());
    long begun = System.nanoTime();
    Process process = builder.start();
    started.add(process);
    Node starting = new Node(name, process, 0, stdout, stderr);
    Matcher listening = LISTENING.matcher("");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(listening = LISTENING.matcher(starting.log())).find()) {
      assertTrue(process.isAlive(), name + " stopped: " + starting.log());
      assertTrue(System.nanoTime() < deadline, name + " did not listen within 120 s: " + starting.log());
      TimeUnit.MILLISECONDS.sleep(100);
    }
    System.err.println("two nodes: " + name + " accepted logins " + (System.nanoTime() - begun) / 1_000_000
        + " ms after it started");
    return new Node(name, process, Integer.parseInt(listening.group(1)), stdout, stderr);
  }

  private static Connection connect(Node node) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", "30");
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + node.port() + "/marketing", p);
  }

  /** The orders loaded, the orders in the facts and the publication read, through a new login to the node's port. */
  private static String read(Node node) throws SQLException {
    try (Connection c = connect(node)) {
      return read(c);
    }
  }

  /** The orders loaded, the orders in the facts and the publication read, one statement each. */
  private static String read(Connection c) throws SQLException {
    long raw = -1;
    long facts = -1;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(COUNTS)) {
        while (rs.next()) {
          if (rs.getString(1).strip().equals("raw")) {
            raw = rs.getLong(2);
          } else {
            facts = rs.getLong(2);
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT snapshot_generation FROM finance.data_freshness"
          + " WHERE source_name = 'exports'")) {
        assertTrue(rs.next(), "data_freshness has no row for the exports");
        return "orders " + raw + ", in the facts " + facts + ", publication " + rs.getLong(1);
      }
    }
  }

  private static String expected(int orders, long generation) {
    return "orders " + orders + ", in the facts " + orders + ", publication " + generation;
  }

  /** The store's publication count, read from PostgreSQL directly. */
  private long generation() throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.url(database), postgres.user(), postgres.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"generation\" FROM \"_marketing\".\"publications\"")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * The process id in the name of the session that holds the refresh lease's lock ({@code marketing-sql
   * refresher PID@HOST}); 0 when none does. Other sessions of that name only ask for the lock.
   */
  private long leaseHolder() throws SQLException {
    try (Connection c = DriverManager.getConnection(postgres.url(database), postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT a.application_name FROM pg_locks l"
            + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.classid = " + 0x4D53514C + " AND l.objid = 1 AND l.objsubid = 2"
            + " AND a.datname = current_database()")) {
      if (!rs.next()) {
        return 0;
      }
      String name = rs.getString(1);
      return Long.parseLong(name.substring("marketing-sql refresher ".length(), name.indexOf('@')));
    }
  }

  /** Adds one order to the shared export the way a download lands: written aside, then moved over the old file. */
  private void addOrder() throws IOException {
    orders++;
    Path file = exports.resolve("orders.csv");
    Path aside = temp.resolve("orders.csv.part");
    Files.writeString(aside, Files.readString(file) + "n" + orders + ",c9,2025-02-09,1.00,USD,organic,software\n");
    Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() >= deadline) {
        StringBuilder logs = new StringBuilder(what + " within " + seconds + " s; the nodes said:");
        for (Node node : serving) {
          logs.append("\n--- ").append(node.name()).append(" (process ").append(node.process().pid()).append(", ")
              .append(node.process().isAlive() ? "running" : "ended").append(")\n").append(tail(node.log()))
              .append("\n--- its phases\n").append(tail(node.phases()));
        }
        throw new AssertionError(logs.toString());
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** The last lines of a node's output, enough to see what it did last. */
  private static String tail(String output) {
    return output.length() <= 6_000 ? output : "..." + output.substring(output.length() - 6_000);
  }

  private BooleanSupplier generationAbove(long generation) {
    return () -> {
      try {
        return generation() > generation;
      } catch (SQLException e) {
        return false;
      }
    };
  }

  /** The spans from each refresh's load to its publish phase, as one node printed them. */
  private static List<long[]> refreshes(Node node) {
    List<long[]> spans = new ArrayList<>();
    long load = -1;
    for (String line : node.phases().lines().toList()) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("phase") && parts[1].equals("load")) {
        load = Long.parseLong(parts[2]);
      } else if (parts.length == 3 && parts[0].equals("phase") && parts[1].equals("publish") && load >= 0) {
        spans.add(new long[] {load, Long.parseLong(parts[2])});
        load = -1;
      }
    }
    return spans;
  }

  @Test
  void aRefreshThatOneNodePublishesIsReadThroughBothNodesPortsAndTheNodesNeverRefreshAtOnce() throws Exception {
    Node first = serving.get(0);
    Node second = serving.get(1);
    long generation = generation();
    long refreshedBefore = refreshes(first).size() + refreshes(second).size();
    assertEquals(expected(orders, generation), read(first));
    assertEquals(expected(orders, generation), read(second));

    for (int change = 0; change < 2; change++) {
      long before = generation();
      addOrder();
      long changed = System.nanoTime();
      await("a node's schedule published the changed export", 60, generationAbove(before));
      System.err.println("two nodes: a changed export published " + (System.nanoTime() - changed) / 1_000_000
          + " ms after the change");
      generation = generation();
      assertEquals(expected(orders, generation), read(first), "the first node reads the publication");
      assertEquals(expected(orders, generation), read(second), "the second node reads the same publication");
    }

    List<long[]> firstRefreshes = refreshes(first);
    List<long[]> secondRefreshes = refreshes(second);
    assertEquals(2, firstRefreshes.size() + secondRefreshes.size() - refreshedBefore,
        "each publication was one refresh of one node: " + first.phases() + "\n" + second.phases());
    for (long[] a : firstRefreshes) {
      for (long[] b : secondRefreshes) {
        assertTrue(a[1] <= b[0] || b[1] <= a[0], "the first node refreshed from " + a[0] + " to " + a[1]
            + " ms while the second did from " + b[0] + " to " + b[1]);
      }
    }
  }

  @Test
  void whenTheRefreshingNodeIsKilledMidRefreshTheOtherServesTheLastPublicationAndPublishesTheNextItself()
      throws Exception {
    int rounds = Integer.getInteger("marketingsql.twoNodes.rounds", 1);
    List<Long> takeovers = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      long published = generation();
      int publishedOrders = orders;
      List<Long> holdingBefore = serving.stream().map(TwoServeNodesTest::holdings).toList();
      Files.writeString(hold, "");
      addOrder();
      Node refreshing = awaitHolding(holdingBefore);
      Node survivor = serving.get(1 - serving.indexOf(refreshing));
      assertEquals(refreshing.process().pid(), leaseHolder(), "the refreshing node holds the lease");
      await("the other node logged that another node refreshes", 30, () -> survivor.log()
          .contains("another node refreshes it (marketing-sql refresher " + refreshing.process().pid() + "@"));
      try (Connection reading = connect(survivor)) {
        assertEquals(expected(publishedOrders, published), read(reading), "mid-refresh, the last publication");

        refreshing.process().destroyForcibly(); // SIGKILL: no shutdown hook, no rollback of its own
        assertTrue(refreshing.process().waitFor(30, TimeUnit.SECONDS));
        long killed = System.nanoTime();
        // a login now might lead the next refresh before it answers: the session opened before reads on
        assertEquals(expected(publishedOrders, published), read(reading), "after the kill, the last publication");
        Files.delete(hold);
        await("the survivor published the next refresh", 60, generationAbove(published));
        takeovers.add((System.nanoTime() - killed) / 1_000_000);
      }
      assertEquals(expected(orders, published + 1), read(survivor), survivor.log());
      try (Connection c = connect(survivor); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT last_refresh_error FROM finance.data_freshness WHERE source_name = 'exports'")) {
        assertTrue(rs.next());
        assertNull(rs.getString(1), "a killed refresh leaves no error: it never committed anything");
      }
      if (round < rounds) {
        serving.set(serving.indexOf(refreshing), start("node-" + ++names));
      }
    }
    Files.writeString(Path.of("target", "two-nodes-takeover-millis.txt"), "from the kill of the refreshing node to"
        + " the other node's publication, ms, per round: " + takeovers + "\n");
    System.err.println("two nodes: takeover after a kill mid-refresh in " + takeovers + " ms");
  }

  /** The serving node that holds its refresh at the facts since the test began holding ({@code holding} lines). */
  private static Node awaitHolding(List<Long> holdingBefore) throws InterruptedException {
    await("a node began refreshing the changed export", 60, () -> serving.stream()
        .anyMatch(n -> holdings(n) > holdingBefore.get(serving.indexOf(n))));
    return serving.stream().filter(n -> holdings(n) > holdingBefore.get(serving.indexOf(n))).findFirst().orElseThrow();
  }

  private static long holdings(Node node) {
    return node.phases().lines().filter("holding"::equals).count();
  }

  @Test
  void whenTheRefreshingNodesLeaseSessionEndsMidRefreshItPublishesNothingAndTheOtherNodePublishesTheNextRefresh()
      throws Exception {
    long published = generation();
    List<Long> holdingBefore = serving.stream().map(TwoServeNodesTest::holdings).toList();
    Files.writeString(hold, "");
    addOrder();
    Node refreshing = awaitHolding(holdingBefore);
    Node other = serving.get(1 - serving.indexOf(refreshing));
    assertEquals(refreshing.process().pid(), leaseHolder(), "the refreshing node holds the lease");

    // its lease session ends, as when a network blip drops it: the server releases the lease at once
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name LIKE"
          + " 'marketing-sql refresher " + refreshing.process().pid() + "@%'");
    }
    await("the other node took the lease over", 30, () -> {
      try {
        return leaseHolder() == other.process().pid();
      } catch (SQLException e) {
        return false;
      }
    });
    Files.delete(hold);
    await("the node that lost its lease said so", 60, () -> refreshing.log()
        .contains("lost the refresh lease to another node"));
    await("the other node published the refresh", 60, generationAbove(published));
    TimeUnit.SECONDS.sleep(2); // two more ticks of each node: nothing else is published
    assertEquals(published + 1, generation(), "only the node that leads now published");
    assertTrue(refreshing.process().isAlive(), "the node that lost its lease goes on serving");
    assertEquals(expected(orders, published + 1), read(refreshing));
    assertEquals(expected(orders, published + 1), read(other));
  }

  @Test
  void aRefreshingNodeFrozenLongerThanTheLeaseSilenceLosesItsLeaseToTheOtherNodeAndPublishesNothingWhenItWakes()
      throws Exception {
    long published = generation();
    List<Long> holdingBefore = serving.stream().map(TwoServeNodesTest::holdings).toList();
    Files.writeString(hold, "");
    addOrder();
    Node refreshing = awaitHolding(holdingBefore);
    Node other = serving.get(1 - serving.indexOf(refreshing));
    assertEquals(refreshing.process().pid(), leaseHolder(), "the refreshing node holds the lease");

    // a JVM pause (a long garbage collection, a suspended virtual machine): the process stops answering, while
    // its operating system still answers TCP for it, so only the lease's silence tells the server
    signal(refreshing, "STOP");
    long frozen = System.nanoTime();
    long tookOver;
    try {
      Files.delete(hold);
      await("the other node took the lease over", 60, () -> {
        try {
          return leaseHolder() == other.process().pid();
        } catch (SQLException e) {
          return false;
        }
      });
      tookOver = (System.nanoTime() - frozen) / 1_000_000;
      await("the other node published the refresh", 60, generationAbove(published));
    } finally {
      signal(refreshing, "CONT");
    }
    await("the node that was frozen said it lost its lease", 60, () -> refreshing.log()
        .contains("lost the refresh lease to another node"));
    TimeUnit.SECONDS.sleep(2); // two more ticks of each node: nothing else is published
    assertEquals(published + 1, generation(), "only the node that leads now published");
    assertTrue(refreshing.process().isAlive(), "the node that was frozen goes on serving");
    assertEquals(expected(orders, published + 1), read(refreshing));
    assertEquals(expected(orders, published + 1), read(other));
    Files.writeString(Path.of("target", "two-nodes-frozen-takeover-millis.txt"), "from freezing the refreshing node"
        + " to the other node holding the lease, ms: " + tookOver + "\n");
    System.err.println("two nodes: the lease taken over " + tookOver + " ms after the refreshing node froze");
  }

  /** Sends a node's process a signal ({@code STOP}, {@code CONT}) with the operating system's {@code kill}. */
  private static void signal(Node node, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process().pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + node.name());
  }
}
