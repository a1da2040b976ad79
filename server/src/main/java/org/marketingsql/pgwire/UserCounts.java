package org.marketingsql.pgwire;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What each user's sessions did since the server started, as {@code pg_stat_database} counts a database's: the
 * transactions committed and rolled back (a statement outside a block is a transaction of its own), the rows
 * statements returned and the sessions that logged in. Counted per user, so a user's row never tells what another
 * user's sessions did.
 */
final class UserCounts {
  /** One user's figures at one moment. */
  record Totals(long commits, long rollbacks, long rowsReturned, long sessions) {
  }

  private record Counters(LongAdder commits, LongAdder rollbacks, LongAdder rowsReturned, LongAdder sessions) {
    Counters() {
      this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
    }
  }

  /** The figures of no session. */
  static final Totals NONE = new Totals(0, 0, 0, 0);

  private final Map<String, Counters> users = new ConcurrentHashMap<>();

  /** A transaction of {@code user}'s ended: committed, or rolled back (an error, ROLLBACK). */
  void ended(String user, boolean committed) {
    Counters c = of(user);
    (committed ? c.commits() : c.rollbacks()).increment();
  }

  /** A statement of {@code user}'s sent {@code rows} rows. */
  void returned(String user, long rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, found " + rows);
    }
    of(user).rowsReturned().add(rows);
  }

  /** A session of {@code user}'s logged in. */
  void loggedIn(String user) {
    of(user).sessions().increment();
  }

  /** {@code user}'s figures; zeros for a user who has not logged in since the server started. */
  Totals totals(String user) {
    Counters c = users.get(Objects.requireNonNull(user, "user"));
    return c == null ? NONE : new Totals(c.commits().sum(), c.rollbacks().sum(), c.rowsReturned().sum(), c.sessions().sum());
  }

  private Counters of(String user) {
    return users.computeIfAbsent(Objects.requireNonNull(user, "user"), u -> new Counters());
  }
}
