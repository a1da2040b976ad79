package org.marketingsql.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.Store;
import org.marketingsql.testing.Fixtures;

/**
 * A second process for the crash tests: {@code refresh <store> <folder> <pauseMillis>} loads the folder
 * into the store, says {@code loaded}, waits, rebuilds the facts and says {@code built} (the test kills
 * it somewhere on the way); {@code views <store> <folder>} connects as a JDBC client does and prints
 * every row of the finance views, sorted, then {@code end}.
 */
public final class RefreshChild {
  /** The views compared after a crash, whole. */
  static final List<String> VIEWS = List.of("finance.ad_spend_daily", "finance.orders", "finance.channel_roi",
      "finance.budget_vs_actual", "finance.nps", "finance.customer_ltv", "finance.marketing_cash_schedule",
      "finance.\"_store\".touchpoints");

  private RefreshChild() {
  }

  static MarketingConfig config(String store, Path folder) {
    return new ConfigReader().read(Map.of("store", store,
        "sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString()))), folder, store);
  }

  public static void main(String[] args) throws Exception {
    String store = args[1];
    Path folder = Path.of(args[2]);
    if (args[0].equals("refresh")) {
      try (Store opened = Store.open(store)) {
        StoreRefresh refresh = new StoreRefresh(config(store, folder), opened);
        System.out.println("loading");
        System.out.flush();
        refresh.loadSources();
        System.out.println("loaded");
        System.out.flush();
        Thread.sleep(Long.parseLong(args[3]));
        refresh.rebuildFacts();
        System.out.println("built");
        System.out.flush();
      }
      return;
    }
    String model = Fixtures.model(folder, Path.of(store.substring("jdbc:duckdb:".length())), "");
    java.util.Properties p = new java.util.Properties();
    p.setProperty("model", "inline:" + model);
    p.setProperty("caseSensitive", "false");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    try (Connection connection = java.sql.DriverManager.getConnection("jdbc:calcite:", p);
        Statement statement = connection.createStatement()) {
      for (String view : VIEWS) {
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + view)) {
          List<String> rows = new ArrayList<>(org.marketingsql.testing.Sql.format(rs));
          rows.sort(null);
          for (String row : rows) {
            System.out.println(view + ": " + row);
          }
        }
      }
    }
    System.out.println("end");
    System.out.flush();
  }
}
