package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.demo.DemoCompany;
import org.marketingsql.testing.DemoHomeCache;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;

/** The benchmark's own run, on a few rows: every figure it promises is printed. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class BenchCommandTest {
  /** The demo company's exports, generated once for the class and copied into each test's own home. */
  @TempDir
  static Path demo;

  @BeforeAll
  static void generateTheDemoCompanyOnce() throws Exception {
    DemoCompany.generate(demo.resolve("exports"));
  }

  /** The demo's exports where the driver and the bench look for them in this test's home, as if generated there. */
  private static void demoExportsInThisHome() throws Exception {
    Path from = demo.resolve("exports");
    Path to = IsolatedHome.home().resolve("cache").resolve("demo-" + DemoCompany.VERSION).resolve("exports");
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }


  @Test
  void benchOnAFewRowsPrintsTheLoadAgainstDuckDbTheFirstQueryAndARatioPerQuery() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("bench", "--rows", "2000", "--iterations", "3", "--warm-up", "0", "--fresh-jvms", "1");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(Pattern.compile("DuckDB alone reading the file into a table: [0-9.]+ s, [0-9]+ MB/s; ratio [0-9.]+")
        .matcher(printed).find(), printed);
    assertTrue(Pattern.compile("first query in a fresh JVM on the existing store: [0-9.]+ s \\(median of 1,")
        .matcher(printed).find(), printed);
    assertTrue(Pattern.compile("first query in a fresh JVM on the existing store: [0-9.]+ s").matcher(printed).find(),
        printed);
    if (BenchCommand.shadedDriverJar() != null) { // the reactor packages the driver before these tests
      assertTrue(Pattern.compile("BI tool's first answer \\(a fresh JVM with only the driver jar, getConnection to the first"
          + " row of finance.channel_roi\\): [0-9.]+ s \\(median of 1; connect [0-9.]+ s, JVM start to main [0-9.]+ s not"
          + " included\\); warm connection [0-9.]+ ms, ratio [0-9]+").matcher(printed).find(), printed);
    }
    assertTrue(Pattern.compile("connection open: [0-9.]+ ms median, [0-9.]+ ms p95 with no refresh running; [0-9.]+ ms"
        + " median, [0-9.]+ ms p95 while a refresh runs \\(30 opens each\\); ratio [0-9.]+").matcher(printed).find(),
        printed);
    for (String query : new String[] {"ROI by platform", "platform x month over a quarter",
        "top 20 campaigns by ROAS (HAVING)", "one campaign's row count"}) {
      assertTrue(Pattern.compile(Pattern.quote(query) + " +[0-9.]+ +[0-9.]+ +[0-9.]+").matcher(printed).find(),
          query + " has no line with two times and a ratio in:\n" + printed);
    }
  }

  /**
   * The demo in this test's home: built, as an earlier test JVM of this build kept it ({@link DemoHomeCache}), else
   * its exports only, which the bench then loads. Either way each step of the bench publishes a snapshot of its own.
   */
  private static void demoInThisHome() throws Exception {
    if (!DemoHomeCache.seed(IsolatedHome.home())) {
      demoExportsInThisHome();
    }
  }

  @Test
  void benchWithClientsPrintsThroughputAndLatencyThroughThePortAndOnTheStoreWithNoFailedStatement() throws Exception {
    demoInThisHome();
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      // the shortest windows, as on PostgreSQL below: each step still waits for its refresh to end
      code = Main.run("bench", "--clients", "1,2", "--seconds", "1", "--warm-up", "0");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    for (String query : new String[] {"channel ROI, fiscal quarter", "budget vs actual, fiscal quarter",
        "unit economics, fiscal year", "ad spend by week, 13 weeks"}) {
      assertTrue(Pattern.compile(Pattern.quote(query) + " +[0-9]+ store statements?").matcher(printed).find(),
          query + " is not in the mix:\n" + printed);
    }
    for (int clients : new int[] {1, 2}) {
      // clients | port q/s p50 p95 | store q/s p50 p95 | ratios | failed port, store | refreshes
      assertTrue(Pattern.compile("(?m)^ +" + clients + " \\| +[0-9.]+ +[0-9.]+ +[0-9.]+ \\| +[0-9.]+ +[0-9.]+ +[0-9.]+"
          + " \\| +[0-9.]+ +[0-9.]+ \\| +0 +0 \\| +[0-9.]+s/[0-9.]+s$").matcher(printed).find(),
          "no line for " + clients + " clients with both sides, no failed statement and a refresh on each side:\n" + printed);
    }
    assertTrue(printed.contains("failed statements: 0 (target 0)"), printed);
  }

  /** A PostgreSQL server for the bench on a PostgreSQL store; logins need no password. */
  @org.junit.jupiter.api.extension.RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();

  @Test
  void benchWithClientsOnAPostgresqlStoreComparesThePortWithPgJdbcStraightOnTheStoreWhileRefreshing()
      throws Exception {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bench_store");
    }
    demoExportsInThisHome();
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("bench", "--clients", "1,2", "--seconds", "1", "--warm-up", "0", "--store",
          postgres.url("bench_store"), "--user", postgres.user());
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(printed.contains("store: PostgreSQL store " + postgres.url("bench_store") + " (user postgres)"), printed);
    for (int clients : new int[] {1, 2}) {
      assertTrue(Pattern.compile("(?m)^ +" + clients + " \\| +[0-9.]+ +[0-9.]+ +[0-9.]+ \\| +[0-9.]+ +[0-9.]+ +[0-9.]+"
          + " \\| +[0-9.]+ +[0-9.]+ \\| +0 +0 \\| +[0-9.]+s/[0-9.]+s$").matcher(printed).find(),
          "no line for " + clients + " clients with both sides, no failed statement and a refresh on each side:\n" + printed);
    }
    assertTrue(printed.contains("failed statements: 0 (target 0)"), printed);
    try (Connection c = DriverManager.getConnection(postgres.url("bench_store"), postgres.user(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"generation\" FROM \"_marketing\".\"publications\"")) {
      assertTrue(rs.next());
      assertTrue(rs.getLong(1) >= 5, "the first load, then a full refresh during each of the 4 timed windows: "
          + rs.getLong(1));
    }
  }

  @Test
  void aPercentileIsTheNearestRankOfTheSortedTimes() {
    long[] nanos = {1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000, 6_000_000, 7_000_000, 8_000_000,
        9_000_000, 10_000_000, 11_000_000, 12_000_000, 13_000_000, 14_000_000, 15_000_000, 16_000_000, 17_000_000,
        18_000_000, 19_000_000, 100_000_000};
    assertEquals(10.0, ClientsBench.percentile(nanos, 0.50));
    assertEquals(19.0, ClientsBench.percentile(nanos, 0.95));
    assertTrue(Double.isNaN(ClientsBench.percentile(new long[0], 0.95)));
  }
}
