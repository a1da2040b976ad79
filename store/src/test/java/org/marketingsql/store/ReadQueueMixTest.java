package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/**
 * The measurement behind docs/performance.md's figures for the read queue: 32 threads each running a dashboard-like
 * mix of three cheap and three costly statements in turn, on the 16 read sessions of a PostgreSQL store served in
 * turn (a pass bound of zero), on the same sessions served shortest expected first ({@link ReadPoolSize#DEFAULT_PASS}),
 * and on a session of their own each (the store alone), in alternating blocks on one server. Off unless
 * {@code -Dmarketingsql.bench.readQueue=ROUNDS} (say 6) is given; prints what it measured.
 */
class ReadQueueMixTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  private static final int CLIENTS = 32;
  private static final int SESSIONS = 16;
  private static final Duration BLOCK = Duration.ofSeconds(6);
  private static final List<String> CHEAP = List.of(
      "SELECT spend FROM facts WHERE id = 4242",
      "SELECT campaign, spend FROM facts WHERE id BETWEEN 1000 AND 1010 ORDER BY id",
      "SELECT COUNT(*) FROM facts WHERE id < 300");
  private static final List<String> COSTLY = List.of(
      "SELECT campaign, SUM(spend) FROM facts GROUP BY campaign ORDER BY 2 DESC LIMIT 10",
      "SELECT date_trunc('week', day) AS week, SUM(spend) FROM facts GROUP BY 1 ORDER BY 1",
      "SELECT COUNT(DISTINCT day) FROM facts");

  /** One way of reaching the store: a connection for a statement, closed after it. */
  private interface Way {
    Connection open(String sql, int client) throws SQLException;
  }

  /** What one block of one way measured. */
  private record Block(String way, long statements, double seconds, double cpuMillis, long[] cheapNanos,
      long[] costlyNanos) {
    double perSecond() {
      return statements / seconds;
    }

    static double p50(long[] nanos) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2] / 1e6;
    }
  }

  @Test
  void theThroughputAndWaitsOfAMixOnTheReadSessionsArePrintedForEachWayOfQueueing() throws Exception {
    String rounds = System.getProperty("marketingsql.bench.readQueue");
    assumeTrue(rounds != null, "runs only with -Dmarketingsql.bench.readQueue=ROUNDS");
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE read_queue_mix");
    }
    try (Connection c = DriverManager.getConnection(postgres.url("read_queue_mix"), postgres.user(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE facts AS SELECT g AS id, g % 200 AS campaign, (g * 7 % 1000)::numeric AS spend,"
          + " date '2024-01-01' + g % 700 AS day FROM generate_series(1, 60000) g");
      s.execute("CREATE INDEX ON facts (id)");
      s.execute("ANALYZE facts");
    }
    ReadPoolSize size = new ReadPoolSize(SESSIONS, Duration.ofSeconds(20));
    StoreLogin login = new StoreLogin(postgres.user(), null);
    PostgresEngine inTurn = new PostgresEngine(postgres.url("read_queue_mix"), login, size, Duration.ZERO);
    PostgresEngine shortFirst = new PostgresEngine(postgres.url("read_queue_mix"), login, size, ReadPoolSize.DEFAULT_PASS);
    List<Connection> own = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      own.add(DriverManager.getConnection(postgres.url("read_queue_mix"), postgres.user(), ""));
    }
    try {
      Way[] ways = {(sql, client) -> inTurn.openRead(sql), (sql, client) -> shortFirst.openRead(sql),
          (sql, client) -> unclosable(own.get(client))};
      String[] names = {"in turn", "shortest first", "store alone"};
      List<List<Block>> measured = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int w = 0; w < ways.length; w++) {
        run(names[w], ways[w]); // warm-up: sessions opened, costs learned, code compiled
      }
      for (int round = 0; round < Integer.parseInt(rounds); round++) {
        for (int i = 0; i < ways.length; i++) {
          int w = (round + i) % ways.length;
          Block block = run(names[w], ways[w]);
          measured.get(w).add(block);
          System.out.printf(Locale.ROOT, "round %d %-14s %7.1f q/s  p50 cheap %6.2f ms  costly %6.2f ms  JVM CPU %.3f ms"
              + " per statement%n", round, names[w], block.perSecond(), Block.p50(block.cheapNanos()),
              Block.p50(block.costlyNanos()), block.cpuMillis() / block.statements());
        }
      }
      for (int w = 0; w < ways.length; w++) {
        List<Block> blocks = measured.get(w);
        System.out.printf(Locale.ROOT, "median %-14s %7.1f q/s  p50 cheap %6.2f ms  costly %6.2f ms%n", names[w],
            median(blocks.stream().mapToDouble(Block::perSecond).toArray()),
            median(blocks.stream().mapToDouble(b -> Block.p50(b.cheapNanos())).toArray()),
            median(blocks.stream().mapToDouble(b -> Block.p50(b.costlyNanos())).toArray()));
      }
      for (int round = 0; round < measured.get(0).size(); round++) {
        double alone = measured.get(2).get(round).perSecond();
        System.out.printf(Locale.ROOT, "round %d ÷ store alone: in turn %.2f, shortest first %.2f%n", round,
            measured.get(0).get(round).perSecond() / alone, measured.get(1).get(round).perSecond() / alone);
      }
      assertTrue(measured.get(1).stream().allMatch(b -> b.statements() > 0));
    } finally {
      inTurn.close();
      shortFirst.close();
      for (Connection c : own) {
        c.close();
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** {@code connection}, whose close does nothing: the store alone keeps a session per client. */
  private static Connection unclosable(Connection connection) {
    return (Connection) java.lang.reflect.Proxy.newProxyInstance(ReadQueueMixTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(connection, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** {@link #CLIENTS} threads each running the six statements in turn, from a place of their own, for a block. */
  private static Block run(String name, Way way) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    List<String> mix = new ArrayList<>();
    for (int i = 0; i < CHEAP.size(); i++) {
      mix.add(CHEAP.get(i));
      mix.add(COSTLY.get(i));
    }
    try {
      List<Future<long[][]>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        results.add(clients.submit(() -> {
          long[] cheap = new long[1 << 16];
          long[] costly = new long[1 << 16];
          int cheapRuns = 0;
          int costlyRuns = 0;
          ready.countDown();
          ready.await();
          for (int n = client; !stop.get(); n++) {
            String sql = mix.get(n % mix.size());
            long started = System.nanoTime();
            try (Connection session = way.open(sql, client); Statement s = session.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
              while (rs.next()) {
                rs.getObject(1);
              }
            }
            long took = System.nanoTime() - started;
            if (CHEAP.contains(sql) && cheapRuns < cheap.length) {
              cheap[cheapRuns++] = took;
            } else if (costlyRuns < costly.length) {
              costly[costlyRuns++] = took;
            }
          }
          return new long[][] {Arrays.copyOf(cheap, cheapRuns), Arrays.copyOf(costly, costlyRuns)};
        }));
      }
      ready.await();
      long cpu = os.getProcessCpuTime();
      long started = System.nanoTime();
      Thread.sleep(BLOCK.toMillis());
      stop.set(true);
      List<long[]> cheap = new ArrayList<>();
      List<long[]> costly = new ArrayList<>();
      for (Future<long[][]> result : results) {
        long[][] times = result.get();
        cheap.add(times[0]);
        costly.add(times[1]);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuMillis = (os.getProcessCpuTime() - cpu) / 1e6;
      long[] allCheap = cheap.stream().flatMapToLong(Arrays::stream).toArray();
      long[] allCostly = costly.stream().flatMapToLong(Arrays::stream).toArray();
      return new Block(name, allCheap.length + allCostly.length, seconds, cpuMillis, allCheap, allCostly);
    } finally {
      clients.shutdownNow();
    }
  }
}
