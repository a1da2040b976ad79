package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.PublishAndWait;

/**
 * A refresh of a PostgreSQL store published in one transaction, and the one refresher among the nodes that
 * share the store, elected by an advisory lock: readers see the last published state until the commit, a
 * failed or killed refresh publishes nothing, and another node takes over from a dead one.
 */
class PostgresPublicationTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private Store store;
  private String url;
  private Process other;

  private Store newStore() throws SQLException {
    String database = "published_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    url = postgres.url(database);
    store = Store.open(url, login());
    store.write("creating spend", h -> h.execute("CREATE TABLE \"_marketing\".\"spend\" (\"spend\" DECIMAL(18,6))"));
    store.write("first spend", h -> h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (1), (2)"));
    return store;
  }

  private static StoreLogin login() {
    return new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password()));
  }

  @AfterEach
  void close() {
    if (other != null) {
      other.destroyForcibly();
    }
    if (store != null) {
      store.close();
    }
  }

  private static String spend(Store store) {
    return store.read(h -> h.createQuery("SELECT COALESCE(SUM(\"spend\"), 0) FROM \"_marketing\".\"spend\"")
        .mapTo(BigDecimal.class).one()).stripTrailingZeros().toPlainString();
  }

  private static void replaceSpend(Store store, String amount) {
    try {
      store.write("replacing spend", h -> {
        h.execute("DELETE FROM \"_marketing\".\"spend\"");
        try (RowWriter writer = store.writer(h, "_marketing", "spend", List.of("spend"))) {
          writer.write(new Object[] {new BigDecimal(amount)});
        }
        return null;
      });
    } catch (SQLException e) {
      throw new StoreException("replacing spend failed: " + e.getMessage(), e);
    }
  }

  @Test
  void everyUnitOfARefreshIsPublishedAtOnceAtItsEndAndReadersSeeTheStateBeforeUntilThen() throws Exception {
    Store opened = newStore();
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch looked = new CountDownLatch(1);
    String[] seenByTheRefresh = new String[1];
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(() -> opened.publish("refreshing", () -> {
      replaceSpend(opened, "40");
      opened.write("load state", h -> {
        LoadState.save(h, new LoadState("ads", "spend", "exports/spend.csv", 1, 1, null, null, "ok", null, 1L,
            "spend", null, null));
        return null;
      });
      seenByTheRefresh[0] = spend(opened);
      written.countDown();
      try {
        assertTrue(looked.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }));
    assertTrue(written.await(30, TimeUnit.SECONDS));
    assertEquals("3", spend(opened), "a reader before the commit");
    assertTrue(opened.read(h -> LoadState.forSource(h, "ads")).isEmpty());
    looked.countDown();
    refresh.get(30, TimeUnit.SECONDS);
    assertEquals("40", seenByTheRefresh[0], "the refresh reads what it wrote");
    assertEquals("40", spend(opened));
    assertEquals(1, opened.read(h -> LoadState.forSource(h, "ads")).size());
    Store.Published published = opened.published().orElseThrow();
    assertEquals(1, published.generation());
    assertTrue(Math.abs(Duration.between(published.at(), Instant.now()).toSeconds()) < 60,
        published.toString());
  }

  @Test
  void aRefreshThatFailsPublishesNothingOfWhatItWrote() throws Exception {
    Store opened = newStore();
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> opened.publish("refreshing", () -> {
      replaceSpend(opened, "40");
      throw new IllegalStateException("the facts failed");
    }));
    assertEquals("the facts failed", failed.getMessage());
    assertEquals("3", spend(opened));
    Store.Published after = opened.published().orElseThrow();
    assertEquals(0, after.generation());
    assertEquals("refreshing failed, so connections go on reading what was published before: the facts failed",
        after.failure());
    assertTrue(after.failedAt() != null);
    opened.publish("refreshing", () -> null);
    Store.Published next = opened.published().orElseThrow();
    assertEquals(1, next.generation());
    assertTrue(next.failure() == null && next.failedAt() == null, next.toString());
  }

  @Test
  void aUnitThatFailsIsUndoneAloneAndTheUnitsAroundItArePublished() throws Exception {
    Store opened = newStore();
    opened.publish("refreshing", () -> {
      replaceSpend(opened, "40");
      assertThrows(RuntimeException.class, () -> opened.write("a broken load", h -> {
        h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (500)");
        h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES ('not a number')");
        return null;
      }));
      opened.write("one more", h -> {
        h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (2)");
        Store.checkpoint(h);
        h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (1000)");
        Store.undo(h);
        h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (0.5)");
        return null;
      });
      return null;
    });
    assertEquals("42.5", spend(opened));
  }

  @Test
  void aDuckDbStorePublishesBySnapshotsNotInOneTransaction(@TempDir Path temp) {
    try (Store duck = Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"))) {
      assertFalse(duck.publishesInOneTransaction());
      StoreException refused = assertThrows(StoreException.class, () -> duck.publish("refreshing", () -> null));
      assertTrue(refused.getMessage().contains("publishes snapshots"), refused.getMessage());
      assertThrows(StoreException.class, duck::tryLeadRefresh);
    }
  }

  @Test
  void oneSessionLeadsTheRefreshAndTheRoleIsFreeAgainWhenItsHolderGivesItUp() throws Exception {
    Store opened = newStore();
    assertTrue(opened.publishesInOneTransaction());
    assertTrue(opened.refresher().isEmpty());
    Optional<RefreshLease> first = opened.tryLeadRefresh();
    assertTrue(first.isPresent());
    assertTrue(first.get().isHeld());
    assertTrue(opened.tryLeadRefresh().isEmpty(), "a second session leads too");
    String holder = opened.refresher().orElseThrow();
    assertTrue(holder.startsWith("marketing-sql refresher " + ProcessHandle.current().pid() + "@"), holder);
    first.get().close();
    assertTrue(opened.refresher().isEmpty());
    try (RefreshLease second = opened.tryLeadRefresh().orElseThrow()) {
      assertTrue(second.isHeld());
    }
  }

  @Test
  void anotherNodeTakesOverTheRefreshFromOneKilledMidwayAndTheLastPublishedDataStaysUntilThen() throws Exception {
    Store opened = newStore();
    other = new ProcessBuilder(ChildJava.command("-cp", System.getProperty("java.class.path"), PublishAndWait.class.getName(),
        url, postgres.user(), postgres.password(), "70", "120")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("midway", out.readLine());
    // the other node leads and has replaced the rows, unpublished: this one neither leads nor sees them
    assertTrue(opened.tryLeadRefresh().isEmpty(), "two nodes lead at once");
    assertTrue(opened.refresher().orElseThrow().startsWith("marketing-sql refresher " + other.pid() + "@"),
        opened.refresher().toString());
    assertEquals("3", spend(opened));

    other.destroyForcibly(); // kill -9: no unlock, no rollback sent
    assertTrue(other.waitFor(30, TimeUnit.SECONDS));
    Optional<RefreshLease> lease = Optional.empty();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (lease.isEmpty() && System.nanoTime() < deadline) {
      lease = opened.tryLeadRefresh();
      if (lease.isEmpty()) {
        Thread.sleep(100);
      }
    }
    assertTrue(lease.isPresent(), "the role stayed with the killed node");
    try (RefreshLease held = lease.get()) {
      assertEquals("3", spend(opened), "the killed refresh published something");
      opened.publish("refreshing", () -> {
        replaceSpend(opened, "80");
        return null;
      });
    }
    assertEquals("80", spend(opened));
  }

  /** Ends the refresh lease's session on the server, as a broken network or an administrator would. */
  private void terminateTheLeaseSession() throws SQLException {
    String sessions = " FROM pg_stat_activity WHERE application_name LIKE 'marketing-sql refresher %' AND datname = '"
        + url.substring(url.lastIndexOf('/') + 1) + "'";
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      // waits (up to 5 s) for the session to end: only then has the server released its lock
      s.execute("SELECT pg_terminate_backend(pid, 5000)" + sessions);
    }
  }

  @Test
  void aRefreshWhoseLeaseSessionEndsMidwayPublishesNothingAndSaysItLostTheLease() throws Exception {
    Store opened = newStore();
    RefreshLease lease = opened.tryLeadRefresh().orElseThrow();
    StoreException lost = assertThrows(StoreException.class, () -> opened.publish("refreshing", lease, () -> {
      replaceSpend(opened, "40");
      try {
        terminateTheLeaseSession();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    }));
    assertTrue(lost.getMessage().startsWith("lost the refresh lease to another node: the session of marketing-sql"
        + " refresher " + ProcessHandle.current().pid() + "@"), lost.getMessage());
    assertTrue(lost.getMessage().endsWith("nobody leads now; nothing of this refresh is published"), lost.getMessage());
    assertEquals("3", spend(opened), "the refresh published without its lease");
    Store.Published after = opened.published().orElseThrow();
    assertEquals(0, after.generation());
    assertTrue(after.failure().contains("lost the refresh lease to another node"), after.failure());
    lease.close();

    try (RefreshLease next = opened.tryLeadRefresh().orElseThrow()) {
      opened.publish("refreshing", next, () -> {
        replaceSpend(opened, "80");
        return null;
      });
    }
    assertEquals("80", spend(opened));
    assertEquals(1, opened.published().orElseThrow().generation());
  }

  @Test
  void aRefreshWhoseLeaseAnotherNodeTookMidwayRollsBackAndNamesTheNewLeader() throws Exception {
    Store opened = newStore();
    RefreshLease lease = opened.tryLeadRefresh().orElseThrow();
    RefreshLease[] taken = new RefreshLease[1];
    try (Store otherNode = Store.open(url, login())) {
      StoreException lost = assertThrows(StoreException.class, () -> opened.publish("refreshing", lease, () -> {
        replaceSpend(opened, "40");
        try {
          terminateTheLeaseSession();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (taken[0] == null && System.nanoTime() < deadline) {
          taken[0] = otherNode.tryLeadRefresh().orElse(null);
        }
        assertTrue(taken[0] != null, "the other node could not lead once the lease session ended");
        return null;
      }));
      assertTrue(lost.getMessage().contains("and " + taken[0].holder() + " leads now"), lost.getMessage());
      assertEquals("3", spend(opened));
      taken[0].close();
    } finally {
      lease.close();
    }
  }

  /** exports.wide with one BIGINT column a and the rows 1, 2, 3, published. */
  private void wideTable(Store store) throws SQLException {
    store.write("loading wide", h -> {
      h.execute("CREATE SCHEMA IF NOT EXISTS \"exports\"");
      store.replaceTable(h, "exports", "wide", List.of("a"), List.of("BIGINT"));
      try (RowWriter writer = store.writer(h, "exports", "wide", List.of("a"))) {
        for (long a = 1; a <= 3; a++) {
          writer.write(new Object[] {a});
        }
      }
      return null;
    });
  }

  private Connection reader() throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", postgres.user());
    login.setProperty("password", postgres.password());
    return DriverManager.getConnection(url, login);
  }

  private static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.add(rs.getString(i));
        }
        rows.add(String.join(",", values));
      }
      return String.join(";", rows);
    }
  }

  @Test
  void aTableWhoseColumnsChangeIsBuiltAsideAndSwappedInSoItsReadersWaitAtMostForTheSwap() throws Exception {
    Store store = newStore();
    wideTable(store);
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong longestMillis = new AtomicLong();
    AtomicInteger reads = new AtomicInteger();
    List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (Connection c = reader()) {
        while (reading.get()) {
          long started = System.nanoTime();
          String count = query(c, "SELECT count(*) FROM exports.wide");
          longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
          reads.incrementAndGet();
          if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(count)) {
            seen.add(count);
          }
          Thread.sleep(20);
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    String[] insideTheRefresh = new String[1];
    Instant started = Instant.now();
    store.publish("refreshing wide", () -> {
      try {
        store.write("reloading wide with a second column", h -> {
          store.replaceTable(h, "exports", "wide", List.of("a", "b"), List.of("BIGINT", "VARCHAR"));
          try (RowWriter writer = store.writer(h, "exports", "wide", List.of("a", "b"))) {
            for (long a = 1; a <= 4; a++) {
              writer.write(new Object[] {a, "row " + a});
            }
          }
          h.execute("UPDATE \"exports\".\"wide\" SET \"b\" = 'fourth' WHERE \"a\" = 4");
          return null;
        });
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      // the refresh itself reads the rebuilt table by its own name, as the facts do
      insideTheRefresh[0] = store.read(h -> h.createQuery("SELECT count(*) || ' ' || max(\"b\") FROM \"exports\".\"wide\"")
          .mapTo(String.class).one());
      try {
        Thread.sleep(3000); // a long refresh, held before its commit
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    Duration refresh = Duration.between(started, Instant.now());
    Thread.sleep(300);
    reading.set(false);
    reader.get(10, TimeUnit.SECONDS);

    assertEquals("4 row 3", insideTheRefresh[0]);
    assertTrue(refresh.toMillis() >= 3000, refresh.toString());
    assertTrue(reads.get() > 20, reads + " reads");
    assertTrue(longestMillis.get() < 1000, "the longest read took " + longestMillis + " ms during a refresh of " + refresh);
    assertEquals(List.of("3", "4"), seen);
    try (Connection c = reader()) {
      assertEquals("4,fourth", query(c, "SELECT a, b FROM exports.wide WHERE a = 4"));
      assertEquals("", query(c, "SELECT relname FROM pg_class WHERE relname LIKE 'wide%next%'"));
    }
  }

  @Test
  void aTableBuiltAsideByAUnitThatFailsIsForgottenAndTheOldTableStays() throws Exception {
    Store store = newStore();
    wideTable(store);
    store.publish("refreshing wide", () -> {
      assertThrows(IllegalStateException.class, () -> store.write("reloading wide, failing", h -> {
        store.replaceTable(h, "exports", "wide", List.of("a", "b"), List.of("BIGINT", "VARCHAR"));
        throw new IllegalStateException("the export broke off");
      }));
      assertEquals("3", store.read(h -> h.createQuery("SELECT count(*) FROM \"exports\".\"wide\"").mapTo(String.class).one()));
      return null;
    });
    try (Connection c = reader()) {
      assertEquals("a", query(c, "SELECT string_agg(column_name, ',') FROM information_schema.columns"
          + " WHERE table_schema = 'exports' AND table_name = 'wide'"));
      assertEquals("3", query(c, "SELECT count(*) FROM exports.wide"));
      assertEquals("", query(c, "SELECT relname FROM pg_class WHERE relname LIKE 'wide%next%'"));
    }
  }

  @Test
  void aTableDroppedByARefreshStaysUntilTheCommitAndOneWrittenAgainAfterItsDropIsKept() throws Exception {
    Store store = newStore();
    wideTable(store);
    store.write("loading narrow", h -> {
      store.replaceTable(h, "exports", "narrow", List.of("a"), List.of("BIGINT"));
      return null;
    });
    store.publish("refreshing", () -> {
      store.write("dropping both", h -> {
        store.dropTable(h, "exports", "wide");
        store.dropTable(h, "exports", "narrow");
        return null;
      });
      assertEquals("3", store.read(h -> h.createQuery("SELECT count(*) FROM \"exports\".\"wide\"")
          .mapTo(String.class).one()), "the dropped table, read by the refresh before its commit");
      try {
        store.write("loading wide again, with another column", h -> {
          store.replaceTable(h, "exports", "wide", List.of("a", "b"), List.of("BIGINT", "VARCHAR"));
          try (RowWriter writer = store.writer(h, "exports", "wide", List.of("a", "b"))) {
            writer.write(new Object[] {7L, "seven"});
          }
          return null;
        });
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return null;
    });
    try (Connection c = reader()) {
      assertEquals("7,seven", query(c, "SELECT a, b FROM exports.wide"));
      assertEquals("t", query(c, "SELECT to_regclass('exports.narrow') IS NULL"));
      assertEquals("", query(c, "SELECT relname FROM pg_class WHERE relname LIKE 'wide%next%'"));
    }
  }

  @Test
  void aDropByAUnitThatFailsIsForgottenAndTheTableStays() throws Exception {
    Store store = newStore();
    wideTable(store);
    store.publish("refreshing", () -> {
      assertThrows(IllegalStateException.class, () -> store.write("dropping wide, failing", h -> {
        store.dropTable(h, "exports", "wide");
        throw new IllegalStateException("the folder could not be listed");
      }));
      return null;
    });
    try (Connection c = reader()) {
      assertEquals("3", query(c, "SELECT count(*) FROM exports.wide"));
    }
  }

  @Test
  void aSwapWaitsForALongReaderInShortTriesAndOthersReadMeanwhile() throws Exception {
    Store store = newStore();
    wideTable(store);
    try (Connection holder = reader(); Connection other = reader()) {
      holder.setAutoCommit(false);
      query(holder, "SELECT count(*) FROM exports.wide"); // holds the table's lock until it ends, 1.5 s on
      CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1500);
          holder.commit();
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      CompletableFuture<Void> refresh = CompletableFuture.runAsync(() -> store.publish("refreshing wide", () -> {
        store.write("reloading wide with a second column", h -> {
          store.replaceTable(h, "exports", "wide", List.of("a", "b"), List.of("BIGINT", "VARCHAR"));
          return null;
        });
        return null;
      }));
      long longest = 0;
      while (!refresh.isDone()) {
        long started = System.nanoTime();
        query(other, "SELECT count(*) FROM exports.wide");
        longest = Math.max(longest, (System.nanoTime() - started) / 1_000_000);
        Thread.sleep(20);
      }
      refresh.get(10, TimeUnit.SECONDS);
      release.get(10, TimeUnit.SECONDS);
      assertTrue(longest < 1000, "the longest read took " + longest + " ms");
      assertEquals("0", query(other, "SELECT count(*) FROM exports.wide"));
      assertEquals("a,b", query(other, "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
          + " FROM information_schema.columns WHERE table_schema = 'exports' AND table_name = 'wide'"));
    }
  }

  @RegisterExtension
  final ApiStub stripeApi = ApiStub.empty();

  @Test
  void anApiSyncWhoseColumnsStayNeverLocksOutTheReadersOfItsTables() throws Exception {
    Store store = newStore();
    ApiStubs.stripe(stripeApi);
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), stripeApi.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    ApiTableSync sync = new ApiTableSync(store, Clock.systemUTC());
    sync.run("stripe", new StripeSource(config, fast, d -> { }).tables(), false, ApiTableSync.Listener.NONE);
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong longestMillis = new AtomicLong();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (Connection c = reader()) {
        while (reading.get()) {
          long started = System.nanoTime();
          query(c, "SELECT count(*) FROM stripe.charges");
          query(c, "SELECT count(*) FROM stripe.orders");
          longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
          Thread.sleep(20);
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    store.publish("syncing stripe again", () -> {
      sync.run("stripe", new StripeSource(config, fast, d -> { }).tables(), true, ApiTableSync.Listener.NONE);
      try {
        Thread.sleep(2000); // a long refresh, held before its commit
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    reading.set(false);
    reader.get(10, TimeUnit.SECONDS);
    assertTrue(longestMillis.get() < 1000, "the longest read took " + longestMillis + " ms");
    try (Connection c = reader()) {
      assertEquals("3", query(c, "SELECT count(*) FROM stripe.charges"));
    }
  }
}
