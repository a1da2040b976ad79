package org.marketingsql.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.Store;

/**
 * Orders synced from Stripe keep the instant they were created at ({@code created}, UTC) beside their day: a
 * change of the reporting time zone re-days them, in the charges and in the orders input they feed.
 */
class ReportingZoneTest {
  @TempDir
  Path temp;

  /** An empty store of the kind under test: DuckDB here. */
  Store open() {
    return Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"));
  }

  /** Two charges as a sync in UTC stores them: one at 02:30 UTC on 9 July (22:30 on 8 July in New York), one at noon. */
  private Store syncedInUtc() {
    Store store = open();
    store.write("a Stripe sync", handle -> {
      handle.execute("CREATE SCHEMA \"stripe\"");
      handle.execute("CREATE TABLE \"stripe\".\"charges\" (\"id\" VARCHAR, \"order_id\" VARCHAR, \"order_date\" DATE,"
          + " \"amount\" DECIMAL(18,6), \"created\" TIMESTAMP)");
      handle.execute("INSERT INTO \"stripe\".\"charges\" VALUES ('ch_1', 'ch_1', DATE '2025-07-09', 50, TIMESTAMP"
          + " '2025-07-09 02:30:00'), ('ch_2', 'ch_2', DATE '2025-07-09', 20, TIMESTAMP '2025-07-09 12:00:00')");
      handle.execute("CREATE TABLE \"stripe\".\"orders\" AS SELECT \"order_id\", \"order_date\", \"amount\""
          + " FROM \"stripe\".\"charges\"");
      LocalDateTime now = LocalDateTime.of(2025, 7, 10, 0, 0);
      LoadState.save(handle, new LoadState("stripe", "charges", "api:stripe/charges", 0, 0, null, null, "ok", null, 2L,
          "id,order_id,order_date,amount,created", now, now));
      LoadState.save(handle, new LoadState("stripe", "orders", "api:stripe/charges", 0, 0, null, "ORDERS", "ok", null,
          2L, "order_id,order_date,amount", now, now));
      return null;
    });
    new ReportingZone(store, ZoneOffset.UTC).follow();
    store.write("the facts built", handle -> {
      PendingFacts.clear(handle, PendingFacts.Group.FINANCE);
      return null;
    });
    return store;
  }

  private static List<String> days(Store store, String table) {
    return store.read(h -> h.createQuery("SELECT \"order_id\" || ' ' || CAST(\"order_date\" AS VARCHAR) FROM"
        + " \"stripe\".\"" + table + "\" ORDER BY \"order_id\"").mapTo(String.class).list());
  }

  @Test
  void aNewZoneMovesTheChargesCreatedLateInItsEveningToTheirDayThereInTheChargesAndTheOrdersTheyFeed() {
    try (Store store = syncedInUtc()) {
      assertEquals(ZoneOffset.UTC, new ReportingZone(store, ZoneOffset.UTC).stored().orElseThrow());

      long moved = new ReportingZone(store, ZoneId.of("America/New_York")).follow();

      assertEquals(1, moved, "only the charge of 22:30 in New York changes day");
      assertEquals(List.of("ch_1 2025-07-08", "ch_2 2025-07-09"), days(store, "charges"));
      assertEquals(List.of("ch_1 2025-07-08", "ch_2 2025-07-09"), days(store, "orders"));
      assertTrue(store.<Boolean>read(h -> PendingFacts.isPending(h, PendingFacts.Group.FINANCE)), "the facts are rebuilt");
      assertEquals(ZoneId.of("America/New_York"), new ReportingZone(store, ZoneOffset.UTC).stored().orElseThrow());
    }
  }

  @Test
  void theSameZoneAgainChangesNothing() {
    try (Store store = syncedInUtc()) {
      assertEquals(0, new ReportingZone(store, ZoneOffset.UTC).follow());
      assertEquals(List.of("ch_1 2025-07-09", "ch_2 2025-07-09"), days(store, "orders"));
      assertFalse(store.<Boolean>read(h -> PendingFacts.isPending(h, PendingFacts.Group.FINANCE)));
    }
  }

  @Test
  void anExportOfOrdersIsLoadedAgainSinceOnlyItsFileHoldsTheOrderTimes() {
    try (Store store = syncedInUtc()) {
      store.write("an export loaded", handle -> {
        LoadState.save(handle, new LoadState("shop", "orders_export", "/exports/orders_export.csv", 120, 1000, "abc",
            "ORDERS", "ok", null, 2L, "order_id,customer_id,order_date,amount,currency,export_format", null, null));
        return null;
      });

      new ReportingZone(store, ZoneId.of("Europe/Berlin")).follow();

      LoadState export = store.read(h -> LoadState.forSource(h, "shop")).get(0);
      assertEquals(-1, export.fileModified(), "a modification time no file has: the folder's next load reads it");
      assertEquals(null, export.fileHash());
    }
  }

  @Test
  void aNewZoneMovesTheDealsClosedLateInItsEveningToTheirDayThere() {
    try (Store store = syncedInUtc()) {
      store.write("a HubSpot sync", handle -> {
        handle.execute("CREATE SCHEMA \"hubspot\"");
        handle.execute("CREATE TABLE \"hubspot\".\"deals\" (\"order_id\" VARCHAR, \"order_date\" DATE,"
            + " \"amount\" DECIMAL(18,6), \"close_date\" TIMESTAMP)");
        handle.execute("INSERT INTO \"hubspot\".\"deals\" VALUES ('d_1', DATE '2025-07-01', 900, TIMESTAMP"
            + " '2025-07-01 03:59:59'), ('d_2', DATE '2025-07-01', 100, TIMESTAMP '2025-07-01 04:00:00')");
        LocalDateTime now = LocalDateTime.of(2025, 7, 10, 0, 0);
        LoadState.save(handle, new LoadState("hubspot", "deals", "api:hubspot/deals", 0, 0, null, null, "ok", null, 2L,
            "order_id,order_date,amount,close_date", now, now));
        return null;
      });

      assertEquals(2, new ReportingZone(store, ZoneId.of("America/New_York")).follow(),
          "ch_1 and d_1; d_2 closed at midnight in New York, so its day stays");
      List<String> deals = store.read(h -> h.createQuery("SELECT \"order_id\" || ' ' || CAST(\"order_date\" AS"
          + " VARCHAR) FROM \"hubspot\".\"deals\" ORDER BY \"order_id\"").mapTo(String.class).list());
      assertEquals(List.of("d_1 2025-06-30", "d_2 2025-07-01"), deals);
    }
  }
}
