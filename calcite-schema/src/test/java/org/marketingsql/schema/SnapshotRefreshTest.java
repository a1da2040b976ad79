package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * Connections read published snapshots and never wait for the refresher: a default connection answers
 * from the last snapshot and starts a refresh in the background, {@code refresh=wait} answers from the
 * refresh's snapshot, a statement reads one snapshot from its first row to its last, and a failed refresh
 * publishes nothing and says why in {@code sync.sync_status}.
 */
class SnapshotRefreshTest {
  private static final String ORDERS = "SELECT COUNT(*) AS n FROM exports.orders";
  @TempDir
  Path temp;
  Path folder;
  Path orders;
  String model;
  StoreFolder snapshots;

  @BeforeEach
  void setUp() {
    folder = Fixtures.copy("finance", temp.resolve("exports"));
    orders = folder.resolve("orders.csv");
    Path store = temp.resolve("store.duckdb");
    model = Fixtures.model(folder, store, "");
    snapshots = StoreFolder.of("jdbc:duckdb:" + store).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    Refresher.phaseListener = phase -> { };
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "a background refresh did not end");
  }

  /** Appends an order of {@code amount} and moves the file's time on, as a new export would. */
  private void addOrder(String id, String amount) throws Exception {
    Files.writeString(orders, Files.readString(orders) + id + ",c9,2025-02-09," + amount + ",USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
  }

  @Test
  void aDefaultConnectionAnswersFromTheLastSnapshotWhileALaterOneSeesTheChangedExport() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    assertEquals(1, snapshots.current().orElseThrow().number(), "the first connection built the first snapshot");
    addOrder("o6", "1.00");
    Sql.calcite(model).query(ORDERS).returns("n=5");
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "the background refresh ends");
    assertEquals(2, snapshots.current().orElseThrow().number());
    Sql.calcite(model).query(ORDERS).returns("n=6");
  }

  @Test
  void aConnectionWithRefreshWaitSeesAChangedExportInItsFirstQuery() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    addOrder("o6", "1.00");
    Waiting.refreshFirst(() -> Sql.calcite(model).query(ORDERS).returns("n=6"));
    assertEquals(2, snapshots.current().orElseThrow().number());
    Waiting.refreshFirst(() -> Sql.calcite(model).query(ORDERS).returns("n=6"));
    assertEquals(2, snapshots.current().orElseThrow().number(), "nothing changed: no new snapshot");
  }

  @Test
  void changingOnlyTheLtvSettingsMakesTheSnapshotDueAndTheNextRefreshRefitsWithThem() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    String daily = Fixtures.model(folder, temp.resolve("store.duckdb"), "\"ltv\": {\"timeUnit\": \"day\"}");
    Waiting.refreshFirst(() -> Sql.calcite(daily).query(ORDERS).returns("n=5"));
    assertEquals(2, snapshots.current().orElseThrow().number(), "the new LTV settings published a snapshot");
    Waiting.refreshFirst(() -> Sql.calcite(daily).query(ORDERS).returns("n=5"));
    assertEquals(2, snapshots.current().orElseThrow().number(), "the same settings again: no new snapshot");
  }

  @Test
  void aConnectionOpensInMillisecondsWhileARefreshRuns() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    long idle = openMillis(5);
    CountDownLatch inFacts = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Refresher.phaseListener = phase -> {
      if (phase.equals("facts")) {
        inFacts.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    addOrder("o6", "1.00");
    try (Connection starts = Sql.calcite(model).connect()) {
      assertTrue(inFacts.await(60, TimeUnit.SECONDS), "the background refresh reached the facts");
      long busy = openMillis(5);
      System.out.printf("connection open: %d ms without a refresh running, %d ms while one runs%n", idle, busy);
      Files.writeString(Path.of("target", "snapshot-open-millis.txt"),
          "without a refresh running: " + idle + " ms\nwhile a refresh runs: " + busy + " ms\n");
      assertTrue(busy < 1000, "a connection opened in " + busy + " ms while a refresh ran");
      Sql.calcite(model).query(ORDERS).returns("n=5");
    } finally {
      release.countDown();
    }
  }

  /** The slowest of {@code times} connections, opened and closed one after the other. */
  private long openMillis(int times) throws SQLException {
    long slowest = 0;
    for (int i = 0; i < times; i++) {
      long started = System.nanoTime();
      try (Connection connection = Sql.calcite(model).connect()) {
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
      }
    }
    return slowest;
  }

  @Test
  void aStatementReadsOneSnapshotFromItsFirstRowToItsLastWhileNewerOnesArePublished() throws Exception {
    StringBuilder many = new StringBuilder(Files.readString(orders));
    for (int i = 0; i < 5000; i++) {
      many.append("m").append(i).append(",c9,2025-02-09,1.00,USD,organic,software\n");
    }
    Files.writeString(orders, many);
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=5005");
    try (Connection connection = Sql.calcite(model).connect(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT order_id, amount FROM exports.orders")) {
      List<String> rows = new ArrayList<>();
      assertTrue(rs.next());
      rows.add(rs.getString(1));
      // Every order is repriced and published three times over, so the first snapshot is deleted meanwhile.
      for (int generation = 2; generation <= 4; generation++) {
        Files.writeString(orders, Files.readString(orders)
            .replace("," + (generation - 1) + ".00,USD", "," + generation + ".00,USD"));
        addOrder("x" + generation, "7.00");
        String count = "n=" + (5004 + generation);
        Waiting.refreshFirst(() -> Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns(count));
      }
      assertEquals(4, snapshots.current().orElseThrow().number());
      assertEquals(3, snapshots.snapshotFiles().size(), "only the last three snapshots are kept");
      while (rs.next()) {
        rows.add(rs.getString(1));
        assertFalse(rs.getString(1).startsWith("x"), "a row of a later snapshot: " + rs.getString(1));
        if (rs.getString(1).startsWith("m")) {
          assertEquals(0, rs.getBigDecimal(2).compareTo(BigDecimal.ONE), "the first snapshot's price of "
              + rs.getString(1) + ", not a later one's: " + rs.getBigDecimal(2));
        }
      }
      assertEquals(5005, rows.size(), "every row of the first snapshot, and only those");
    }
    Sql.calcite(model).query("SELECT COUNT(*) AS n, CAST(MAX(amount) AS INTEGER) AS top FROM exports.orders"
        + " WHERE order_id LIKE 'm%'").returns("n=5000; top=4");
  }

  @Test
  void aFailedRefreshPublishesNothingAndSyncStatusSaysWhy() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    addOrder("o6", "1.00");
    Refresher.phaseListener = phase -> {
      if (phase.equals("facts")) {
        throw new IllegalStateException("no space left on device");
      }
    };
    // Through the driver this is an SQLException (08001); plain Calcite wraps it in a RuntimeException.
    Exception e = assertThrows(Exception.class,
        () -> Waiting.refreshFirst(() -> Sql.calcite(model).query(ORDERS).rows()));
    String causes = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      causes += t.getMessage() + "\n";
    }
    assertTrue(causes.contains("failed, so connections go on reading snapshot 1: no space left on device"), causes);
    assertEquals(1, snapshots.current().orElseThrow().number(), "nothing was published");
    assertFalse(Files.exists(snapshots.workFile()), "the half-built snapshot was discarded");

    Sql.calcite(model).query(ORDERS).returns("n=5");
    Sql.calcite(model).query("SELECT source_name, table_name, last_error FROM sync.sync_status"
        + " WHERE source_name = '(refresh)'").rows().forEach(row -> assertTrue(row.startsWith(
            "source_name=(refresh); table_name=(snapshot); last_error=refreshing DuckDB store " + snapshots.dir()
                + " failed, so connections go on reading snapshot 1: no space left on device"), row));

    Refresher.phaseListener = phase -> { };
    Waiting.refreshFirst(() -> Sql.calcite(model).query(ORDERS).returns("n=6"));
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM sync.sync_status WHERE source_name = '(refresh)'")
        .returns("n=0");
  }

  @Test
  void aStoreOfTheEarlierVersionBecomesTheFirstSnapshotWithItsSyncStateAndCursors() throws Exception {
    String url = "jdbc:duckdb:" + snapshots.legacyFile();
    try (Store legacy = Store.open(url)) {
      legacy.write("an API cursor", h -> {
        h.execute("CREATE TABLE IF NOT EXISTS \"_marketing\".\"sync_state\" (\"source_name\" VARCHAR NOT NULL,"
            + " \"table_name\" VARCHAR NOT NULL, \"cursor\" VARCHAR, \"synced_at\" TIMESTAMP)");
        return h.execute("INSERT INTO \"_marketing\".\"sync_state\" VALUES ('stripe', 'charges', 'evt_42',"
            + " TIMESTAMP '2025-03-01 12:00:00')");
      });
    }
    assertTrue(snapshots.current().isEmpty());

    Sql.calcite(model).query(ORDERS).returns("n=5");

    assertEquals(1, snapshots.current().orElseThrow().number());
    assertFalse(Files.exists(snapshots.legacyFile()), "the earlier store is now the first snapshot");
    Store snapshot = Store.openSnapshot(snapshots);
    try {
      assertEquals("evt_42", snapshot.read(h -> h.createQuery("SELECT \"cursor\" FROM \"_marketing\".\"sync_state\""
          + " WHERE \"source_name\" = 'stripe' AND \"table_name\" = 'charges'").mapTo(String.class).one()),
          "the cursor came along");
    } finally {
      snapshot.close();
    }
  }

  @Test
  void aSnapshotCannotBeWritten() throws Exception {
    Sql.calcite(model).query(ORDERS).returns("n=5");
    Store snapshot = Store.openSnapshot(snapshots);
    try {
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> snapshot.write("adding a row", h -> h.execute("CREATE TABLE x (n INTEGER)")));
      assertTrue(e.getMessage().contains("is a published snapshot"), e.getMessage());
    } finally {
      snapshot.close();
    }
  }
}
