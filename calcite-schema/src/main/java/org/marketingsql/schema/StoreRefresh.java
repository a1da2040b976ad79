package org.marketingsql.schema;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.metrics.FinanceFacts;
import org.marketingsql.metrics.LtvFacts;
import org.marketingsql.metrics.NpsFacts;
import org.marketingsql.metrics.OrderAttribution;
import org.marketingsql.metrics.TouchpointFacts;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.ingest.ExportFolderLoader;
import org.marketingsql.ingest.ReportingZone;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.RefreshFailures;
import org.marketingsql.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store up to date with a configuration's sources: loads the exports that changed, syncs
 * the API sources that are stale, then rebuilds the facts the store says are older than their data
 * ({@link PendingFacts}), never built, or built with other settings. What needs rebuilding is read
 * from the store, never remembered in memory, so a process killed at any point leaves the next
 * refresh to finish the job.
 */
final class StoreRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRefresh.class);
  private final MarketingConfig config;
  private final Store store;

  StoreRefresh(MarketingConfig config, Store store) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Loads the changed exports and syncs the stale API sources; each commit marks the facts pending. A
   * source that fails keeps its last good data with the error recorded, and the others still load.
   */
  void loadSources() {
    loadExports();
    syncStaleApis();
  }

  /**
   * Re-days the stored orders if the reporting time zone changed (export files of orders then load again),
   * then loads the exports that changed; a folder that fails keeps its last good data, with the error recorded.
   */
  void loadExports() {
    try {
      new ReportingZone(store, config.timeZone()).follow();
    } catch (RuntimeException e) {
      // the zone stays unrecorded, so the next refresh tries again; the orders keep their days meanwhile
      LOG.warn("re-daying the stored orders in {} failed: {}", config.timeZone(), e.getMessage());
      LOG.debug("cause of the failed re-day", e);
    }
    for (SourceConfig source : config.sources()) {
      if (source.type() == SourceType.CSV_FOLDER) {
        try {
          new ExportFolderLoader(store, source, config.timeZone()).refresh();
        } catch (RuntimeException e) {
          new RefreshFailures(store, Clock.systemUTC()).record(source.name(), e);
        }
      }
    }
  }

  /** Syncs the API sources with a maxAge whose data is older than that; calls out for nothing else. */
  void syncStaleApis() {
    if (config.sources().stream().anyMatch(s -> ApiSync.isApi(s.type()))) {
      ApiSync.of(config, store).syncStale();
    }
  }

  /**
   * Rebuilds the facts that are due, each group in the transaction that clears its mark. A group whose
   * rebuild fails keeps its last good facts and its mark, so the next refresh tries again.
   */
  void rebuildFacts() {
    try {
      rebuildDueFacts();
    } catch (RuntimeException e) {
      LOG.warn("rebuilding the facts failed; they stay as last built and are rebuilt on the next refresh: {}",
          e.getMessage());
      LOG.debug("cause of the failed rebuild", e);
    }
    try {
      // The LTV models carry the version of the orders they were fitted on, so they follow the facts by themselves.
      new LtvFacts(config).refresh(store);
    } catch (RuntimeException e) {
      LOG.warn("fitting the LTV models failed; the last fit stays: {}", e.getMessage());
      LOG.debug("cause of the failed fit", e);
    }
  }

  /**
   * Rebuilds the facts that are due, failing when that fails: a snapshot is published only with derived
   * data that matches its sources.
   */
  void rebuildDueFactsOrFail() {
    rebuildDueFacts();
  }

  /** Refits the LTV models when the orders changed since their fit; fails when the fit cannot be stored. */
  void refitLtv() {
    new LtvFacts(config).refresh(store);
  }

  private void rebuildDueFacts() {
    boolean neverBuilt = store.read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"fact_state\"")
        .mapTo(Long.class).one()) == 0;
    boolean settingsChanged = !store.read(h -> FinanceFacts.builtWith(h, config));
    boolean finance = neverBuilt || settingsChanged
        || store.read(h -> PendingFacts.isPending(h, PendingFacts.Group.FINANCE));
    // Touchpoints first: the finance facts end with the attribution decision, which reads them.
    if (neverBuilt || settingsChanged
        || store.read(h -> PendingFacts.isPending(h, PendingFacts.Group.SURVEYS_AND_TOUCHPOINTS))
        || store.read(NpsFacts::isMissing) || store.read(TouchpointFacts::isMissing)) {
      store.write("refreshing the NPS responses and touchpoints", handle -> {
        new NpsFacts().refresh(handle);
        new TouchpointFacts().refresh(handle);
        if (!finance) {
          new OrderAttribution(config.attribution()).refresh(handle);
        }
        PendingFacts.clear(handle, PendingFacts.Group.SURVEYS_AND_TOUCHPOINTS);
        return null;
      });
    }
    if (finance) {
      LocalDate today = LocalDate.now(config.timeZone());
      store.write("refreshing the finance facts", handle -> {
        new FinanceFacts(config, today).refresh(handle);
        PendingFacts.clear(handle, PendingFacts.Group.FINANCE);
        return null;
      });
    }
  }
}
