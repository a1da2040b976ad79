package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;

/** A source whose refresh fails keeps its last good data, says why in sync.sync_status, and the others load. */
class RefreshFailureTest {
  @TempDir
  Path temp;

  @Test
  void aFolderThatCannotBeListedKeepsItsTablesWithTheErrorAndTheOtherSourcesStillLoad() throws Exception {
    Path exports = Fixtures.copy("finance", temp.resolve("exports"));
    Path extras = Files.createDirectories(temp.resolve("extras"));
    Files.writeString(extras.resolve("notes.csv"), "id,amount\n1,2.50\n");
    String url = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    MarketingConfig config = new ConfigReader().read(Map.of("store", url, "sources", List.of(
        Map.of("name", "exports", "type", "csv-folder", "path", exports.toString()),
        Map.of("name", "extras", "type", "csv-folder", "path", extras.toString()))), temp, url);
    try (Store store = Store.open(url)) {
      StoreRefresh refresh = new StoreRefresh(config, store);
      refresh.loadSources();
      refresh.rebuildFacts();

      // The folder goes away after the configuration was read (unmounted, say); an export changes elsewhere.
      Files.delete(extras.resolve("notes.csv"));
      Files.delete(extras);
      Files.writeString(exports.resolve("orders.csv"), Files.readString(exports.resolve("orders.csv"))
          + "o9,c9,2025-02-09,1.00,USD,organic,software\n");
      refresh.loadSources();
      refresh.rebuildFacts();

      assertEquals(List.of("2.50"), store.read(h -> h.createQuery("SELECT CAST(SUM(amount) AS VARCHAR) FROM extras.notes")
          .mapTo(String.class).list()), "the last good data stays");
      assertEquals(Long.valueOf(6), store.<Long>read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".orders")
          .mapTo(Long.class).one()), "the other source loaded and the facts followed");
      String error = store.read(h -> h.createQuery("SELECT status || ': ' || error FROM \"_marketing\".load_state"
          + " WHERE source_name = 'extras' AND table_name = 'notes'").mapTo(String.class).one());
      assertTrue(error.startsWith("ok: refreshing source extras failed: cannot list export folder"), error);
    }
  }
}
