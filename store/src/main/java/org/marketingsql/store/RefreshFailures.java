package org.marketingsql.store;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that refreshing a whole source failed (its folder could not be listed, its API could not be
 * set up, the store refused the load): every table of the source keeps its data and status, with
 * the error beside it in {@code sync.sync_status.last_error}. The next good load of a table clears it.
 */
public final class RefreshFailures {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshFailures.class);

  private final Store store;
  private final Clock clock;

  public RefreshFailures(Store store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Logs the failure and records it for the source's tables; a store that cannot take even that is logged. */
  public void record(String source, RuntimeException failure) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(failure, "failure");
    String message = "refreshing source " + source + " failed: " + failure.getMessage();
    LOG.warn("{}; its tables keep their last good data", message);
    LOG.debug("cause of the failed refresh of {}", source, failure);
    LocalDateTime now = LocalDateTime.now(clock).withNano(0);
    try {
      store.write("recording the failed refresh of " + source, handle -> handle.createUpdate(
              "UPDATE \"_marketing\".\"load_state\" SET \"error\" = ?, \"loaded_at\" = ? WHERE \"source_name\" = ?")
          .bind(0, message).bind(1, now).bind(2, source).execute());
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      LOG.warn("could not record the failed refresh of {}: {}", source, e.getMessage());
    }
  }
}
