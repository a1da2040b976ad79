package org.marketingsql.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.config.Locations;
import org.marketingsql.schema.MarketingSchema;
import org.marketingsql.schema.Refresher;
import org.marketingsql.schema.StartupTimes;
import org.marketingsql.store.StoreFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The performance benchmark (docs/performance.md explains each figure): loads N rows of ad spend, then times warm queries on
 * {@code finance.ad_spend_daily} through the driver against the same queries in DuckDB alone on
 * the store's own fact table (the same rows, reporting-currency columns already computed),
 * alternating in one JVM. Prints medians and ratios; the targets are in docs/performance.md.
 */
@Command(name = "bench", description = {"Benchmark the driver against DuckDB alone on N rows of ad spend.",
    "With --clients: the dashboard mix at several client counts through the PostgreSQL port and on the store alone,"
        + " on the demo company (or --model, --csv); with --store jdbc:postgresql://..., the demo company on that"
        + " PostgreSQL store."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--rows", defaultValue = "10000000", description = "rows of ad spend (default: ${DEFAULT-VALUE})")
  long rows;

  @Option(names = "--iterations", defaultValue = "15", description = "timed runs per query and side (default: ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--warm-up", defaultValue = "3",
      description = "seconds each query runs on both sides, alternating, before the timed runs (default: ${DEFAULT-VALUE})")
  int warmUpSeconds;

  @Option(names = "--fresh-jvms", defaultValue = "3",
      description = "new JVMs started for each first-query figure; the median is reported (default: ${DEFAULT-VALUE})")
  int freshJvms;

  @Option(names = "--export", defaultValue = "csv",
      description = "the export format to load: csv (the documented ad spend file) or google-ads (a Google Ads"
          + " campaign report with its title, range and Total lines, quoted thousands)")
  String export;

  @Option(names = "--driver-jar", paramLabel = "FILE",
      description = "the shaded driver jar a BI tool loads (default: driver/target/marketing-sql-driver-*-all.jar of this build)")
  Path driverJar;

  @Option(names = "--clients", split = ",", paramLabel = "N[,N...]",
      description = "instead of the single-client figures: client counts (such as 1,8,32) running the dashboard mix at"
          + " once through the PostgreSQL port and, as the reference, directly on the store")
  int[] clients;

  @Option(names = "--seconds", defaultValue = "10",
      description = "with --clients: timed seconds per client count and side, after --warm-up (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--store", paramLabel = "URL",
      description = "with --clients: put the demo company on this PostgreSQL store (jdbc:postgresql://host:port/db, no"
          + " password in it) and measure there; the reference runs the same SQL with pgJDBC straight on it")
  String store;

  @Option(names = "--user", paramLabel = "NAME", description = "with --store: the PostgreSQL user")
  String user;

  @Option(names = "--password-env", paramLabel = "NAME",
      description = "with --store: the environment variable that holds the user's password")
  String passwordEnv;

  @Mixin
  Target target;

  /**
   * A configuration of the demo company on the {@code --store} PostgreSQL store, its password by reference to
   * {@code --password-env}: the driver's URL of it. The demo's exports are generated in the cache on first use.
   */
  private String demoOnPostgres() throws Exception {
    if (!store.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--store takes a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not "
          + store.split("\\?")[0]);
    }
    if (user == null) {
      throw new IllegalArgumentException("--store needs --user NAME (and --password-env NAME where the server asks"
          + " for a password)");
    }
    if (target.model != null || target.csv != null) {
      throw new IllegalArgumentException("--store puts the demo company on a PostgreSQL store for --clients; for your own"
          + " data name the PostgreSQL store in the configuration and give --model");
    }
    Path exports = Locations.cacheDir().resolve("demo-" + org.marketingsql.demo.DemoCompany.VERSION).resolve("exports");
    if (!Files.isDirectory(exports)) {
      // generated aside and moved into place, as the driver does, so that no other process sees half a demo
      Files.createDirectories(exports.getParent());
      Path staging = Files.createTempDirectory(exports.getParent(), "exports-");
      org.marketingsql.demo.DemoCompany.generate(staging);
      try {
        Files.move(staging, exports, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.io.IOException raced) {
        if (!Files.isDirectory(exports)) {
          throw raced;
        }
      }
      System.err.println("bench: generated the demo company's exports in " + exports);
    }
    String password = passwordEnv == null ? "" : ", \"password\": " + json("${env:" + passwordEnv + "}");
    String model = """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": {"url": %s, "user": %s%s}, "reportingCurrency": "USD", "fiscalYearStartMonth": 1,
           "sources": [{"name": "exports", "type": "csv-folder", "path": %s, "billing": {"google_ads": {"threshold": 5000},
             "meta_ads": {"threshold": 2500}, "microsoft_ads": "prepaid"}}]}}]}"""
        .formatted(json(store), json(user), password, json(exports.toString()));
    Path file = Files.createTempFile("marketing-sql-bench-", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(file, model);
    return "jdbc:marketing:model=" + file;
  }

  private static String json(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** What a BI tool's first answer is measured with: the query, and the warm connection's time for it. */
  static final String BI_QUERY = "SELECT * FROM finance.channel_roi";

  /** One query in the driver's SQL and in DuckDB's, over the same rows. */
  record Query(String name, String driverSql, String duckDbSql) {
  }

  @Override
  public Integer call() throws Exception {
    if (clients == null && (store != null || user != null || passwordEnv != null)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--store, --user and --password-env go with --clients");
    }
    if (clients != null) {
      try {
        String url = store == null ? target.url() : demoOnPostgres();
        new ClientsBench(url, clients, seconds, warmUpSeconds, System.out).run();
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
      }
      return 0;
    }
    if (freshJvms < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--fresh-jvms is at least 1, not " + freshJvms);
    }
    if (!export.equals("csv") && !export.equals("google-ads")) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--export is csv or google-ads, not " + export);
    }
    Path home = Locations.cacheDir().resolve("bench-" + rows);
    Path plain = home.resolve("exports").resolve("ad_spend.csv");
    if (!Files.isRegularFile(plain)) {
      Files.createDirectories(plain.getParent());
      System.err.println("bench: writing " + rows + " rows of ad spend to " + plain);
      BenchData.writeAdSpend(plain, rows, 42);
    }
    Path exports = plain.getParent();
    Path csv = plain;
    if (export.equals("google-ads")) {
      exports = home.resolve("google-ads");
      csv = exports.resolve("campaign_report.csv");
      if (!Files.isRegularFile(csv)) {
        Files.createDirectories(exports);
        System.err.println("bench: writing the same rows as a Google Ads campaign report to " + csv);
        GoogleAdsReport.write(plain, csv);
      }
    }
    long bytes = Files.size(csv);
    String url = "jdbc:marketing:csv=" + exports;
    StoreFolder folder = StoreFolder.of("jdbc:duckdb:" + Locations.cacheDir()
        .resolve("csv-" + Locations.shortHash(exports.toAbsolutePath().normalize().toString())).resolve("store.duckdb"))
        .orElseThrow();
    deleteTree(folder.dir());
    Files.deleteIfExists(folder.legacyFile());

    System.err.println("bench: loading " + bytes / 1_000_000 + " MB into a new store");
    long loadStart = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(url)) {
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      StartupTimes startup = startupTimes(connection);
      List<String> archive = classDataArchive();
      double firstQuery = firstQueryInFreshJvms(exports, archive, freshJvms);
      double firstQueryWithoutArchive = archive.isEmpty() ? 0 : firstQueryInFreshJvms(exports, List.of(), freshJvms);
      Path jar = driverJar != null ? driverJar : shadedDriverJar();
      double[] biFirstAnswer = jar == null ? null : biToolFirstAnswers(jar, url, freshJvms);
      List<Query> queries = queries(connection);
      Path store = folder.current().orElseThrow().file();
      Properties readOnly = new Properties();
      readOnly.setProperty("duckdb.read_only", "true");
      double referenceLoad = 0;
      if (export.equals("csv")) {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + store, readOnly)) {
          referenceLoad = duckDbAloneLoad(duck, csv, home.resolve("reference.duckdb"));
        }
      }
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + store, readOnly)) {
        System.out.printf("Marketing SQL bench: %,d rows of ad spend (%,d MB, %s export), %d cores, Java %s%n", rows,
            bytes / 1_000_000, export, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("first connect: %.1f s, %.0f MB/s in all (load, build facts, start)%n", loadSeconds,
            bytes / 1e6 / loadSeconds);
        if (startup != null) {
          double load = startup.load().toNanos() / 1e9;
          double facts = startup.facts().toNanos() / 1e9;
          System.out.printf("  load the export: %.1f s, %.0f MB/s (parse, check, store)%n", load, bytes / 1e6 / load);
          if (referenceLoad > 0) {
            System.out.printf("  DuckDB alone reading the file into a table: %.1f s, %.0f MB/s; ratio %.2f%n",
                referenceLoad, bytes / 1e6 / referenceLoad, load / referenceLoad);
          }
          System.out.printf("  build the facts: %.1f s%n", facts);
          System.out.printf("  start (open the store, Calcite): %.1f s%n", loadSeconds - load - facts);
        }
        System.out.printf("first query in a fresh JVM on the existing store: %.2f s (median of %d, JVM start included%s)%n",
            firstQuery, freshJvms, archive.isEmpty() ? ", no class-data archive" : ", with the launcher's class-data archive");
        if (!archive.isEmpty()) {
          System.out.printf("  the same without the class-data archive: %.2f s%n", firstQueryWithoutArchive);
        }
        if (biFirstAnswer == null) {
          System.out.println("BI tool's first answer: not measured, no shaded driver jar (mvn package builds it; or --driver-jar)");
        } else {
          double warm = warmMillis(connection, BI_QUERY);
          System.out.printf("BI tool's first answer (a fresh JVM with only the driver jar, getConnection to the first row of"
              + " finance.channel_roi): %.2f s (median of %d; connect %.2f s, JVM start to main %.2f s not included);"
              + " warm connection %.1f ms, ratio %.0f%n", biFirstAnswer[0], freshJvms, biFirstAnswer[1], biFirstAnswer[2], warm,
              biFirstAnswer[0] * 1000 / warm);
        }
        System.out.printf("%-34s %12s %12s %8s%n", "query", "driver ms", "duckdb ms", "ratio");
        for (Query q : queries) {
          // Warm as a BI tool's connection is after a while: until both sides' code is compiled, not 3 runs.
          long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
          for (int i = 0; i < 3 || System.nanoTime() < warmUntil; i++) {
            time(connection, q.driverSql());
            time(duck, q.duckDbSql());
          }
          double[] driver = new double[iterations];
          double[] alone = new double[iterations];
          for (int i = 0; i < iterations; i++) {
            driver[i] = time(connection, q.driverSql());
            alone[i] = time(duck, q.duckDbSql());
          }
          double d = median(driver);
          double a = median(alone);
          System.out.printf("%-34s %12.2f %12.2f %8.2f%n", q.name(), d, a, d / a);
        }
      }
      MarketingSchema schema = RefreshCommand.schemaOf(connection);
      if (schema != null) {
        double[][] open = connectionOpenMillis(url, exports, Refresher.of(schema.config()), OPEN_SAMPLES);
        System.out.printf("connection open: %.1f ms median, %.1f ms p95 with no refresh running; %.1f ms median,"
            + " %.1f ms p95 while a refresh runs (%d opens each); ratio %.2f%n", median(open[0]), p95(open[0]),
            median(open[1]), p95(open[1]), OPEN_SAMPLES, median(open[1]) / median(open[0]));
      }
    }
    return 0;
  }

  /** Connections opened for each side of the connection open line. */
  static final int OPEN_SAMPLES = 30;

  /**
   * Milliseconds to open (and close) a connection on the store, {@code samples} times with no refresh running,
   * then {@code samples} times while one runs: a probe file added to the export folder makes each refresh
   * load it, rebuild what depends on it and publish a new snapshot; only opens that began and ended while a
   * refresh ran count. The probe is removed afterwards.
   */
  private static double[][] connectionOpenMillis(String url, Path exports, Refresher refresher, int samples)
      throws IOException, SQLException {
    refresher.awaitRunning(Duration.ofMinutes(30));
    double[] idle = new double[samples];
    for (int i = 0; i < samples; i++) {
      idle[i] = openMillis(url);
    }
    double[] busy = new double[samples];
    Path probe = exports.resolve("bench_refresh_probe.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    try {
      int taken = 0;
      for (int round = 1; taken < samples; ) {
        if (System.nanoTime() > deadline) {
          throw new IOException("bench: no refresh ran long enough for " + samples + " connections in 30 minutes");
        }
        if (!refresher.isRunning()) {
          Files.writeString(probe, "round,value\n" + round++ + ",1\n");
          refresher.refreshInBackground("bench: connections open while a refresh runs");
          if (!refresher.isRunning()) {
            // one failed moments ago: the refresher waits a while before the next
            sleep(100);
          }
          continue;
        }
        double millis = openMillis(url);
        if (refresher.isRunning()) {
          busy[taken++] = millis;
        }
      }
    } finally {
      Files.deleteIfExists(probe);
      refresher.awaitRunning(Duration.ofMinutes(30));
    }
    return new double[][] {idle, busy};
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("bench: interrupted", e);
    }
  }

  private static double openMillis(String url) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url)) {
      return (System.nanoTime() - start) / 1e6;
    }
  }

  /** The 95th percentile, nearest rank. */
  private static double p95(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1)];
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The parts of the first connect, as the schema measured them; null when the connection does not say. */
  private static StartupTimes startupTimes(Connection connection) throws SQLException {
    SchemaPlus marketing = connection.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("marketing");
    MarketingSchema schema = marketing == null ? null : marketing.unwrap(MarketingSchema.class);
    return schema == null ? null : schema.startupTimes();
  }

  private static List<Query> queries(Connection connection) throws SQLException {
    LocalDate first;
    String campaign;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(date_day), MIN(campaign_id) FROM finance.ad_spend_daily")) {
      rs.next();
      first = rs.getDate(1).toLocalDate();
      campaign = rs.getString(2);
    }
    String from = first.toString();
    String to = first.plusMonths(6).toString();
    List<Query> queries = new ArrayList<>();
    // The same SQL on both sides, so a ratio measures the driver alone; ROI() and ROAS() would run above the JDBC boundary.
    String roi = "SELECT platform, SUM(spend_rc) AS spend_rc, CASE WHEN SUM(spend_rc) = 0 THEN NULL ELSE"
        + " (SUM(conversions_value_rc) - SUM(spend_rc)) / SUM(spend_rc) END AS roi FROM %s GROUP BY platform";
    queries.add(new Query("ROI by platform", roi.formatted("finance.ad_spend_daily"),
        roi.formatted("_marketing.ad_spend")));
    queries.add(new Query("platform x month over a quarter",
        "SELECT platform, FLOOR(date_day TO MONTH) AS month_start, SUM(spend_rc) AS spend_rc, SUM(clicks) AS clicks"
            + " FROM finance.ad_spend_daily WHERE date_day >= DATE '" + from + "' AND date_day < DATE '" + to + "'"
            + " GROUP BY platform, FLOOR(date_day TO MONTH)",
        "SELECT platform, date_trunc('month', date_day) AS month_start, SUM(spend_rc) AS spend_rc, SUM(clicks) AS clicks"
            + " FROM _marketing.ad_spend WHERE date_day >= DATE '" + from + "' AND date_day < DATE '" + to + "'"
            + " GROUP BY platform, date_trunc('month', date_day)"));
    String top = "SELECT campaign_id, SUM(conversions_value_rc) / SUM(spend_rc) AS roas FROM %s"
        + " GROUP BY campaign_id HAVING SUM(spend_rc) > 1000 ORDER BY 2 DESC FETCH FIRST 20 ROWS ONLY";
    queries.add(new Query("top 20 campaigns by ROAS (HAVING)", top.formatted("finance.ad_spend_daily"),
        top.formatted("_marketing.ad_spend")));
    queries.add(new Query("one campaign's row count",
        "SELECT COUNT(*) FROM finance.ad_spend_daily WHERE campaign_id = '" + campaign + "'",
        "SELECT COUNT(*) FROM _marketing.ad_spend WHERE campaign_id = '" + campaign + "'"));
    return queries;
  }

  /**
   * Seconds for DuckDB alone to read the export into a table of a new database file with the column
   * types the store gave it: the reference for the loader, measured on the same machine in the same run.
   */
  private static double duckDbAloneLoad(Connection store, Path csv, Path database) throws SQLException, IOException {
    StringBuilder columns = new StringBuilder();
    try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery("SELECT column_name, data_type"
        + " FROM information_schema.columns WHERE table_schema = 'exports' AND table_name = 'ad_spend'"
        + " ORDER BY ordinal_position")) {
      while (rs.next()) {
        columns.append(columns.isEmpty() ? "" : ", ").append('\'').append(rs.getString(1)).append("': '")
            .append(rs.getString(2)).append('\'');
      }
    }
    Files.deleteIfExists(database);
    Files.deleteIfExists(Path.of(database + ".wal"));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + database); Statement s = duck.createStatement()) {
      long start = System.nanoTime();
      s.execute("CREATE TABLE ad_spend AS SELECT * FROM read_csv("
          + org.marketingsql.store.Sql.literal(org.marketingsql.store.DuckDbPaths.exact(csv))
          + ", header = true, auto_detect = false, columns = {" + columns + "})");
      return (System.nanoTime() - start) / 1e9;
    } finally {
      Files.deleteIfExists(database);
      Files.deleteIfExists(Path.of(database + ".wal"));
    }
  }

  /** Milliseconds to run a query and read every row. */
  private static double time(Connection connection, String sql) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * The class-data archive options this JVM was started with (the launcher's, see {@code marketing-sql}),
   * so the fresh JVM starts as a user's query does; empty when there is none.
   */
  private static List<String> classDataArchive() {
    List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(o -> o.startsWith("-XX:SharedArchiveFile=") || o.startsWith("-Xlog:cds")).toList();
    return options.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")) ? options : List.of();
  }

  /** The median of {@code runs} {@link #firstQueryInFreshJvm} runs: one start is at the mercy of the machine's moment. */
  private static double firstQueryInFreshJvms(Path exports, List<String> jvmOptions, int runs)
      throws IOException, InterruptedException {
    double[] seconds = new double[runs];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = firstQueryInFreshJvm(exports, jvmOptions);
    }
    return median(seconds);
  }

  /** Seconds for a new JVM to connect to the loaded store and answer one query. */
  private static double firstQueryInFreshJvm(Path exports, List<String> jvmOptions)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    String home = System.getProperty("marketingsql.home");
    if (home != null) {
      command.add("-Dmarketingsql.home=" + home);
    }
    command.addAll(List.of(Main.class.getName(), "query", "--csv", exports.toString(), "--format", "csv",
        "SELECT platform, SUM(spend_rc) FROM finance.ad_spend_daily GROUP BY platform"));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the fresh-JVM query did not finish in 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException("the fresh-JVM query failed with exit code " + process.exitValue());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The shaded jar of this build, found from where this class was loaded ({@code cli/target/lib} or
   * {@code cli/target/classes}); null when there is none.
   */
  static Path shadedDriverJar() throws IOException {
    Path here;
    try {
      here = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path target = dir.resolve("driver").resolve("target");
      if (Files.isDirectory(target)) {
        try (var jars = Files.newDirectoryStream(target, "marketing-sql-driver-*-all.jar")) {
          for (Path jar : jars) {
            return jar;
          }
        }
      }
    }
    return null;
  }

  /** Median seconds over {@code count} fresh JVMs: to the first row, of which connecting, and JVM start to main. */
  private static double[] biToolFirstAnswers(Path jar, String url, int count) throws IOException, InterruptedException {
    double[][] runs = new double[3][count];
    for (int i = 0; i < count; i++) {
      double[] run = biToolFirstAnswer(jar, url);
      for (int k = 0; k < 3; k++) {
        runs[k][i] = run[k];
      }
    }
    return new double[] {median(runs[0]), median(runs[1]), median(runs[2])};
  }

  /**
   * A BI tool's JVM, as far as the driver can tell: nothing on the classpath but the shaded jar. A probe (Java's
   * source launcher; its compiling happens before the clock starts) times {@code DriverManager.getConnection} to
   * the first row of {@value #BI_QUERY}; it prints seconds to the first row, to the connection, and from the JVM's
   * start to its main method.
   */
  private static double[] biToolFirstAnswer(Path jar, String url) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("bench-bi");
    try {
      Path probe = dir.resolve("FirstAnswer.java");
      Files.writeString(probe, """
          import java.sql.*;
          public class FirstAnswer {
            public static void main(String[] args) throws Exception {
              long main = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
              long start = System.nanoTime();
              try (Connection c = DriverManager.getConnection(args[0])) {
                long connected = System.nanoTime();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(args[1])) {
                  if (!rs.next()) {
                    throw new IllegalStateException("no rows from " + args[1]);
                  }
                  long first = System.nanoTime();
                  System.out.println((first - start) / 1e9 + " " + (connected - start) / 1e9 + " " + main / 1e3);
                }
              }
            }
          }
          """);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
          jar.toAbsolutePath().toString()));
      String home = System.getProperty("marketingsql.home");
      if (home != null) {
        command.add("-Dmarketingsql.home=" + home);
      }
      command.addAll(List.of(probe.toString(), url, BI_QUERY));
      Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("the BI tool's first answer with " + jar + " did not come in 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException("the BI tool's first answer with " + jar + " failed with exit code " + process.exitValue()
            + ": " + Files.readString(dir.resolve("stderr.txt")).strip());
      }
      String[] parts = out.split(" ");
      return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** Median milliseconds of {@code sql} on a connection that has run it before. */
  private static double warmMillis(Connection connection, String sql) throws SQLException {
    double[] ms = new double[15];
    for (int i = 0; i < 5; i++) {
      time(connection, sql);
    }
    for (int i = 0; i < ms.length; i++) {
      ms[i] = time(connection, sql);
    }
    return median(ms);
  }
}
