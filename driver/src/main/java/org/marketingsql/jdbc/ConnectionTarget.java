package org.marketingsql.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.marketingsql.config.Locations;
import org.marketingsql.demo.DemoCompany;
import org.marketingsql.sql.LenientParserFactory;
import org.marketingsql.source.googleads.GoogleAdsSource;
import org.marketingsql.source.metaads.MetaAdsSource;
import org.marketingsql.source.microsoftads.MicrosoftAdsSource;

/**
 * What a {@code jdbc:marketing:} URL points at, turned into the Calcite connection properties: a
 * configuration file, the bundled demo company, or a quick-start export folder.
 */
record ConnectionTarget(String kind, String location) {
  /** Bumped when the demo generator changes, so caches of an older demo are rebuilt. */
  static final String DEMO_VERSION = DemoCompany.VERSION;

  static ConnectionTarget parse(String rest) throws SQLException {
    String target = rest.trim();
    int semicolon = target.indexOf(';');
    if (semicolon >= 0) {
      target = target.substring(0, semicolon);
    }
    if (target.equals("demo")) {
      return new ConnectionTarget("demo", null);
    }
    if (target.startsWith("model=") && target.length() > 6) {
      return new ConnectionTarget("model", target.substring(6));
    }
    if (target.startsWith("csv=") && target.length() > 4) {
      return new ConnectionTarget("csv", target.substring(4));
    }
    throw new SQLException("cannot connect to '" + MarketingDriver.PREFIX + rest + "': use " + MarketingDriver.PREFIX
        + "demo, " + MarketingDriver.PREFIX + "model=/path/marketing.yaml or " + MarketingDriver.PREFIX
        + "csv=/path/to/exports", "08001");
  }

  /**
   * The value of {@code key} among the URL's {@code ;key=value} settings after the target, or null:
   * {@code jdbc:marketing:demo;readableSchemas=finance}.
   */
  static String setting(String rest, String key) {
    String[] parts = rest.split(";");
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals > 0 && parts[i].substring(0, equals).strip().equalsIgnoreCase(key)) {
        return parts[i].substring(equals + 1).strip();
      }
    }
    return null;
  }

  Properties properties(Properties info) throws SQLException {
    Properties p = new Properties();
    // BI tools upper-case or quote identifiers at will: match names case-insensitively, keep them as written.
    p.setProperty("caseSensitive", "false");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    p.setProperty("conformance", "LENIENT");
    // PostgreSQL's date functions and interval literals, and keywords as column names after AS.
    p.setProperty("parserFactory", LenientParserFactory.class.getName());
    // casts to fewer decimals round half away from zero, as in PostgreSQL and the store
    p.setProperty("typeSystem", org.marketingsql.sql.PgTypeSystem.class.getName());
    if (info != null) {
      info.forEach((k, v) -> p.setProperty(k.toString(), v.toString()));
    }
    switch (kind) {
      case "model" -> {
        Path model = Path.of(location).toAbsolutePath();
        if (!Files.isRegularFile(model)) {
          throw new SQLException("configuration file " + model + " does not exist", "08001");
        }
        p.setProperty("model", model.toString());
      }
      case "csv" -> {
        Path folder = Path.of(location).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
          throw new SQLException("export folder " + folder + " does not exist", "08001");
        }
      }
      default -> {
        // the demo's exports and store: operand()
      }
    }
    return p;
  }

  /**
   * The operand of the {@code marketing} schema a demo or quick-start URL stands for, as a Calcite model's JSON would
   * give it to {@code MarketingSchemaFactory}; null for a configuration file, which Calcite reads.
   */
  Map<String, Object> operand() throws SQLException {
    switch (kind) {
      case "model" -> {
        return null;
      }
      case "csv" -> {
        Path folder = Path.of(location).toAbsolutePath().normalize();
        Path store = Locations.cacheDir().resolve("csv-" + Locations.shortHash(folder.toString())).resolve("store.duckdb");
        return operand(folder, store, null);
      }
      default -> {
        Path home = Locations.cacheDir().resolve("demo-" + DEMO_VERSION);
        return operand(demoExports(home), home.resolve("store.duckdb"), DEMO_BILLING_TERMS);
      }
    }
  }

  /** The demo company's export folder in the cache, generated on first use. */
  static Path demoExports(Path home) throws SQLException {
    Path exports = home.resolve("exports");
    if (Files.isDirectory(exports)) {
      return exports;
    }
    try {
      Files.createDirectories(home);
      // Generate aside and move into place, so a second process never sees half a demo.
      Path staging = Files.createTempDirectory(home, "exports-");
      DemoCompany.generate(staging);
      try {
        Files.move(staging, exports, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isDirectory(exports)) {
          throw raced;
        }
      }
      return exports;
    } catch (IOException | UncheckedIOException e) {
      throw new SQLException("cannot write the demo company's data into " + home + ": " + e.getMessage(), "08001", e);
    }
  }

  /**
   * The demo company's billing terms, one of each kind for finance.marketing_cash_schedule: Google and Meta
   * charge at a payment threshold (in each account's currency), Microsoft is prepaid, and LinkedIn has no
   * terms configured, so it shows the default monthly invoice net 30.
   */
  static final String DEMO_BILLING = ", \"billing\": {\"" + GoogleAdsSource.PLATFORM + "\": {\"threshold\": 5000},"
      + " \"" + MetaAdsSource.PLATFORM + "\": {\"threshold\": 2500}, \"" + MicrosoftAdsSource.PLATFORM + "\": \"prepaid\"}";

  /** {@link #DEMO_BILLING} as the operand holds it. */
  static final Map<String, Object> DEMO_BILLING_TERMS = Map.of(GoogleAdsSource.PLATFORM, Map.of("threshold", 5000),
      MetaAdsSource.PLATFORM, Map.of("threshold", 2500), MicrosoftAdsSource.PLATFORM, "prepaid");

  private static Map<String, Object> operand(Path exports, Path store, Map<String, Object> billing) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("name", "exports");
    source.put("type", "csv-folder");
    source.put("path", exports.toString());
    if (billing != null) {
      source.put("billing", billing);
    }
    Map<String, Object> operand = new LinkedHashMap<>();
    operand.put("store", "jdbc:duckdb:" + store);
    operand.put("reportingCurrency", "USD");
    operand.put("fiscalYearStartMonth", 1);
    operand.put("sources", List.of(source));
    return operand;
  }
}
