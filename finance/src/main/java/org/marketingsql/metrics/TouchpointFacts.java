package org.marketingsql.metrics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.marketingsql.source.SqlType;
import org.marketingsql.store.LoadState;

/**
 * Rebuilds {@code _marketing.touchpoints} (customer, time, channel, campaign) from every loaded
 * touchpoints input, for the attribution models of ATTRIBUTED_REVENUE. A failed input fails the
 * fact, so attribution never silently credits everything to the fallback channel.
 */
public final class TouchpointFacts {
  static final String FACT = "touchpoints";
  private static final String KIND = "TOUCHPOINTS";

  /** Whether the fact has never been built in this store (it came after the others). */
  public static boolean isMissing(Handle handle) {
    return handle.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?").bind(0, FACT)
        .mapTo(Long.class).one() == 0;
  }

  /** Rebuilds the fact inside the caller's transaction. */
  public void refresh(Handle handle) {
    handle.execute("DELETE FROM \"_marketing\".\"touchpoints\"");
    List<LoadState> inputs = LoadState.all(handle).stream().filter(s -> KIND.equals(s.inputKind())).toList();
    List<String> failed = inputs.stream().filter(LoadState::failed)
        .map(s -> s.sourceName() + "." + s.tableName() + ": " + s.error()).toList();
    String error = failed.isEmpty() ? null
        : "a touchpoints input failed to load, so attribution would miss its touches: " + String.join("; ", failed);
    if (error == null) {
      for (LoadState s : inputs) {
        List<String> columns = List.of(s.columns().split(","));
        handle.execute(FactSql.load("touchpoints_insert")
            .optionalColumn("campaign_id", columns.contains("campaign_id") ? "campaign_id" : null, SqlType.VARCHAR)
            .literal("source_name", s.sourceName())
            .identifier("input", s.sourceName(), s.tableName())
            .render().sql());
      }
    }
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT, error == null ? "ok" : "failed",
        error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }
}
