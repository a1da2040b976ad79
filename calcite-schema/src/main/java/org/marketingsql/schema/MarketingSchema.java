package org.marketingsql.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.metrics.LtvFacts;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.export.ExportFolder;
import org.marketingsql.source.registry.SourceRegistry;
import org.marketingsql.sql.StoreDialects;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema a configuration names (usually {@code marketing}). Assembling it opens the store's last
 * published snapshot (refreshing first only when there is none, or when asked to), then adds
 * {@code finance}, {@code sync} and one schema per source to the root, where JDBC clients list them.
 *
 * <p>Every store table, whichever schema shows it, shares one JDBC convention, so a query that
 * joins sources and finance facts runs whole inside the store.
 */
public final class MarketingSchema extends AbstractSchema {
  private static final Logger LOG = LoggerFactory.getLogger(MarketingSchema.class);
  /** Hidden sub-schema of {@code finance} holding the store's own tables. */
  static final String STORE = "_store";
  /** Hidden sub-schema of {@code finance} holding the facts (or their load errors). */
  static final String FACTS = "_facts";

  private final MarketingConfig config;
  private final Store store;
  private final StartupTimes startup;

  private MarketingSchema(MarketingConfig config, Store store, StartupTimes startup) {
    this.config = config;
    this.store = store;
    this.startup = startup;
  }

  /**
   * How long assembling this schema took, by part: loading the sources into the store, building the
   * facts, and the rest (opening the store, the Calcite schema objects).
   */
  public StartupTimes startupTimes() {
    return startup;
  }

  /** The configuration this schema was built from. */
  public MarketingConfig config() {
    return config;
  }

  /** The store behind every table of this schema. */
  public Store store() {
    return store;
  }

  static MarketingSchema assemble(SchemaPlus root, MarketingConfig config) {
    Objects.requireNonNull(root, "root");
    long started = System.nanoTime();
    Optional<StoreFolder> folder = StoreFolder.of(config.store());
    Store store;
    long loadStarted;
    long factsStarted;
    Duration[] refreshed = {Duration.ZERO, Duration.ZERO};
    if (folder.isPresent()) {
      loadStarted = System.nanoTime();
      store = openSnapshot(config, folder.get(), refreshed);
      // the parts of a refresh this connection waited for (load, facts); the rest counts as the schema's
      factsStarted = System.nanoTime();
    } else {
      // A database server (or memory) has no snapshots: it is refreshed in place, as the connection opens.
      store = Store.open(config.store(), config.storeLogin());
      loadStarted = System.nanoTime();
      if (store.publishesInOneTransaction()) {
        boolean neverPublished = store.published().map(p -> p.generation() == 0).orElse(true);
        if (ConnectRefresh.current() == ConnectRefresh.WAIT || neverPublished || !Refresher.builtWith(store, config)) {
          // refresh=wait (marketing-sql refresh), nothing to answer from yet, or facts built with other settings
          // (currency, margins, billing terms), none of whose numbers are right: wait for another node's
          // refresh, then refresh what is still due
          factsStarted = PostgresRefresh.refresh(config, store, Duration.ofMinutes(30)).factsStarted();
        } else {
          // answer from the last publication at once; a refresh that is due publishes for the next connections
          PostgresRefresh.inBackground(config);
          factsStarted = System.nanoTime();
        }
      } else {
        StoreRefresh refresh = new StoreRefresh(config, store);
        refresh.loadSources();
        factsStarted = System.nanoTime();
        refresh.rebuildFacts();
      }
    }
    long schemaStarted = System.nanoTime();

    SchemaPlus finance = root.add("finance", new FinanceSchema());
    Expression storeExpression = Schemas.subSchemaExpression(finance, STORE, JdbcSchema.class);
    JdbcConvention convention = new StoreConvention(StoreDialects.of(store), storeExpression);
    JdbcSchema internal = new JdbcSchema(store.dataSource(), StoreDialects.of(store), convention, null, "_marketing");
    finance.add(STORE, internal);
    finance.add(FACTS, new StateBackedSchema("finance", internal, factEntries(store)));
    // hidden, as _store is: data_freshness and sync_status read it
    finance.add(FreshnessTable.SCHEMA, new AbstractSchema()).add(FreshnessTable.NAME, new FreshnessTable(config, store,
        folder, folder.map(f -> Refresher.of(config)), Instant.now()));
    SqlFunctions.register(root, config);
    SqlFunctions.registerLtv(root, store.read(LtvFacts::purchaseModel));
    // finance's table function; the very same object in the root lets finance's readers call it unqualified
    AttributedRevenueFunction attributedRevenue = new AttributedRevenueFunction(store);
    finance.add("ATTRIBUTED_REVENUE", attributedRevenue);
    root.add("ATTRIBUTED_REVENUE", attributedRevenue);
    Map<String, String> settings = Map.of(
        "reportingCurrency", config.reportingCurrency(),
        "grossMargin", config.grossMargin().toPlainString());
    FinanceSchema.addViews(root, finance, settings);

    for (SourceConfig source : config.sources()) {
      JdbcSchema tables = new JdbcSchema(store.dataSource(), StoreDialects.of(store), convention, null, source.name());
      List<StateBackedSchema.Entry> entries = new ArrayList<>();
      Map<String, Map<String, String>> remarks = columnRemarks(source);
      for (LoadState state : store.read(h -> LoadState.forSource(h, source.name()))) {
        List<String> header = state.columns() == null || state.columns().isEmpty() ? List.of()
            : List.of(state.columns().split(","));
        entries.add(new StateBackedSchema.Entry(state.tableName(), state.failed() ? state.error() : null, header));
        // an export, or the finance input an API table feeds: the descriptions its layout declares
        remarks.putIfAbsent(state.tableName(), ExportFolder.columnRemarks(state.inputKind(), header));
      }
      root.add(source.name(), new StateBackedSchema(source.name(), tables, entries, remarks));
    }
    SchemaPlus sync = root.add("sync", new AbstractSchema());
    // hidden, as finance's _store is: only sync_status reads it
    sync.add(RefreshFailureTable.SCHEMA, new AbstractSchema())
        .add(RefreshFailureTable.NAME, new RefreshFailureTable(store.published().isPresent()
            ? failure(store.published().get()) : folder.flatMap(StoreFolder::failure)));
    FinanceSchema.addView(root, sync, "sync_status", settings);
    long done = System.nanoTime();
    StartupTimes startup = folder.isPresent()
        ? new StartupTimes(refreshed[0], refreshed[1], Duration.ofNanos(done - started).minus(refreshed[0]).minus(refreshed[1]))
        : new StartupTimes(Duration.ofNanos(factsStarted - loadStarted), Duration.ofNanos(schemaStarted - factsStarted),
            Duration.ofNanos(loadStarted - started + done - schemaStarted));
    LOG.debug("schema assembled: {}", startup);
    return new MarketingSchema(config, store, startup);
  }

  /** The failure of the last refresh a PostgreSQL store recorded, if the last refresh failed. */
  static Optional<StoreFolder.Failure> failure(Store.Published published) {
    return published.failure() == null ? Optional.empty()
        : Optional.of(new StoreFolder.Failure(published.failedAt(), published.failure()));
  }

  /** The descriptions an API source's descriptor gives its tables' columns, by table and column. */
  private static Map<String, Map<String, String>> columnRemarks(SourceConfig source) {
    Map<String, Map<String, String>> remarks = new HashMap<>();
    SourceRegistry.find(source.type()).ifPresent(d -> d.tables().forEach(t -> remarks.put(t.name(),
        t.columns().stream().collect(Collectors.toMap(SourceColumn::name, SourceColumn::description)))));
    return remarks;
  }

  /**
   * The snapshot this connection reads, pinned for its life. Without a snapshot yet, with one whose facts
   * were built with other settings than this configuration's, or with {@code refresh=wait}, refreshes first
   * (waiting for another process's refresh); otherwise starts a refresh in the background when the
   * snapshot is behind its sources and answers from it at once.
   */
  private static Store openSnapshot(MarketingConfig config, StoreFolder folder, Duration[] refreshed) {
    Refresher refresher = Refresher.of(config);
    ConnectRefresh mode = ConnectRefresh.current();
    if (mode == ConnectRefresh.WAIT || folder.current().isEmpty()) {
      return refreshFirst(refresher, folder, refreshed);
    }
    Store store = Store.openSnapshot(folder);
    if (!Refresher.builtWith(store, config)) {
      // Its numbers were computed with other settings (currency, margins, billing terms): none would be right.
      // Other LTV settings alone wait for a refresh as well, which refits only the LTV models.
      store.close();
      return refreshFirst(refresher, folder, refreshed);
    }
    try {
      if (refresher.isDue(store)) {
        refresher.refreshInBackground("the sources changed since snapshot " + store.snapshotGeneration());
      }
    } catch (RuntimeException e) {
      LOG.warn("could not tell whether {} is behind its sources: {}", folder.describe(), e.getMessage());
    }
    return store;
  }

  private static Store refreshFirst(Refresher refresher, StoreFolder folder, Duration[] refreshed) {
    Refresher.Outcome outcome = refresher.refresh(true);
    LOG.debug("refreshed before connecting: {}", outcome);
    refreshed[0] = outcome.sources();
    refreshed[1] = outcome.derived();
    return Store.openSnapshot(folder);
  }

  private static List<StateBackedSchema.Entry> factEntries(Store store) {
    return store.read(h -> h.createQuery("SELECT \"fact\", \"status\", \"error\" FROM \"_marketing\".\"fact_state\"")
        .map((rs, ctx) -> new StateBackedSchema.Entry(rs.getString(1),
            "ok".equals(rs.getString(2)) ? null : rs.getString(3), null))
        .list());
  }
}
