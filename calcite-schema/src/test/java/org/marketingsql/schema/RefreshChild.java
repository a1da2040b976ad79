package org.marketingsql.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;

/**
 * A second process for the snapshot tests.
 * <ul>
 *   <li>{@code refresh <store> <folder> <phase> <pauseMillis> <wait|leave>} runs one refresh of the store,
 *       printing each phase (load, sync, facts, ltv, publish) as it begins and pausing at {@code phase};
 *       then prints {@code outcome <STATUS> <generation>} (the test may kill it on the way);</li>
 *   <li>{@code views <store> <folder>} connects with {@code refresh=wait}, as a JDBC client does, and prints
 *       every row of the finance views, sorted, then {@code end};</li>
 *   <li>{@code read <store> <folder>} connects without waiting, prints {@code opened <millis>}, the orders'
 *       count as {@code orders <n>}, then {@code end}.</li>
 * </ul>
 */
public final class RefreshChild {
  /** The views compared after a crash, whole. */
  static final List<String> VIEWS = List.of("finance.ad_spend_daily", "finance.orders", "finance.channel_roi",
      "finance.budget_vs_actual", "finance.nps", "finance.customer_ltv", "finance.marketing_cash_schedule",
      "finance.\"_store\".touchpoints");

  private RefreshChild() {
  }

  /**
   * The crash tests' configuration: the export folder, and when the system property
   * {@code marketingsql.test.stripe} names a Stripe endpoint (and {@code marketingsql.test.stripeKey} its
   * key reference), a Stripe source that is always stale, so every refresh syncs it.
   */
  static MarketingConfig config(String store, Path folder) {
    return new ConfigReader().read(Map.of("store", store, "sources", sources(folder, System.getProperty(
        "marketingsql.test.stripe"), System.getProperty("marketingsql.test.stripeKey"))), folder, store);
  }

  /** The export folder, and a Stripe source that is always stale when {@code stripe} (an endpoint) is not null. */
  private static List<Map<String, Object>> sources(Path folder, String stripe, String stripeKey) {
    List<Map<String, Object>> sources = new ArrayList<>();
    sources.add(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString()));
    if (stripe != null) {
      sources.add(Map.of("name", "stripe", "type", "stripe", "endpoint", stripe, "apiKey", stripeKey, "maxAge", "1s"));
    }
    return sources;
  }

  public static void main(String[] args) throws Exception {
    String store = args[1];
    Path folder = Path.of(args[2]);
    switch (args[0]) {
      case "refresh" -> refresh(store, folder, args[3], Long.parseLong(args[4]), args[5].equals("wait"));
      case "views" -> views(store, folder);
      case "read" -> read(store, folder);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void refresh(String store, Path folder, String pauseAt, long pauseMillis, boolean wait)
      throws Exception {
    Refresher.phaseListener = phase -> {
      System.out.println(phase);
      System.out.flush();
      if (phase.equals(pauseAt)) {
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    Refresher.Outcome outcome = Refresher.of(config(store, folder)).refresh(wait);
    System.out.println("outcome " + outcome.status() + " " + outcome.generation());
    System.out.flush();
  }

  private static Properties properties(String store, Path folder, String stripe, String stripeKey) throws Exception {
    Map<String, Object> operand = Map.of("store", store, "sources", sources(folder, stripe, stripeKey));
    String model = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("version", "1.0",
        "defaultSchema", "marketing", "schemas", List.of(Map.of("name", "marketing", "type", "custom",
            "factory", MarketingSchemaFactory.class.getName(), "operand", operand))));
    Properties p = new Properties();
    p.setProperty("model", "inline:" + model);
    p.setProperty("caseSensitive", "false");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    return p;
  }

  private static void views(String store, Path folder) throws Exception {
    for (String line : views(store, folder, System.getProperty("marketingsql.test.stripe"),
        System.getProperty("marketingsql.test.stripeKey"))) {
      System.out.println(line);
    }
    System.out.println("end");
    System.out.flush();
  }

  /**
   * Connects with {@code refresh=wait}, as a JDBC client does, and gives every row of the finance views, sorted, each
   * as {@code <view>: <row>}: what {@code views} prints, for a test that reads the views in its own JVM.
   */
  static List<String> views(String store, Path folder, String stripe, String stripeKey) throws Exception {
    Properties p = properties(store, folder, stripe, stripeKey);
    List<String> lines = new ArrayList<>();
    try (Connection connection = ConnectRefresh.WAIT.during(() -> DriverManager.getConnection("jdbc:calcite:", p));
        Statement statement = connection.createStatement()) {
      for (String view : VIEWS) {
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + view)) {
          List<String> rows = new ArrayList<>(org.marketingsql.testing.Sql.format(rs));
          rows.sort(null);
          for (String row : rows) {
            lines.add(view + ": " + row);
          }
        }
      }
    }
    return lines;
  }

  private static void read(String store, Path folder) throws Exception {
    Properties p = properties(store, folder, System.getProperty("marketingsql.test.stripe"),
        System.getProperty("marketingsql.test.stripeKey"));
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:", p)) {
      System.out.println("opened " + (System.nanoTime() - started) / 1_000_000);
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM exports.orders")) {
        rs.next();
        System.out.println("orders " + rs.getLong(1));
      }
    }
    System.out.println("end");
    System.out.flush();
  }
}
