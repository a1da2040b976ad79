package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.LtvConfig;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.config.LtvTimeUnit;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;

/**
 * The fitted models are cached per data version. These tests drive the store directly: after a
 * Calcite connection this JVM still holds a read on the store (a leak outside LtvFacts), which would
 * block the second load.
 */
class LtvFactsTest {
  @TempDir
  Path temp;

  private String url() {
    return "jdbc:duckdb:" + temp.resolve("store.duckdb").toString().replace("\\", "/");
  }

  private MarketingConfig config(Path folder, LtvConfig ltv) {
    SourceConfig exports = new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of());
    return new MarketingConfig(url(), "USD", ZoneId.of("UTC"), 1, new BigDecimal("0.5"), null, List.of(exports), ltv);
  }

  /** What MarketingSchema.assemble does, without a Calcite connection: load, build the facts, fit. */
  private String assemble(Store store, MarketingConfig config) {
    new ExportFolderLoader(store, config.sources().get(0)).refresh();
    store.write("building the facts", handle -> {
      new FinanceFacts(config, LocalDate.of(2025, 3, 1)).refresh(handle);
      return null;
    });
    new LtvFacts(config).refresh(store);
    return store.read(LtvFacts::storedVersion).orElseThrow();
  }

  @Test
  void refitsOnlyWhenTheLtvSettingsChange() {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    try (Store store = Store.open(url())) {
      String first = assemble(store, config(folder, LtvConfig.DEFAULT));
      assertFalse(new LtvFacts(config(folder, LtvConfig.DEFAULT)).refresh(store), "same orders, same settings");
      LtvConfig discounted = new LtvConfig(null, LtvTimeUnit.WEEK, new BigDecimal("0.1"));
      assertTrue(new LtvFacts(config(folder, discounted)).refresh(store));
      assertNotEquals(first, store.read(LtvFacts::storedVersion).orElseThrow());
    }
  }

  @Test
  void refitsWhenAnOrderIsAddedButNotWhenOnlyAdSpendChanges() throws Exception {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    MarketingConfig config = config(folder, LtvConfig.DEFAULT);
    try (Store store = Store.open(url())) {
      String first = assemble(store, config);
      Files.writeString(folder.resolve("ad_spend.csv"), "2025-02-12,google_ads,111,c1,Brand,10,1,1.00,USD,0,0\n",
          StandardOpenOption.APPEND);
      assertEquals(first, assemble(store, config));
      Files.writeString(folder.resolve("orders.csv"), "o6,c3,2025-02-20,40.00,USD,organic,services\n",
          StandardOpenOption.APPEND);
      assertNotEquals(first, assemble(store, config));
    }
  }
}
