package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;

/**
 * The measurement behind docs/performance.md's figures for store reads: the CPU the port's threads (sessions, Netty)
 * spend per statement of one pgJDBC client on a PostgreSQL store, with statements read straight from the store and
 * through the driver, and with the texts a session found plain remembered or tested each time ({@link PlainQueries}),
 * in alternating blocks on one server. Off unless {@code -Dmarketingsql.bench.storeReads=PAIRS} (say 10) is given;
 * prints what it measured. {@code -Dtest=StoreReadsCpuTest#method} runs one of the comparisons.
 */
@ExtendWith(IsolatedHome.class)
class StoreReadsCpuTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  @TempDir
  Path temp;
  private static final int BLOCK = 600;
  /**
   * Statements run before the clock: the port's CPU per statement goes on falling over a JVM's first 10,000 or so, as
   * the JIT compiles the session's code.
   */
  private static final int WARM_UP = 16 * BLOCK;
  /** Dashboard queries over the finance views that each run whole in the store, the last with a date column. */
  private static final List<String> QUERIES = List.of(
      "SELECT channel, SUM(spend_rc) AS spend_rc, SUM(attributed_revenue_rc) AS attributed_revenue_rc,"
          + " ROI(SUM(gross_margin_rc), SUM(spend_rc)) AS roi FROM finance.channel_roi GROUP BY channel ORDER BY 2 DESC, 1",
      "SELECT channel, SUM(budget_rc) AS budget_rc, SUM(actual_rc) AS actual_rc, DIVIDE(SUM(variance_rc), SUM(budget_rc))"
          + " AS variance_pct FROM finance.budget_vs_actual GROUP BY channel ORDER BY channel",
      "SELECT platform, campaign_name, SUM(spend_rc) AS spend_rc, SUM(conversions) AS conversions"
          + " FROM finance.ad_spend_daily GROUP BY platform, campaign_name ORDER BY 3 DESC LIMIT 10",
      "SELECT month_start, channel, spend_rc, attributed_revenue_rc, roas FROM finance.channel_roi"
          + " ORDER BY month_start, channel");

  @Test
  void theCpuOfThePortsThreadsPerStatementIsPrintedForBothWays() throws Exception {
    compare("store_reads_cpu", "store reads", "driver only", StoreReads::use);
  }

  @Test
  void theCpuOfThePortsThreadsPerStatementIsPrintedWithPlainQueriesRememberedAndTestedEachTime() throws Exception {
    compare("plain_queries_cpu", "plain remembered", "tested each time", PlainQueries::use);
  }

  /**
   * Runs the queries on a store in {@code database} in blocks alternating between {@code way} on ({@code on}) and off
   * ({@code off}) after a warm-up of both, and prints the CPU of the port's threads per statement of each block and the
   * medians.
   */
  private void compare(String database, String on, String off, Consumer<Boolean> way) throws Exception {
    String pairs = System.getProperty("marketingsql.bench.storeReads");
    assumeTrue(pairs != null, "runs only with -Dmarketingsql.bench.storeReads=PAIRS");
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    Path exports = Fixtures.copy("finance", temp.resolve("exports"));
    Path model = Files.writeString(temp.resolve("model.json"), Fixtures.modelOn(exports,
        "{\"url\": \"" + postgres.url(database) + "\", \"user\": \"" + postgres.user() + "\"}", ""));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (TestServer server = TestServer.over("jdbc:marketing:model=" + model, temp, TestServer.ALICE);
        Connection client = server.connect()) {
      for (int i = 0; i < WARM_UP; i++) { // compiled both ways before the clock runs
        way.accept(i % 2 == 0);
        run(client, QUERIES.get(i % QUERIES.size()));
      }
      List<Double> with = new ArrayList<>();
      List<Double> without = new ArrayList<>();
      for (int pair = 0; pair < Integer.parseInt(pairs); pair++) {
        for (boolean use : pair % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
          way.accept(use);
          long cpu = portCpu(threads);
          long read = StoreReads.read();
          for (int i = 0; i < BLOCK; i++) {
            run(client, QUERIES.get(i % QUERIES.size()));
          }
          double perStatement = (portCpu(threads) - cpu) / 1e3 / BLOCK;
          (use ? with : without).add(perStatement);
          System.out.printf("block %d %s: %.1f us of the port's CPU per statement, %d read straight%n", pair,
              use ? on : off, perStatement, StoreReads.read() - read);
        }
      }
      System.out.printf("median CPU per statement: %s %.1f us, %s %.1f us (%d blocks of %d each)%n",
          on, median(with), off, median(without), with.size(), BLOCK);
      assertTrue(median(with) > 0 && median(without) > 0);
    } finally {
      way.accept(true);
    }
  }

  private static void run(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
    }
  }

  /** CPU nanoseconds used so far by the port's session threads and Netty's event loops. */
  private static long portCpu(ThreadMXBean threads) {
    long sum = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("pg-session")
          || info.getThreadName().startsWith("nioEventLoopGroup"))) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }
}
