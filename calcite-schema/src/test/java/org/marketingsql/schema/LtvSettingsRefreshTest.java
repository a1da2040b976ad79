package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.LtvConfig;
import org.marketingsql.config.LtvTimeUnit;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * Which derived tables a change of settings rebuilds: the LTV settings only the LTV fit, the finance settings
 * the finance facts and the LTV fit derived from them. The finance fixture with the CDNOW sample's orders beside
 * its own, so that the models can be fitted; runs on DuckDB and, with {@code -Dmarketingsql.test.store=postgresql},
 * on PostgreSQL. What was rebuilt is read from {@code _marketing.fact_state}, whose times are to the second.
 */
class LtvSettingsRefreshTest {
  private static final String CALIBRATION_END = "1997-09-30";
  private static final List<String> LTV_TABLES = List.of("customer_ltv", "ltv_model");
  private static final String PREDICTED = "SELECT SUM(predicted_ltv_12m_rc) AS predicted FROM finance.customer_ltv";

  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  @BeforeEach
  void addTheCdnowOrders() throws Exception {
    LtvViewsTest.cdnowOrders(fixture.exports());
  }

  private String model(String discountRate, String grossMargin) {
    return fixture.model("\"grossMargin\": " + grossMargin + ", \"ltv\": {\"calibrationEnd\": \"" + CALIBRATION_END
        + "\", \"discountRate\": " + discountRate + "}");
  }

  /** Opens a connection that refreshes what is due first, and reads the predicted 12-month LTV of all customers. */
  private String predicted(String model) throws Exception {
    String[] value = new String[1];
    Waiting.refreshFirst(() -> {
      try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(PREDICTED)) {
        assertTrue(rs.next());
        value[0] = rs.getString(1);
      }
    });
    return value[0];
  }

  /** The store as connections read it: its current snapshot on DuckDB, the database itself on PostgreSQL. */
  private Store published() {
    return StoreFixture.onPostgresql() ? Store.open(fixture.url())
        : Store.openSnapshot(StoreFolder.of(fixture.url()).orElseThrow());
  }

  /** When each derived table was last built, by table. */
  private Map<String, LocalDateTime> builtAt() {
    try (Store store = published()) {
      return store.read(h -> {
        Map<String, LocalDateTime> at = new TreeMap<>();
        h.createQuery("SELECT \"fact\", \"refreshed_at\" FROM \"_marketing\".\"fact_state\"")
            .map((rs, ctx) -> at.put(rs.getString(1), rs.getObject(2, LocalDateTime.class))).list();
        return at;
      });
    }
  }

  /** How many times the store was published: the snapshot's number, or the PostgreSQL store's publications. */
  private long generation() {
    if (StoreFixture.onPostgresql()) {
      try (Store store = Store.open(fixture.url())) {
        return store.published().orElseThrow().generation();
      }
    }
    return StoreFolder.of(fixture.url()).orElseThrow().current().orElseThrow().number();
  }

  private static Map<String, LocalDateTime> finance(Map<String, LocalDateTime> builtAt) {
    Map<String, LocalDateTime> finance = new TreeMap<>(builtAt);
    LTV_TABLES.forEach(finance::remove);
    return finance;
  }

  private static Map<String, LocalDateTime> ltv(Map<String, LocalDateTime> builtAt) {
    Map<String, LocalDateTime> ltv = new TreeMap<>(builtAt);
    ltv.keySet().retainAll(LTV_TABLES);
    return ltv;
  }

  /** Lets the clock pass the second the last build was stamped with, so that a rebuild shows. */
  private static void nextSecond() throws InterruptedException {
    Thread.sleep(1_100);
  }

  private static void assertAllDiffer(Map<String, LocalDateTime> before, Map<String, LocalDateTime> after, String what) {
    assertEquals(before.keySet(), after.keySet(), what);
    before.forEach((table, at) -> assertNotEquals(at, after.get(table), what + ": " + table + " was not rebuilt"));
  }

  @Test
  void aChangeOfOnlyTheLtvSettingsRefitsTheLtvModelsAndRebuildsNoFinanceFact() throws Exception {
    String first = predicted(model("0", "0.5"));
    Map<String, LocalDateTime> before = builtAt();
    assertTrue(finance(before).keySet().containsAll(List.of("ad_spend", "orders", "budgets")), before.toString());
    assertEquals(LTV_TABLES, List.copyOf(ltv(before).keySet()));
    nextSecond();

    String discounted = predicted(model("0.25", "0.5"));
    Map<String, LocalDateTime> after = builtAt();
    assertEquals(finance(before), finance(after), "the finance facts were rebuilt for a change of the LTV settings");
    assertAllDiffer(ltv(before), ltv(after), "the new LTV settings refitted the models");
    assertTrue(new BigDecimal(discounted).compareTo(new BigDecimal(first)) < 0,
        "discounting lowers the predicted LTV: " + first + " then " + discounted);

    long generation = generation();
    assertEquals(discounted, predicted(model("0.25", "0.5")));
    assertEquals(generation, generation(), "the same settings again: nothing was due");
  }

  @Test
  void aChangeOfAFinanceSettingRebuildsTheFinanceFactsAndRefitsTheLtvModelsDerivedFromThem() throws Exception {
    String first = predicted(model("0", "0.5"));
    Map<String, LocalDateTime> before = builtAt();
    nextSecond();

    String lowerMargin = predicted(model("0", "0.25"));
    Map<String, LocalDateTime> after = builtAt();
    assertAllDiffer(finance(before), finance(after), "the new gross margin rebuilt the finance facts");
    assertAllDiffer(ltv(before), ltv(after), "the new gross margin refitted the LTV models");
    assertEquals(2.0, Double.parseDouble(first) / Double.parseDouble(lowerMargin), 1e-6,
        "the predicted LTV is margin, half of it at half the margin: " + first + " then " + lowerMargin);
  }

  /**
   * Rewrites the settings the published facts were built with as earlier versions recorded them: the LTV settings
   * among the finance facts' ones, and none of the LTV fit's own; published as a refresh publishes.
   */
  private void recordTheSettingsAsEarlierVersionsDid(String discountRate) {
    String ltv = new LtvConfig(LocalDate.parse(CALIBRATION_END), LtvTimeUnit.WEEK, new BigDecimal(discountRate))
        .describe();
    String marker = "|cash-v1|";
    Function<Store, Void> rewrite = store -> store.write("recording the earlier settings", h -> {
      String facts = h.createQuery("SELECT \"value\" FROM \"_marketing\".\"settings\" WHERE \"name\" = 'facts'")
          .mapTo(String.class).one();
      assertTrue(facts.contains(marker) && !facts.contains("|ltv:"), facts);
      String earlier = facts.replace(marker, "|ltv:" + ltv + marker);
      h.execute("UPDATE \"_marketing\".\"settings\" SET \"value\" = ? WHERE \"name\" = 'facts'", earlier);
      h.execute("DELETE FROM \"_marketing\".\"settings\" WHERE \"name\" = 'ltv'");
      return null;
    });
    if (StoreFixture.onPostgresql()) {
      try (Store store = Store.open(fixture.url())) {
        rewrite.apply(store);
      }
    } else {
      MarketingConfig config = new ConfigReader().read(Map.of("store", fixture.url(), "grossMargin", 0.5,
              "ltv", Map.of("calibrationEnd", CALIBRATION_END, "discountRate", Double.valueOf(discountRate)),
              "sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", fixture.exports().toString()))),
          fixture.exports(), fixture.url());
      Refresher.of(config).refreshWith(rewrite);
    }
  }

  @Test
  void aStoreWhoseFactsRecordTheLtvSettingsAsEarlierVersionsDidIsNeitherRebuiltAgainNorLeftStale() throws Exception {
    String first = predicted(model("0", "0.5"));
    recordTheSettingsAsEarlierVersionsDid("0");
    Map<String, LocalDateTime> before = builtAt();
    long generation = generation();
    nextSecond();

    assertEquals(first, predicted(model("0", "0.5")));
    assertEquals(generation, generation(), "the earlier settings are the configuration's: nothing was due");
    assertEquals(before, builtAt());

    String discounted = predicted(model("0.25", "0.5"));
    Map<String, LocalDateTime> after = builtAt();
    assertNotEquals(first, discounted, "the LTV view follows the new LTV settings");
    assertEquals(finance(before), finance(after), "the finance facts were rebuilt for a change of the LTV settings");
    assertAllDiffer(ltv(before), ltv(after), "the new LTV settings refitted the models");
    long refitted = generation();
    assertEquals(discounted, predicted(model("0.25", "0.5")));
    assertEquals(refitted, generation(), "once refitted, the store is not due again");
    assertFalse(builtAt().isEmpty());
  }
}
