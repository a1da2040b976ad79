package org.marketingsql.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Date;
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
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.pgwire.PgServer;
import org.marketingsql.pgwire.PgServerSettings;
import org.marketingsql.schema.MarketingSchema;
import org.marketingsql.schema.PostgresRefresh;
import org.marketingsql.schema.Refresher;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * {@code bench --clients}: a fixed mix of dashboard queries, run by N client threads at once through the
 * PostgreSQL port (an in-process {@code serve}, one pgJDBC connection per thread) and, as the reference,
 * the statements those queries send to the store, run by N threads directly on the store: on a DuckDB store's
 * current snapshot (DuckDB's JDBC driver, read only), or on a PostgreSQL store (pgJDBC, logged in as the
 * configuration says), one connection per thread. Each step warms up, then counts for a fixed time; one
 * refresh of the store runs during each timed window (a new snapshot of a DuckDB store; on PostgreSQL a full
 * refresh that rebuilds every fact in one publication). docs/performance.md explains the figures and holds
 * the targets.
 */
final class ClientsBench {
  private static final String USER = "bench";

  /** One query of the mix: its name and its SQL as a BI tool sends it. */
  record MixQuery(String name, String sql) {
    MixQuery {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sql, "sql");
    }
  }

  /** What one side measured at one client count. */
  record Result(int clients, long statements, long failed, double seconds, double p50Millis, double p95Millis,
      double[] p50PerQuery, String firstError, double nodeCpuMillis) {
    double perSecond() {
      return statements / seconds;
    }
  }

  /** Runs one statement of one client; returns nothing, throws what the statement threw. */
  private interface Client extends AutoCloseable {
    void run(int query) throws SQLException;

    @Override
    void close() throws SQLException;
  }

  private interface ClientFactory {
    Client open() throws SQLException;
  }

  private final String url;
  private final int[] clients;
  private final int seconds;
  private final int warmUpSeconds;
  private final PrintStream out;

  ClientsBench(String url, int[] clients, int seconds, int warmUpSeconds, PrintStream out) {
    this.url = Objects.requireNonNull(url, "url");
    if (clients.length == 0 || Arrays.stream(clients).anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException("--clients takes client counts of at least 1, such as 1,8,32");
    }
    if (seconds < 1) {
      throw new IllegalArgumentException("--seconds must be at least 1, found " + seconds);
    }
    if (warmUpSeconds < 0) {
      throw new IllegalArgumentException("--warm-up must not be negative, found " + warmUpSeconds);
    }
    this.clients = clients.clone();
    this.seconds = seconds;
    this.warmUpSeconds = warmUpSeconds;
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * The dashboard mix, on the data's last complete fiscal quarter and its fiscal year: what a finance
   * dashboard asks when it opens. Literal values, as dashboards send them.
   */
  static List<MixQuery> mix(Connection connection) throws SQLException {
    String quarter = DemoCommand.LastCompleteQuarter.of(connection);
    if (!quarter.matches("\\d{4}-Q[1-4]")) {
      throw new SQLException("unexpected fiscal quarter " + quarter);
    }
    int year = Integer.parseInt(quarter.substring(0, 4));
    LocalDate to;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(date_day) FROM finance.ad_spend_daily WHERE fiscal_quarter(date_day) = '"
            + quarter + "'")) {
      rs.next();
      Date last = rs.getDate(1);
      to = last.toLocalDate().plusDays(1);
    }
    LocalDate from = to.minusWeeks(13);
    return List.of(
        new MixQuery("channel ROI, fiscal quarter", """
            SELECT channel, SUM(spend_rc) AS spend_rc, SUM(attributed_revenue_rc) AS attributed_revenue_rc,
              ROI(SUM(gross_margin_rc), SUM(spend_rc)) AS roi, ROAS(SUM(attributed_revenue_rc), SUM(spend_rc)) AS roas
            FROM finance.channel_roi WHERE fiscal_quarter = '%s'
            GROUP BY channel ORDER BY 2 DESC, 1""".formatted(quarter)),
        new MixQuery("budget vs actual, fiscal quarter", """
            SELECT channel, SUM(budget_rc) AS budget_rc, SUM(actual_rc) AS actual_rc, SUM(variance_rc) AS variance_rc,
              DIVIDE(SUM(variance_rc), SUM(budget_rc)) AS variance_pct
            FROM finance.budget_vs_actual WHERE fiscal_quarter = '%s'
            GROUP BY channel ORDER BY channel""".formatted(quarter)),
        new MixQuery("unit economics, fiscal year", """
            SELECT month_start, channel, new_customers, cac, avg_ltv, ltv_to_cac, payback_months
            FROM finance.unit_economics WHERE fiscal_year = %d
            ORDER BY month_start, channel""".formatted(year)),
        new MixQuery("ad spend by week, 13 weeks", """
            SELECT date_trunc('week', date_day) AS week_start, platform, SUM(spend_rc) AS spend_rc, SUM(clicks) AS clicks
            FROM finance.ad_spend_daily WHERE date_day >= DATE '%s' AND date_day < DATE '%s'
            GROUP BY date_trunc('week', date_day), platform ORDER BY week_start, platform""".formatted(from, to)),
        new MixQuery("ROAS by channel and month, fiscal year", """
            SELECT month_start, channel, spend_rc, attributed_revenue_rc, roas
            FROM finance.channel_roi WHERE fiscal_year = %d
            ORDER BY month_start, channel""".formatted(year)),
        new MixQuery("top 10 campaigns by spend, fiscal quarter", """
            SELECT platform, campaign_name, SUM(spend_rc) AS spend_rc, SUM(conversions) AS conversions
            FROM finance.ad_spend_daily WHERE fiscal_quarter(date_day) = '%s'
            GROUP BY platform, campaign_name ORDER BY 3 DESC LIMIT 10""".formatted(quarter)));
  }

  void run() throws Exception {
    Path temp = Files.createTempDirectory("marketing-sql-bench");
    try (Connection driver = DriverManager.getConnection(url)) {
      MarketingSchema schema = schemaOf(driver);
      MarketingConfig config = schema.config();
      StoreFolder folder = StoreFolder.of(config.store()).orElse(null);
      boolean postgres = folder == null && config.store().startsWith("jdbc:postgresql:");
      if (folder == null && !postgres) {
        throw new IllegalArgumentException("bench --clients measures a DuckDB store folder or a PostgreSQL store; the"
            + " store " + config.store() + " is neither");
      }
      List<MixQuery> mix = mix(driver);
      char[] password = randomPassword();
      Path users = temp.resolve("users");
      new UsersFile(users).add(new User(USER, ScramVerifier.create(password, new SecureRandom()), List.of("*")));
      try (PgServer server = PgServer.start(PgServerSettings.defaults(url, users).withPort(0)
          .withBindAddress("127.0.0.1"))) {
        String pgUrl = "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
        Properties login = new Properties();
        login.setProperty("user", USER);
        login.setProperty("password", new String(password));
        List<List<String>> storeSql = storeStatements(mix, pgUrl, login);
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("Marketing SQL bench, clients: %d dashboard queries through the PostgreSQL port and on the store"
            + " alone, %d s per step after %d s of warm-up, a refresh during each step; %d cores, Java %s%n", mix.size(),
            seconds, warmUpSeconds, cores, System.getProperty("java.version"));
        out.printf("store: %s%n", schema.store().describe());
        for (int i = 0; i < mix.size(); i++) {
          out.printf("  %-42s %d store statement%s%n", mix.get(i).name(), storeSql.get(i).size(),
              storeSql.get(i).size() == 1 ? "" : "s");
        }
        out.printf("%7s | %9s %8s %8s | %9s %8s %8s | %10s %8s | %6s %6s | %9s%n", "clients", "port q/s", "p50 ms",
            "p95 ms", "store q/s", "p50 ms", "p95 ms", "q/s ratio", "p95 ratio", "failed", "", "refreshes");
        Runnable refresh;
        if (postgres) {
          refresh = () -> {
            PostgresRefresh.Status status = PostgresRefresh.refreshEverything(config, Duration.ofMinutes(5));
            if (status != PostgresRefresh.Status.PUBLISHED) {
              throw new IllegalStateException("another node led the refresh of " + schema.store().describe());
            }
          };
        } else {
          Refresher refresher = Refresher.of(config);
          refresh = () -> refresher.refreshWith(store -> null);
        }
        List<Result[]> all = new ArrayList<>();
        for (int n : clients) {
          RefreshRun portRefresh = new RefreshRun(refresh);
          Result port = step(n, () -> portClient(pgUrl, login, mix), mix.size(), portRefresh,
              new NodeCpu(NodeCpu.PORT_THREADS));
          RefreshRun storeRefresh = new RefreshRun(refresh);
          ClientFactory direct;
          if (postgres) {
            direct = () -> postgresClient(config.store(), config.storeLogin(), storeSql);
          } else {
            // the snapshot current now: the refresh of the step before may have replaced the one before it
            Path snapshot = folder.current().orElseThrow(() -> new IllegalStateException(
                "the store " + folder.dir() + " has no snapshot yet")).file();
            direct = () -> storeClient(snapshot, readOnly, storeSql);
          }
          Result store = step(n, direct, mix.size(), storeRefresh, null);
          all.add(new Result[] {port, store});
          out.printf("%7d | %9.1f %8.1f %8.1f | %9.1f %8.1f %8.1f | %10.2f %8.2f | %6d %6d | %9s%n", n, port.perSecond(),
              port.p50Millis(), port.p95Millis(), store.perSecond(), store.p50Millis(), store.p95Millis(),
              port.perSecond() / store.perSecond(), port.p95Millis() / store.p95Millis(), port.failed(), store.failed(),
              portRefresh.describe() + "/" + storeRefresh.describe());
          if (!Double.isNaN(port.nodeCpuMillis())) {
            out.printf("%7s   CPU of the port's threads (sessions, Netty) per port statement: %.3f ms%n", "",
                port.nodeCpuMillis());
          }
          for (Result r : new Result[] {port, store}) {
            if (r.firstError() != null) {
              System.err.println("bench: " + (r == port ? "port" : "store") + ", " + n + " clients: " + r.failed()
                  + " failed statements, the first: " + r.firstError());
            }
          }
        }
        out.printf("p50 ms per query, port / store alone:%n%-42s", "");
        for (int n : clients) {
          out.printf(" %17s", n + (n == 1 ? " client" : " clients"));
        }
        out.println();
        for (int q = 0; q < mix.size(); q++) {
          out.printf("  %-40s", mix.get(q).name());
          for (Result[] r : all) {
            out.printf(" %8.1f/%-8.1f", r[0].p50PerQuery()[q], r[1].p50PerQuery()[q]);
          }
          out.println();
        }
        printTargets(all);
      }
    } finally {
      deleteTree(temp);
    }
  }

  /** The targets of docs/performance.md against what was measured, where the client counts allow. */
  private void printTargets(List<Result[]> all) {
    Result[] at8 = find(all, 8);
    Result[] at32 = find(all, 32);
    if (at8 != null && at32 != null) {
      out.printf("throughput at 32 clients / at 8, through the port: %.2f (target >= 0.9)%n",
          at32[0].perSecond() / at8[0].perSecond());
    }
    for (Result[] r : all) {
      out.printf("port / store alone, throughput at %d clients: %.2f (target >= 0.7)%n", r[0].clients(),
          r[0].perSecond() / r[1].perSecond());
    }
    if (at8 != null) {
      out.printf("p95 at 8 clients through the port: %.1f ms (target < 100 ms)%n", at8[0].p95Millis());
    }
    long failed = all.stream().mapToLong(r -> r[0].failed() + r[1].failed()).sum();
    out.printf("failed statements: %d (target 0)%n", failed);
  }

  private static Result[] find(List<Result[]> all, int clients) {
    return all.stream().filter(r -> r[0].clients() == clients).findFirst().orElse(null);
  }

  /**
   * The statements each query of the mix sends to the store, as Calcite writes them for the store's
   * dialect: one per query that runs whole in the store, more where part of it runs above.
   */
  private static List<List<String>> storeStatements(List<MixQuery> mix, String pgUrl, Properties login)
      throws SQLException {
    List<List<String>> all = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pgUrl, login)) {
      for (MixQuery q : mix) {
        List<String> sql = new ArrayList<>();
        try (Hook.Closeable capture = Hook.QUERY_PLAN.add((Object plan) -> {
          if (plan instanceof String s) {
            synchronized (sql) {
              sql.add(s);
            }
          }
        })) {
          execute(c, q.sql());
        }
        if (sql.isEmpty()) {
          throw new SQLException("the query \"" + q.name() + "\" sent no statement to the store");
        }
        synchronized (sql) {
          all.add(List.copyOf(sql));
        }
      }
    }
    return all;
  }

  private static Client portClient(String pgUrl, Properties login, List<MixQuery> mix) throws SQLException {
    return client(DriverManager.getConnection(pgUrl, login), query -> List.of(mix.get(query).sql()));
  }

  private static Client storeClient(Path snapshot, Properties readOnly, List<List<String>> storeSql) throws SQLException {
    return client(DriverManager.getConnection("jdbc:duckdb:" + snapshot, readOnly), storeSql::get);
  }

  /** A client straight on a PostgreSQL store: pgJDBC, logged in as the configuration says. */
  private static Client postgresClient(String storeUrl, StoreLogin storeLogin, List<List<String>> storeSql)
      throws SQLException {
    Properties properties = new Properties();
    if (storeLogin != null) {
      properties.setProperty("user", storeLogin.user());
      if (storeLogin.password() != null) {
        properties.setProperty("password", storeLogin.password().reveal());
      }
    }
    properties.setProperty("ApplicationName", "marketing-sql bench");
    // the statements go as the store's read sessions send them, kept and prepared on the server after a few runs,
    // so that the reference is not slowed by parsing again what the port's sessions parse once; a mode in the
    // store's URL wins, as it does for the read sessions
    properties.setProperty("preferQueryMode", "extendedCacheEverything");
    return client(DriverManager.getConnection(storeUrl, properties), storeSql::get);
  }

  /**
   * One client of either side on its own connection: a query of the mix is the statements {@code statements}
   * gives for it (through the port the query itself; on the store alone what Calcite sent the store for it).
   */
  private static Client client(Connection connection, IntFunction<List<String>> statements) {
    return new Client() {
      @Override
      public void run(int query) throws SQLException {
        for (String sql : statements.apply(query)) {
          execute(connection, sql);
        }
      }

      @Override
      public void close() throws SQLException {
        connection.close();
      }
    };
  }

  /** Runs a query and reads every value of every row, as a client shows them. */
  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
      }
    }
  }

  /**
   * One step: {@code n} threads, each on its own connection, run each query of the mix once, then the mix in
   * turn (each starting at another query) for the warm-up, then for the timed window; the refresh starts when
   * the timed window does. Only the timed window counts. With {@code cpu}, the CPU time those threads used during the
   * window is divided among the window's statements (NaN without).
   */
  private Result step(int n, ClientFactory factory, int queries, RefreshRun refresh, NodeCpu cpu) throws Exception {
    List<Client> opened = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        opened.add(factory.open());
      }
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      long[][] latencies = new long[n][];
      int[][] queriesRun = new int[n][];
      int[] counts = new int[n];
      long[] failed = new long[n];
      AtomicReference<String> firstError = new AtomicReference<>();
      long[] window = new long[2];
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < n; t++) {
        int id = t;
        Client client = opened.get(t);
        Thread thread = new Thread(() -> {
          long[] mine = new long[1024];
          int[] which = new int[1024];
          int count = 0;
          int query = id % queries;
          // Each query once first: a new connection plans each statement once (plans are cached per connection).
          for (int q = 0; q < queries; q++) {
            try {
              client.run(q);
            } catch (SQLException | RuntimeException e) {
              failed[id]++;
              firstError.compareAndSet(null, e.getMessage());
            }
          }
          ready.countDown();
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long timedFrom = window[0];
          long end = window[1];
          while (true) {
            long start = System.nanoTime();
            if (start >= end) {
              break;
            }
            boolean ok = true;
            try {
              client.run(query);
            } catch (SQLException | RuntimeException e) {
              ok = false;
              failed[id]++; // the warm-up's too: not one statement may fail
              firstError.compareAndSet(null, e.getMessage());
            }
            long finished = System.nanoTime();
            if (ok && start >= timedFrom && finished <= end) {
              if (count == mine.length) {
                mine = Arrays.copyOf(mine, count * 2);
                which = Arrays.copyOf(which, count * 2);
              }
              which[count] = query;
              mine[count++] = finished - start;
            }
            query = (query + 1) % queries;
          }
          latencies[id] = mine;
          queriesRun[id] = which;
          counts[id] = count;
        }, "bench client " + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
      ready.await();
      long now = System.nanoTime();
      window[0] = now + warmUpSeconds * 1_000_000_000L;
      window[1] = window[0] + seconds * 1_000_000_000L;
      go.countDown();
      Thread.sleep(Math.max(0, (window[0] - System.nanoTime()) / 1_000_000));
      Map<Long, Long> cpuBefore = cpu == null ? Map.of() : cpu.read();
      refresh.start();
      Thread.sleep(Math.max(0, (window[1] - System.nanoTime()) / 1_000_000));
      long cpuNanos = cpu == null || !cpu.supported() ? -1 : NodeCpu.between(cpuBefore, cpu.read());
      for (Thread thread : threads) {
        thread.join();
      }
      refresh.await();
      int total = Arrays.stream(counts).sum();
      long[] all = new long[total];
      int at = 0;
      for (int t = 0; t < n; t++) {
        System.arraycopy(latencies[t], 0, all, at, counts[t]);
        at += counts[t];
      }
      double[] perQuery = new double[queries];
      for (int q = 0; q < queries; q++) {
        long[] times = new long[total];
        int found = 0;
        for (int t = 0; t < n; t++) {
          for (int i = 0; i < counts[t]; i++) {
            if (queriesRun[t][i] == q) {
              times[found++] = latencies[t][i];
            }
          }
        }
        times = Arrays.copyOf(times, found);
        Arrays.sort(times);
        perQuery[q] = percentile(times, 0.50);
      }
      Arrays.sort(all);
      return new Result(n, total, Arrays.stream(failed).sum(), seconds, percentile(all, 0.50), percentile(all, 0.95),
          perQuery, firstError.get(), cpuNanos < 0 || total == 0 ? Double.NaN : cpuNanos / 1e6 / total);
    } finally {
      for (Client c : opened) {
        c.close();
      }
    }
  }

  /** The nearest-rank percentile of sorted nanoseconds, in milliseconds; NaN when there are none. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** One refresh of the store in the background, which publishes whether or not the exports changed. */
  private static final class RefreshRun {
    private final Runnable refresh;
    private Thread thread;
    private volatile String outcome = "none";

    RefreshRun(Runnable refresh) {
      this.refresh = refresh;
    }

    void start() {
      thread = new Thread(() -> {
        long started = System.nanoTime();
        try {
          refresh.run();
          outcome = String.format("%.1fs", (System.nanoTime() - started) / 1e9);
        } catch (RuntimeException e) {
          outcome = "failed";
          System.err.println("bench: the refresh during the run failed: " + e.getMessage());
        }
      }, "bench refresh");
      thread.setDaemon(true);
      thread.start();
    }

    void await() throws InterruptedException {
      if (thread != null) {
        thread.join();
      }
    }

    String describe() {
      return outcome;
    }
  }

  private static char[] randomPassword() {
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    String letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < password.length; i++) {
      password[i] = letters.charAt(random.nextInt(letters.length()));
    }
    return password;
  }

  private static MarketingSchema schemaOf(Connection connection) throws SQLException {
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    for (String name : root.getSubSchemaNames()) {
      SchemaPlus sub = root.getSubSchema(name);
      try {
        MarketingSchema schema = sub == null ? null : sub.unwrap(MarketingSchema.class);
        if (schema != null) {
          return schema;
        }
      } catch (ClassCastException notIt) {
        // another schema (finance, sync, a source)
      }
    }
    throw new SQLException("the connection " + connection.getMetaData().getURL() + " has no Marketing SQL schema");
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
}
