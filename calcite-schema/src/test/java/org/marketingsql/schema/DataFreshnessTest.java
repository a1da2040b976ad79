package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * {@code finance.data_freshness} and {@code sync.sync_status} say when each source last refreshed, which
 * snapshot a connection reads and since when, and what waits for the next refresh.
 */
class DataFreshnessTest {
  private static final String FRESHNESS = "SELECT source_name, source_type, tables, failed_tables, last_success_at,"
      + " last_error, snapshot_generation, snapshot_at, last_refresh_error, pending FROM finance.data_freshness";
  @TempDir
  Path temp;
  Path orders;
  String model;
  StoreFolder snapshots;

  @BeforeEach
  void setUp() {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
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

  private void addOrder(String id) throws Exception {
    Files.writeString(orders, Files.readString(orders) + id + ",c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
  }

  /** The snapshot's publication time, to the millisecond Calcite keeps. */
  private Instant published(long generation) {
    return snapshots.publishedAt(generation).orElseThrow().truncatedTo(ChronoUnit.MILLIS);
  }

  /** A TIMESTAMP column read as the UTC time it holds. */
  private static Instant utc(ResultSet rs, String column) throws Exception {
    Timestamp time = rs.getTimestamp(column, Calendar.getInstance(TimeZone.getTimeZone("UTC")));
    return time == null ? null : time.toInstant();
  }

  @Test
  void eachSourceSaysWhenItLastRefreshedAndWhichSnapshotTheConnectionReadsSinceWhen() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(FRESHNESS)) {
      assertTrue(rs.next(), "one row for the source exports");
      assertEquals("exports", rs.getString("source_name"));
      assertEquals("csv-folder", rs.getString("source_type"));
      assertEquals(Sql.calcite(model).query("SELECT COUNT(*) FROM sync.sync_status").scalar(), rs.getLong("tables"),
          "the fixtures' files, each a table");
      assertEquals(0, rs.getLong("failed_tables"));
      assertNull(rs.getString("last_error"));
      assertEquals(1, rs.getLong("snapshot_generation"));
      assertEquals(published(1), utc(rs, "snapshot_at"));
      assertTrue(published(1).isAfter(before), "published now, in UTC");
      Instant loaded = utc(rs, "last_success_at");
      assertNotNull(loaded);
      assertTrue(!loaded.isAfter(published(1)), loaded + " is after the snapshot was published, " + published(1));
      assertNull(rs.getString("last_refresh_error"));
      assertNull(rs.getString("pending"), "nothing waits");
      assertTrue(!rs.next(), "one row per source");
    }
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM sync.sync_status WHERE source_name = 'exports'"
        + " AND snapshot_generation = 1 AND snapshot_at IS NOT NULL AND last_attempt IS NOT NULL AND pending IS NULL")
        .returns("n=" + Sql.calcite(model).query("SELECT COUNT(*) AS n FROM sync.sync_status").scalar());
  }

  @Test
  void aChangedExportIsPendingWhileTheRefreshRunsAndTheNextSnapshotHasItsOwnTime() throws Exception {
    Sql.calcite(model).query(FRESHNESS).rows();
    CountDownLatch inLoad = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Refresher.phaseListener = phase -> {
      if (phase.equals("load")) {
        inLoad.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    addOrder("o6");
    try (Connection c = Sql.calcite(model).connect()) {
      assertTrue(inLoad.await(60, TimeUnit.SECONDS), "the connection started a refresh in the background");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT snapshot_generation, pending FROM finance.data_freshness")) {
        rs.next();
        assertEquals(1, rs.getLong(1));
        assertEquals("1 export file new or changed, not yet loaded; a refresh is running", rs.getString(2));
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT DISTINCT pending FROM sync.sync_status WHERE source_name = 'exports'")) {
        rs.next();
        assertEquals("1 export file new or changed, not yet loaded; a refresh is running", rs.getString(1),
            "each table shows what waits for its source");
      }
    } finally {
      release.countDown();
    }
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)));
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT snapshot_generation, snapshot_at, pending FROM finance.data_freshness")) {
      rs.next();
      assertEquals(2, rs.getLong(1));
      assertEquals(published(2), utc(rs, "snapshot_at"));
      assertTrue(!published(2).isBefore(published(1)));
      assertNull(rs.getString(3));
    }
  }

  @Test
  void aFailedRefreshShowsOnEverySourceAndInSyncStatusWithItsTime() throws Exception {
    Sql.calcite(model).query(FRESHNESS).rows();
    addOrder("o6");
    Refresher.phaseListener = phase -> {
      if (phase.equals("facts")) {
        throw new IllegalStateException("no space left on device");
      }
    };
    assertThrows(Exception.class, () -> Waiting.refreshFirst(() -> Sql.calcite(model).query(FRESHNESS).rows()));
    Refresher.phaseListener = phase -> { };
    // a default connection: the refresh that failed moments ago is not tried again at once
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT snapshot_generation, last_refresh_error, last_refresh_error_at, pending"
          + " FROM finance.data_freshness")) {
        rs.next();
        assertEquals(1, rs.getLong(1), "connections read the snapshot before the failed refresh");
        assertTrue(rs.getString(2).endsWith("failed, so connections go on reading snapshot 1: no space left on device"),
            rs.getString(2));
        assertNotNull(utc(rs, "last_refresh_error_at"));
      }
      try (ResultSet rs = s.executeQuery("SELECT last_attempt, snapshot_generation FROM sync.sync_status"
          + " WHERE source_name = '(refresh)'")) {
        rs.next();
        assertNotNull(utc(rs, "last_attempt"), "when the refresh failed");
        assertEquals(1, rs.getLong(2));
      }
    }
  }
}
