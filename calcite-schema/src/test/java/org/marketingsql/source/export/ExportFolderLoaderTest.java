package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;

/** Loading a folder: both load paths give the same rows; files load once, again when changed, and go when removed. */
class ExportFolderLoaderTest {
  @TempDir
  Path temp;
  Path folder;
  Store store;
  ExportFolderLoader loader;

  @BeforeEach
  void setUp() {
    folder = temp.resolve("exports");
    store = Store.open("jdbc:duckdb:" + temp.resolve("store.duckdb"));
    loader = new ExportFolderLoader(store, new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null,
        java.util.Map.of()));
    Fixtures.copy("finance", folder);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private List<String> rows(String sql) {
    return store.read(h -> h.createQuery(sql).map((rs, ctx) -> {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.append(i == 1 ? "" : "|").append(rs.getString(i));
      }
      return row.toString();
    }).list());
  }

  @Test
  void valuesTheBulkReaderRefusesAreLoadedRowByRowWithTheSameMeaning() throws Exception {
    // Spaces around numbers: our reader trims them, DuckDB's strict reader refuses the file.
    Files.writeString(folder.resolve("orders.csv"), """
        order_id,customer_id,order_date,amount,currency
        o1,c1,2025-01-16, 500.00 ,USD
        o2,c2,2025-01-21,"100.5",EUR
        """);
    loader.refresh();
    assertTrue(rows("SELECT order_id, amount FROM exports.orders ORDER BY 1")
        .equals(List.of("o1|500.000000", "o2|100.500000")), rows("SELECT order_id, amount FROM exports.orders").toString());
  }

  @Test
  void aLatin1FinanceInputLoadsWithItsAccents() throws Exception {
    Files.write(folder.resolve("orders.csv"), ("order_id,customer_id,order_date,amount,currency,acquisition_channel\n"
        + "o1,Café Müller,2025-01-16,5.00,EUR,email\n").getBytes(StandardCharsets.ISO_8859_1));
    loader.refresh();
    assertTrue(rows("SELECT customer_id FROM exports.orders").equals(List.of("Café Müller")),
        rows("SELECT customer_id FROM exports.orders").toString());
  }

  @Test
  void anUnchangedFileIsNotLoadedAgainEvenWhenTouched() throws Exception {
    assertTrue(loader.refresh());
    assertFalse(loader.refresh());
    Files.setLastModifiedTime(folder.resolve("orders.csv"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    loader.refresh();
    String loadedAt = rows("SELECT loaded_at FROM \"_marketing\".load_state WHERE table_name = 'orders'").get(0);
    Files.setLastModifiedTime(folder.resolve("orders.csv"), FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
    loader.refresh();
    assertTrue(rows("SELECT loaded_at FROM \"_marketing\".load_state WHERE table_name = 'orders'").get(0).equals(loadedAt));
  }

  @Test
  void aRemovedFileLosesItsTable() throws Exception {
    loader.refresh();
    Files.delete(folder.resolve("budgets.csv"));
    assertTrue(loader.refresh());
    assertTrue(rows("SELECT table_name FROM \"_marketing\".load_state ORDER BY 1")
        .equals(List.of("ad_spend", "fx_rates", "orders")));
  }
}
