package org.marketingsql.pgwire;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts sessions against max_connections, in all and per user name. A session takes its slot with its
 * startup message, before it logs in, as a PostgreSQL backend does, and gives it back when its connection
 * closes. A user name with no session left is forgotten, so made-up names leave nothing behind.
 */
final class ConnectionSlots {
  private final int max;
  private final int maxPerUser;
  private final Map<String, Integer> perUser = new HashMap<>();
  private int total;

  ConnectionSlots(int max, int maxPerUser) {
    if (max < 1 || maxPerUser < 1) {
      throw new IllegalArgumentException("connection limits must be at least 1, found " + max + " and " + maxPerUser);
    }
    this.max = max;
    this.maxPerUser = maxPerUser;
  }

  /** A slot for {@code user}; 53300 with PostgreSQL's words when the server or that user is at the limit. */
  synchronized Slot acquire(String user) throws PgException {
    Objects.requireNonNull(user, "user");
    int mine = perUser.getOrDefault(user, 0);
    if (total >= max) {
      throw new PgException("53300", "sorry, too many clients already");
    }
    if (mine >= maxPerUser) {
      throw new PgException("53300", "too many connections for role \"" + user + "\"");
    }
    total++;
    perUser.put(user, mine + 1);
    return new Slot(user);
  }

  /** Sessions holding a slot. */
  synchronized int inUse() {
    return total;
  }

  private synchronized void release(String user) {
    total--;
    perUser.computeIfPresent(user, (k, n) -> n == 1 ? null : n - 1);
  }

  /** One session's place; closing it more than once gives it back once. */
  final class Slot implements AutoCloseable {
    private final String user;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Slot(String user) {
      this.user = user;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release(user);
      }
    }
  }
}
