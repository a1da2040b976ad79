package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.RefreshLease;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;

/**
 * A connection whose store is on PostgreSQL: it leads the refresh, publishes it in one transaction, and
 * {@code finance.data_freshness} shows the publication every node sees.
 */
class PostgresStoreSchemaTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  Path temp;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private String model;
  private String database;
  private Path folder;
  private Path password;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      // a database of its own per test: a JVM shares an open store by its URL
      database = "schema_store_" + DATABASES.incrementAndGet();
      s.execute("CREATE DATABASE " + database);
    }
    folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("notes.csv"), "id,amount\n1,2.50\n2,3.00\n");
    password = Files.writeString(temp.resolve("pg-password"), postgres.password() + "\n");
    model = """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": {"url": "%s", "user": "%s", "password": "${file:%s}"},
           "sources": [{"name": "exports", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(postgres.url(database), postgres.user(), password.toString().replace("\\", "/"),
        folder.toString().replace("\\", "/"));
  }

  @Test
  void aConnectionRefreshesThePostgresqlStoreInOnePublicationAndReadsIt() throws Exception {
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM exports.notes")) {
        assertTrue(rs.next());
        assertEquals(0, new BigDecimal("5.50").compareTo(rs.getBigDecimal(1)));
      }
      try (ResultSet rs = s.executeQuery("SELECT tables, failed_tables, snapshot_generation, snapshot_at,"
          + " last_refresh_error, pending FROM finance.data_freshness WHERE source_name = 'exports'")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong("tables"));
        assertEquals(0, rs.getLong("failed_tables"));
        assertEquals(1, rs.getLong("snapshot_generation"));
        assertTrue(rs.getTimestamp("snapshot_at") != null);
        assertNull(rs.getString("last_refresh_error"));
        assertNull(rs.getString("pending"));
        assertFalse(rs.next());
      }
    }
  }

  private long generation() throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.url(database), postgres.user(), postgres.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"generation\" FROM \"_marketing\".\"publications\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theScheduleOfTwoNodesPublishesAChangedExportOnceAndNothingWhenNothingChanged() throws Exception {
    try (Connection c = Sql.calcite(model).connect()) {
      assertEquals(1, generation());
    }
    Files.writeString(folder.resolve("more.csv"), "id,amount\n3,4.00\n");
    MarketingConfig config = scheduled("1s");
    try (PostgresRefresh first = PostgresRefresh.schedule(config); PostgresRefresh second = PostgresRefresh.schedule(config)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (generation() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(2, generation());
      Thread.sleep(3_000); // three more ticks of each node, with nothing changed
      assertEquals(2, generation());
    }
    try (Connection c = DriverManager.getConnection(postgres.url(database), postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM exports.more")) {
      rs.next();
      assertEquals(0, new BigDecimal("4").compareTo(rs.getBigDecimal(1)));
    }
  }

  @Test
  void aNodeThatFoundAnotherLeadingTakesOverWithinSecondsOfTheLeaseBeingFreedNotAtItsNextTick() throws Exception {
    try (Connection c = Sql.calcite(model).connect()) {
      assertEquals(1, generation());
    }
    Files.writeString(folder.resolve("more.csv"), "id,amount\n3,4.00\n");
    MarketingConfig config = scheduled("10m");
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      long freed;
      RefreshLease leader = store.tryLeadRefresh().orElseThrow();
      try (PostgresRefresh standby = PostgresRefresh.schedule(config, Duration.ZERO)) {
        try (leader) {
          Thread.sleep(1_500); // the standby's first tick finds the lease taken
          assertEquals(1, generation());
        }
        freed = System.nanoTime();
        long deadline = freed + TimeUnit.SECONDS.toNanos(30);
        while (generation() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - freed);
        assertEquals(2, generation(), "the standby published the refresh the leader left undone");
        assertTrue(seconds < 20, "taken over " + seconds + " s after the lease was freed; the schedule's tick is 10 min");
      }
    }
  }

  /** The configuration with its export folder checked every {@code every}. */
  private MarketingConfig scheduled(String every) {
    return new ConfigReader().read(Map.of(
        "store", Map.of("url", postgres.url(database), "user", postgres.user(), "password", "${file:" + password + "}"),
        "sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString())),
        "refresh", Map.of("exports", every)), temp, "jdbc:duckdb:" + temp.resolve("unused.duckdb"));
  }

  private MarketingConfig config() {
    return new ConfigReader().read(Map.of(
        "store", Map.of("url", postgres.url(database), "user", postgres.user(), "password", "${file:" + password + "}"),
        "sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString()))),
        temp, "jdbc:duckdb:" + temp.resolve("unused.duckdb"));
  }

  @Test
  void aRefreshThatMayWaitWaitsForTheLeadingNodeAndThenRefreshesWhatIsStillDue() throws Exception {
    MarketingConfig config = config();
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      CompletableFuture<PostgresRefresh.Outcome> waiting;
      try (RefreshLease other = store.tryLeadRefresh().orElseThrow()) {
        assertEquals(PostgresRefresh.Status.LEFT_TO_OTHER_NODE, PostgresRefresh.refresh(config, store).status());
        waiting = CompletableFuture.supplyAsync(
            () -> PostgresRefresh.refresh(config, store, Duration.ofSeconds(60)));
        Thread.sleep(700);
        assertFalse(waiting.isDone(), "it did not wait for the leading node");
      }
      assertEquals(PostgresRefresh.Status.PUBLISHED, waiting.get(60, TimeUnit.SECONDS).status());
      assertEquals(1, generation());
      assertEquals(PostgresRefresh.Status.UP_TO_DATE, PostgresRefresh.refresh(config, store).status());
    }
  }

  @Test
  void aRefreshWhoseLeaseSessionEndsMidwayPublishesNothingAndSyncStatusSaysItLostTheLease() throws Exception {
    MarketingConfig config = config();
    try (Connection c = Sql.calcite(model).connect()) {
      assertEquals(1, generation());
    }
    Files.writeString(folder.resolve("more.csv"), "id,amount\n3,4.00\n");
    PostgresRefresh.Outcome outcome;
    Refresher.phaseListener = phase -> {
      if (phase.equals("facts")) {
        // the lease session ends half-way, as when its network breaks: its lock is released at once
        try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
          s.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name LIKE"
              + " 'marketing-sql refresher %' AND datname = '" + database + "'");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      outcome = PostgresRefresh.refresh(config, store);
    } finally {
      Refresher.phaseListener = phase -> { };
    }
    assertEquals(PostgresRefresh.Status.FAILED, outcome.status());
    assertEquals(1, generation(), "the refresh published without its lease");
    try (Store store = Store.open(config.store(), config.storeLogin());
        RefreshLease otherNode = store.tryLeadRefresh().orElseThrow()) {
      // while another node leads, a connection reads, and shows why the last refresh published nothing
      List<String> rows = Sql.calcite(model).query("SELECT last_error FROM sync.sync_status"
          + " WHERE source_name = '(refresh)'").rows();
      assertEquals(1, rows.size(), rows.toString());
      assertTrue(rows.get(0).contains("lost the refresh lease to another node"), rows.get(0));
      SQLException notPublished = assertThrows(SQLException.class,
          () -> Sql.calcite(model).query("SELECT * FROM exports.more").rows());
      assertTrue(notPublished.getMessage().contains("'more' not found"), notPublished.getMessage());
    }
    try (Connection c = Sql.calcite(model).connect()) {
      // the data is stale: the connection answers at once and the refresh, with the lease, runs in the background
      // (the one the connection started, or, when that one is done, one that finds nothing due); a background
      // refresh started while the other node still led may still be ending, having left the work to it, so
      // the refresh is asked again until one has run with the lease
      for (int attempt = 0; attempt < 3 && generation() < 2; attempt++) {
        PostgresRefresh.inBackground(config).get(60, TimeUnit.SECONDS);
      }
      assertEquals(2, generation(), "the next refresh, with the lease, published");
    }
  }

  @Test
  void aNodeWhoseLeaseEndedMidRefreshDoesNotTakeItBackOnAnotherThreadWhileThatRefreshIsStillStopping()
      throws Exception {
    MarketingConfig config = config();
    try (Connection c = Sql.calcite(model).connect()) {
      assertEquals(1, generation());
    }
    Files.writeString(folder.resolve("more.csv"), "id,amount\n3,4.00\n");
    CountDownLatch atFacts = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    Refresher.phaseListener = phase -> {
      if (phase.equals("facts")) {
        atFacts.countDown();
        try {
          letGo.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (Store store = Store.open(config.store(), config.storeLogin())) {
      CompletableFuture<PostgresRefresh.Outcome> first = CompletableFuture.supplyAsync(
          () -> PostgresRefresh.refresh(config, store));
      try {
        assertTrue(atFacts.await(60, TimeUnit.SECONDS), "the first refresh reached its facts");
        try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
          s.execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name LIKE"
              + " 'marketing-sql refresher %' AND datname = '" + database + "'");
        }
        // this node's schedule ticks meanwhile: the lease is free, yet it is another node's to take
        assertEquals(PostgresRefresh.Status.RUNNING_HERE, PostgresRefresh.refresh(config, store).status());
        try (RefreshLease otherNode = store.tryLeadRefresh().orElseThrow(
            () -> new AssertionError("this node took the lease back while its refresh was stopping"))) {
          assertTrue(otherNode.isHeld());
        }
      } finally {
        letGo.countDown();
        Refresher.phaseListener = phase -> { };
      }
      assertEquals(PostgresRefresh.Status.FAILED, first.get(60, TimeUnit.SECONDS).status());
      assertEquals(1, generation(), "the refresh whose lease ended published nothing");
      assertEquals(PostgresRefresh.Status.PUBLISHED, PostgresRefresh.refresh(config, store).status(),
          "once it has stopped, this node may lead again");
      assertEquals(2, generation());
    }
  }

  @Test
  void aConnectionOpenedWhileTheDataIsStaleAnswersFromTheLastPublicationWhileTheRefreshRunsInTheBackground()
      throws Exception {
    try (Connection c = Sql.calcite(model).connect()) {
      assertEquals(1, generation(), "a store never published is refreshed before the first connection answers");
    }
    Files.writeString(folder.resolve("more.csv"), "id,amount\n3,4.00\n");
    try (Connection publisher = DriverManager.getConnection(postgres.url(database), postgres.user(), postgres.password());
        Statement lock = publisher.createStatement()) {
      // the lock (of the store's database) every publication takes for its transaction: the refresh started now cannot publish before we let go
      lock.execute("SELECT pg_advisory_lock(" + 0x4D53514C + ", 2)");
      // had the connection waited for the refresh, it would wait for the lock held here: it must answer without
      CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return numbers(model, "SELECT SUM(amount) FROM exports.notes");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals("5.5", answer.get(30, TimeUnit.SECONDS), "the last publication's rows");
      CompletableFuture<PostgresRefresh.Outcome> refresh = PostgresRefresh.inBackground(config());
      Thread.sleep(500);
      assertFalse(refresh.isDone(), () -> "the refresh waits for the publication lock, the connection did not: "
          + refresh.getNow(null));
      assertEquals(1, generation());
      lock.execute("SELECT pg_advisory_unlock(" + 0x4D53514C + ", 2)");
      assertEquals(PostgresRefresh.Status.PUBLISHED, refresh.get(60, TimeUnit.SECONDS).status());
    }
    assertEquals(2, generation());
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM exports.more")) {
      assertTrue(rs.next());
      assertEquals(0, new BigDecimal("4").compareTo(rs.getBigDecimal(1)));
    }
  }

  /** One row of numbers, as text. */
  private static String numbers(String model, String sql) throws Exception {
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        BigDecimal value = rs.getBigDecimal(i);
        row.append(i == 1 ? "" : " ").append(value == null ? "null" : value.stripTrailingZeros().toPlainString());
      }
      return row.toString();
    }
  }

  @Test
  void theFinanceFixturesFactsBuiltOnPostgresqlGiveDuckDbsNumbers() throws Exception {
    Fixtures.copy("finance", folder);
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_refresh_error, snapshot_generation FROM finance.data_freshness")) {
      assertTrue(rs.next());
      assertNull(rs.getString(1));
      assertEquals(1, rs.getLong(2));
    }
    String duckDb = Fixtures.model(folder, temp.resolve("store.duckdb"), "");
    for (String sql : List.of("SELECT COUNT(*), SUM(amount_rc), SUM(margin_rc) FROM finance.orders",
        "SELECT COUNT(*), SUM(spend_rc) FROM finance.ad_spend_daily")) {
      String expected = numbers(duckDb, sql);
      assertFalse(expected.startsWith("0 "), sql + ": " + expected);
      assertEquals(expected, numbers(model, sql), sql);
    }
  }
}
