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
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
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

  /** The source is named {@code ltv}, as the LTV settings' mark in earlier versions' recorded settings begins. */
  private MarketingConfig namedLtv(Path folder, LtvConfig ltv) {
    SourceConfig exports = new SourceConfig("ltv", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of());
    return new MarketingConfig(url(), "USD", ZoneId.of("UTC"), 1, new BigDecimal("0.5"), null, List.of(exports), ltv);
  }

  /** Whether {@code test} holds of the store, read in one transaction. */
  private static boolean holds(Store store, Predicate<Handle> test) {
    Boolean holds = store.read(test::test);
    return holds;
  }

  @Test
  void aChangeOfOnlyTheLtvSettingsLeavesTheFactsBuiltWithTheirSettingsAndMakesOnlyTheFitDue() {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    MarketingConfig config = namedLtv(folder, LtvConfig.DEFAULT);
    MarketingConfig discounted = namedLtv(folder, new LtvConfig(null, LtvTimeUnit.WEEK, new BigDecimal("0.1")));
    try (Store store = Store.open(url())) {
      assemble(store, config);
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, config) && LtvFacts.fittedWith(h, config)));
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, discounted)), "the facts do not read the LTV settings");
      assertFalse(holds(store, h -> LtvFacts.fittedWith(h, discounted)), "the fit does");
      assertTrue(new LtvFacts(discounted).refresh(store));
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, discounted) && LtvFacts.fittedWith(h, discounted)));
    }
  }

  @Test
  void settingsRecordedAsEarlierVersionsDidCountForTheFactsAndForTheFitOfTheLtvSettingsTheyName() {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    MarketingConfig config = namedLtv(folder, LtvConfig.DEFAULT);
    MarketingConfig discounted = namedLtv(folder, new LtvConfig(null, LtvTimeUnit.WEEK, new BigDecimal("0.1")));
    try (Store store = Store.open(url())) {
      String version = assemble(store, config);
      store.write("recording the settings as earlier versions did", h -> {
        String facts = FinanceFacts.recorded(h).orElseThrow();
        h.execute("UPDATE \"_marketing\".\"settings\" SET \"value\" = ? WHERE \"name\" = 'facts'",
            facts.replace("|cash-v1|", "|ltv:" + LtvConfig.DEFAULT.describe() + "|cash-v1|"));
        return h.execute("DELETE FROM \"_marketing\".\"settings\" WHERE \"name\" = 'ltv'");
      });
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, config) && LtvFacts.fittedWith(h, config)));
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, discounted)));
      assertFalse(holds(store, h -> LtvFacts.fittedWith(h, discounted)));
      assertFalse(holds(store, h -> FinanceFacts.builtWith(h, namedLtv(folder, LtvConfig.DEFAULT).withSources(List.of()))),
          "other finance settings");
      assertFalse(new LtvFacts(config).refresh(store), "the same orders and settings: no refit");
      // the facts rebuilt record their settings in the new form; the fit, the same, then records its own
      store.write("rebuilding the facts", h -> {
        new FinanceFacts(config, LocalDate.of(2025, 3, 1)).refresh(h);
        return null;
      });
      assertFalse(holds(store, h -> LtvFacts.fittedWith(h, config)));
      assertFalse(new LtvFacts(config).refresh(store));
      assertEquals(version, store.read(LtvFacts::storedVersion).orElseThrow());
      assertTrue(holds(store, h -> FinanceFacts.builtWith(h, config) && LtvFacts.fittedWith(h, config)));
      assertTrue(holds(store, h -> h.createQuery(
          "SELECT COUNT(*) FROM \"_marketing\".\"settings\" WHERE \"name\" = 'ltv'").mapTo(Integer.class).one() == 1));
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
