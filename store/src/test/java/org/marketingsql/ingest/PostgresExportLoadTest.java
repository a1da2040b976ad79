package org.marketingsql.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.store.Store;
import org.marketingsql.testing.PostgresCluster;

/** An export folder loaded into a PostgreSQL store inside a published refresh, whose reloads never hold a reader. */
class PostgresExportLoadTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  Path temp;
  private Path file;
  private Store store;
  private SourceConfig source;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS exports_load WITH (FORCE)");
      s.execute("CREATE DATABASE exports_load");
    }
    Path folder = Files.createDirectories(temp.resolve("exports"));
    file = folder.resolve("notes.csv");
    store = Store.open(postgres.url("exports_load"),
        new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password())));
    source = new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of(), null, null,
        false);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void load() {
    store.publish("refreshing the exports", () -> {
      new ExportFolderLoader(store, source).refresh();
      return null;
    });
  }

  /** The table's rows as another node reads them, giving up rather than waiting for a lock. */
  private List<String> readElsewhere(String columns) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.url("exports_load"), postgres.user(), postgres.password());
        Statement s = c.createStatement()) {
      c.setNetworkTimeout(Runnable::run, 10_000);
      s.execute("SET lock_timeout = '2s'");
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM \"_marketing\".\"load_state\" l,"
          + " exports.notes n WHERE l.table_name = 'notes' ORDER BY n.id")) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    }
  }

  @Test
  void anExportLoadsByCopyAndItsReloadLetsOtherNodesReadTheRowsBeforeUntilItIsPublished() throws Exception {
    Files.writeString(file, "id,amount\n1,2.50\n2,3.00\n", StandardCharsets.UTF_8);
    load();
    assertEquals(List.of("1=2.50 ok", "2=3.00 ok"), readElsewhere("n.id || '=' || n.amount || ' ' || l.status"));

    Files.writeString(file, "3,4.00\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch looked = new CountDownLatch(1);
    CompletableFuture<Void> refresh = CompletableFuture.runAsync(() -> store.publish("refreshing the exports", () -> {
      new ExportFolderLoader(store, source).refresh();
      loaded.countDown();
      try {
        looked.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    assertTrue(loaded.await(60, TimeUnit.SECONDS));
    List<String> during;
    try {
      during = readElsewhere("n.id || '=' || n.amount");
    } finally {
      looked.countDown();
    }
    refresh.get(30, TimeUnit.SECONDS);
    assertEquals(List.of("1=2.50", "2=3.00"), during, "read while the reload was not published");
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00"), readElsewhere("n.id || '=' || n.amount"));
  }

  @Test
  void anExportWhoseColumnsChangeGetsATableOfTheNewColumns() throws Exception {
    Files.writeString(file, "id,amount\n1,2.50\n", StandardCharsets.UTF_8);
    load();
    Files.writeString(file, "id,amount,note\n1,2.50,first\n2,3.00,\n", StandardCharsets.UTF_8);
    load();
    assertEquals(List.of("1=2.50/first", "2=3.00/"), readElsewhere("n.id || '=' || n.amount || '/' || COALESCE(n.note, '')"));
  }

  @Test
  void aRemovedExportsTableIsDroppedAtTheCommitSoAReaderPollingEvery20MsNeverWaitsASecond() throws Exception {
    Files.writeString(file, "id,amount\n1,2.50\n2,3.00\n", StandardCharsets.UTF_8);
    load();
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong longestMillis = new AtomicLong();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
      try (Connection c = DriverManager.getConnection(postgres.url("exports_load"), postgres.user(), postgres.password());
          Statement s = c.createStatement()) {
        while (reading.get()) {
          long started = System.nanoTime();
          String count;
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM exports.notes")) {
            rs.next();
            count = rs.getString(1);
          } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
              throw e;
            }
            count = "gone";
          }
          longestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
          if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(count)) {
            seen.add(count);
          }
          Thread.sleep(20);
        }
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    Files.delete(file);
    long started = System.nanoTime();
    String[] insideTheRefresh = new String[1];
    store.publish("refreshing the exports", () -> {
      new ExportFolderLoader(store, source).refresh();
      insideTheRefresh[0] = store.read(h -> h.createQuery("SELECT count(*) FROM \"_marketing\".\"load_state\""
          + " WHERE \"table_name\" = 'notes'").mapTo(String.class).one());
      try {
        Thread.sleep(3000); // the rest of a long refresh: the facts, the LTV models
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    long refreshMillis = (System.nanoTime() - started) / 1_000_000;
    Thread.sleep(300);
    reading.set(false);
    reader.get(10, TimeUnit.SECONDS);

    assertEquals("0", insideTheRefresh[0], "the refresh forgot the removed export's load state");
    assertTrue(refreshMillis >= 3000, refreshMillis + " ms");
    assertTrue(longestMillis.get() < 1000, "the longest read took " + longestMillis + " ms during a refresh of "
        + refreshMillis + " ms");
    assertEquals(List.of("2", "gone"), seen, "what the reader saw");
    try (Connection c = DriverManager.getConnection(postgres.url("exports_load"), postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relname"
            + " LIKE 'notes%'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "a table of the removed export stayed");
    }
  }

  @Test
  void aRemovedExportsTableWaitsForALongReaderInShortTriesAndOthersReadMeanwhile() throws Exception {
    Files.writeString(file, "id,amount\n1,2.50\n", StandardCharsets.UTF_8);
    load();
    try (Connection holder = DriverManager.getConnection(postgres.url("exports_load"), postgres.user(), postgres.password());
        Connection other = DriverManager.getConnection(postgres.url("exports_load"), postgres.user(), postgres.password());
        Statement held = holder.createStatement(); Statement s = other.createStatement()) {
      holder.setAutoCommit(false);
      held.executeQuery("SELECT count(*) FROM exports.notes").close(); // holds the table 1.5 s on
      CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1500);
          holder.commit();
        } catch (SQLException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Files.delete(file);
      CompletableFuture<Void> refresh = CompletableFuture.runAsync(this::load);
      long longest = 0;
      while (!refresh.isDone()) {
        long started = System.nanoTime();
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM exports.notes")) {
          rs.next();
        } catch (SQLException e) {
          if (!"42P01".equals(e.getSQLState())) {
            throw e;
          }
        }
        longest = Math.max(longest, (System.nanoTime() - started) / 1_000_000);
        Thread.sleep(20);
      }
      refresh.get(30, TimeUnit.SECONDS);
      release.get(10, TimeUnit.SECONDS);
      assertTrue(longest < 1000, "the longest read took " + longest + " ms");
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('exports.notes') IS NULL")) {
        rs.next();
        assertTrue(rs.getBoolean(1), "the removed export's table stayed");
      }
    }
  }
}
