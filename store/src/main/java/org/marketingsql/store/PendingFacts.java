package org.marketingsql.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Which facts are older than the data they are derived from, kept in the store
 * ({@code _marketing.facts_pending}) rather than in memory: a load or sync marks them in its own
 * transaction, a rebuild clears its mark in the transaction that rebuilds them. A process killed
 * between the two leaves the mark behind, so the next refresh rebuilds the facts.
 */
public final class PendingFacts {
  private static final String TABLE = "\"_marketing\".\"facts_pending\"";

  /** The facts rebuilt together, each group in one transaction. */
  public enum Group {
    /** ad spend, orders, budgets, FX and the cash schedule ({@code FinanceFacts}) */
    FINANCE("finance"),
    /** NPS answers and touchpoints ({@code NpsFacts}, {@code TouchpointFacts}) */
    SURVEYS_AND_TOUCHPOINTS("surveys_and_touchpoints");

    private final String key;

    Group(String key) {
      this.key = key;
    }
  }

  private PendingFacts() {
  }

  /** Inside the transaction that changes a source's data: every group of facts needs a rebuild. */
  public static void mark(Handle handle, String cause) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(cause, "cause");
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    for (Group group : Group.values()) {
      handle.execute("DELETE FROM " + TABLE + " WHERE \"fact_group\" = ?", group.key);
      handle.execute("INSERT INTO " + TABLE + " (\"fact_group\", \"cause\", \"since\") VALUES (?, ?, ?)", group.key,
          cause, now);
    }
  }

  /** Whether a group of facts was marked and not rebuilt since. */
  public static boolean isPending(Handle handle, Group group) {
    Objects.requireNonNull(group, "group");
    return handle.createQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE \"fact_group\" = ?").bind(0, group.key)
        .mapTo(Long.class).one() > 0;
  }

  /** Inside the transaction that rebuilds a group of facts. */
  public static void clear(Handle handle, Group group) {
    Objects.requireNonNull(group, "group");
    handle.execute("DELETE FROM " + TABLE + " WHERE \"fact_group\" = ?", group.key);
  }
}
