package org.marketingsql.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.marketingsql.config.ConfigException;
import org.marketingsql.config.ConfigProblem;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.Locations;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Validates a configuration and names every problem; changes nothing. */
@Command(name = "check", description = "Validate a configuration: keys, files, secret references; say which snapshot connections read, why the last refresh failed if it did, and each source's last load and table errors, with what to do. Changes nothing.")
final class CheckCommand implements Callable<Integer> {
  static final String FACTORY = "org.marketingsql.schema.MarketingSchemaFactory";

  @Option(names = "--model", paramLabel = "FILE", required = true, description = "the marketing.yaml to check")
  Path model;

  @Override
  public Integer call() {
    List<ConfigProblem> problems = problems(model);
    if (problems.isEmpty()) {
      System.out.println(model + ": OK");
      if (!hasGrossMargin(model)) {
        System.out.println("  warning: grossMargin is not set, so ROI and LTV count revenue as margin (1.0);"
            + " set grossMargin: 0.6 (or per product line) for finance's ROI");
      }
      for (org.marketingsql.config.SourceConfig source : read(model).sources()) {
        if (source.type().billed() && source.billing().equals(org.marketingsql.config.SourceBilling.NONE)) {
          System.out.println("  note: " + source.name() + " sets no billing, so finance.marketing_cash_schedule takes"
              + " its ad accounts to be invoiced monthly on the 1st, net 30 (billing_terms says \"(default)\")");
        }
      }
      if (!store(model)) {
        return 1;
      }
      boolean filesOk = files(model);
      snapshot(model);
      return apis(model) && filesOk ? 0 : 1;
    }
    for (ConfigProblem problem : problems) {
      System.out.println(model + ": " + problem);
    }
    return 1;
  }

  /**
   * For a store on a database server (PostgreSQL), logs in once and says where it is; false, with why,
   * when it cannot. Writes nothing, and no message shows the password.
   */
  static boolean store(Path model) {
    try {
      MarketingConfig config = read(model);
      org.marketingsql.store.Store.probe(config.store(), config.storeLogin())
          .ifPresent(where -> System.out.println("  store: " + where + ": logged in"));
      return true;
    } catch (org.marketingsql.store.StoreException e) {
      System.out.println("  store: FAILED: " + e.getMessage());
      return false;
    }
  }

  /**
   * Says which snapshot connections read and, when the last refresh failed, why; then, from that snapshot,
   * when each source last loaded and each table's last error, with what to do about it. Only reads.
   */
  static void snapshot(Path model) {
    MarketingConfig config = read(model);
    StoreFolder.of(config.store()).ifPresent(folder -> {
      Optional<StoreFolder.Generation> current = folder.current();
      System.out.println("  store: " + current.map(g -> "snapshot " + g.number() + " of " + folder.dir()
              + folder.publishedAt(g.number()).map(t -> ", published " + t.truncatedTo(ChronoUnit.SECONDS)).orElse(""))
          .orElse(folder.dir() + " has no snapshot yet (the first connection or marketing-sql refresh builds it)"));
      folder.failure().ifPresent(f -> {
        System.out.println("  warning: the last refresh failed at " + f.at() + ": " + f.message());
        System.out.println("    what to do: fix what the message names, then run marketing-sql refresh (serve"
            + " retries on its own); until a refresh succeeds, connections read "
            + current.map(g -> "snapshot " + g.number()).orElse("nothing") + " and sync.sync_status shows this error");
      });
      if (current.isPresent()) {
        Store snapshot = Store.openSnapshot(folder);
        try {
          for (SourceConfig source : config.sources()) {
            sourceErrors(source, snapshot.read(h -> LoadState.forSource(h, source.name())));
          }
        } finally {
          snapshot.close();
        }
      }
    });
  }

  /** One source's last load and its tables' errors as sync.sync_status has them, each with what to do. */
  private static void sourceErrors(SourceConfig source, List<LoadState> states) {
    Optional<LocalDateTime> last = states.stream().map(LoadState::lastSuccess).filter(Objects::nonNull)
        .max(LocalDateTime::compareTo);
    System.out.println("  " + source.name() + ": " + states.size() + " table" + (states.size() == 1 ? "" : "s")
        + last.map(t -> ", last loaded " + t.truncatedTo(ChronoUnit.SECONDS) + " UTC").orElse(", none loaded yet"));
    boolean api = ApiSync.isApi(source.type());
    for (LoadState state : states) {
      if (state.error() == null) {
        continue;
      }
      boolean sourceFailed = state.error().startsWith("refreshing source ");
      if (!state.failed() && !sourceFailed) {
        System.out.println("    note: " + source.name() + "." + state.tableName() + ": " + state.error());
        continue;
      }
      System.out.println("  warning: " + source.name() + "." + state.tableName() + ": " + state.error());
      System.out.println("    what to do: " + (sourceFailed
          ? (api ? "check the source's settings and credentials (the line for " + source.name() + " below tries them)"
              : "make the folder " + source.path() + " readable again")
              + "; its tables keep their last good data until the next refresh succeeds (marketing-sql refresh)"
          : api ? "check the API's message above and the source's credentials (tried below); the table keeps the rows of"
              + " its last good sync, and the next refresh syncs it again (marketing-sql refresh)"
          : "fix " + source.path().resolve(state.filePath()) + " where the message says (or move it out of the folder) and save it; the next"
              + " refresh loads it again (marketing-sql refresh), and until then its table is empty"));
    }
  }

  /** Tries each API source's credentials with one cheap call; false when one fails. Changes nothing. */
  static boolean apis(Path model) {
    boolean ok = true;
    for (var reach : org.marketingsql.ingest.ApiSync.check(read(model), org.marketingsql.source.http.RetryPolicy.defaults(),
        org.marketingsql.source.http.Sleeper.REAL)) {
      System.out.println("  " + reach.source() + " (" + reach.api() + "): " + (reach.ok() ? "" : "FAILED: ")
          + reach.message());
      ok &= reach.ok();
    }
    return ok;
  }

  /** Says what each export of each csv-folder source would be read as; false when one would be refused. */
  static boolean files(Path model) {
    boolean ok = true;
    org.marketingsql.config.MarketingConfig config = read(model);
    for (org.marketingsql.config.SourceConfig source : config.sources()) {
      if (source.type() != org.marketingsql.config.SourceType.CSV_FOLDER) {
        continue;
      }
      // The loader is only asked to inspect: no store is opened, nothing is written.
      for (var verdict : org.marketingsql.ingest.ExportFolderLoader.inspect(source)) {
        System.out.println("  " + source.name() + "/" + verdict);
        ok &= verdict.problem() == null;
      }
    }
    org.marketingsql.config.FxRatesSetting fx = config.fxRates();
    if (fx != null && fx.file() != null) {
      try {
        int rates = org.marketingsql.source.export.FxRatesFile.read(fx.file()).size();
        System.out.println("  fxRates: " + fx.file() + ": " + rates + " FX rates, which win over every other source of"
            + " rates");
      } catch (org.marketingsql.source.export.ExportException e) {
        System.out.println("  fxRates: refused: " + e.getMessage());
        ok = false;
      }
    }
    return ok;
  }

  static org.marketingsql.config.MarketingConfig read(Path model) {
    try {
      Map<?, ?> root = new ObjectMapper(model.getFileName().toString().endsWith(".json") ? null : new YAMLFactory())
          .readValue(model.toFile(), Map.class);
      for (Object schema : (List<?>) root.get("schemas")) {
        if (schema instanceof Map<?, ?> map && FACTORY.equals(map.get("factory"))) {
          @SuppressWarnings("unchecked")
          Map<String, ?> operand = (Map<String, ?>) map.get("operand");
          return new ConfigReader().read(operand, model.toAbsolutePath().getParent(),
              Locations.defaultStoreUrl(model.toAbsolutePath().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no schema uses " + FACTORY);
  }

  private static boolean hasGrossMargin(Path model) {
    try {
      Map<?, ?> root = new ObjectMapper(model.getFileName().toString().endsWith(".json") ? null : new YAMLFactory())
          .readValue(model.toFile(), Map.class);
      for (Object schema : (List<?>) root.get("schemas")) {
        if (schema instanceof Map<?, ?> map && FACTORY.equals(map.get("factory"))
            && map.get("operand") instanceof Map<?, ?> operand) {
          return operand.containsKey("grossMargin");
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  static List<ConfigProblem> problems(Path model) {
    Map<?, ?> root;
    try {
      String name = model.getFileName().toString();
      ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
      root = mapper.readValue(model.toFile(), Map.class);
    } catch (Exception e) {
      return List.of(new ConfigProblem("(file)", "cannot read " + model + ": " + e.getMessage()));
    }
    if (!(root.get("schemas") instanceof List<?> schemas)) {
      return List.of(new ConfigProblem("schemas", "is missing: a Calcite model lists its schemas"));
    }
    for (int i = 0; i < schemas.size(); i++) {
      if (schemas.get(i) instanceof Map<?, ?> schema && FACTORY.equals(schema.get("factory"))) {
        Object operand = schema.get("operand");
        @SuppressWarnings("unchecked")
        Map<String, ?> map = operand instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
        try {
          Path base = model.toAbsolutePath().getParent();
          new ConfigReader().read(map, base, Locations.defaultStoreUrl(model.toAbsolutePath().toString()));
          return List.of();
        } catch (ConfigException e) {
          return e.problems().stream()
              .map(p -> new ConfigProblem("schemas[" + schema.get("name") + "].operand." + p.path(), p.message()))
              .toList();
        }
      }
    }
    return List.of(new ConfigProblem("schemas", "no schema uses factory " + FACTORY));
  }
}
