package org.marketingsql.pgwire;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the catalog views that describe the server's sessions list for one session, read at each scan: its cursors
 * (pg_cursors), its prepared statements (pg_prepared_statements), its user's sessions (pg_stat_activity, whose count
 * is pg_stat_database's numbackends) and its user's counts (pg_stat_database). Never another user's.
 */
record SessionViews(Supplier<List<Cursors.Listed>> cursors, Supplier<List<ListedStatement>> prepared,
    Supplier<List<SessionActivity.Row>> activity, Supplier<UserCounts.Totals> counts) {
  /** Views of no session: nothing open, nothing counted (the catalog the server reads ahead at start). */
  static final SessionViews NONE = new SessionViews(List::of, List::of, List::of, () -> UserCounts.NONE);

  SessionViews {
    Objects.requireNonNull(cursors, "cursors");
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(counts, "counts");
  }
}
