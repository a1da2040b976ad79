package org.marketingsql.pgwire;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps BackendKeyData's process id to its session, so a CancelRequest on another connection finds it, and to
 * what the session is doing, so pg_stat_activity lists a user's sessions.
 */
final class CancelRegistry {
  private final Map<Integer, Entry> sessions = new ConcurrentHashMap<>();
  private final Map<Integer, SessionActivity> activities = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1000);
  private final SecureRandom random;

  private record Entry(int secret, SqlSession session) {
  }

  CancelRegistry(SecureRandom random) {
    this.random = random;
  }

  /** Registers {@code session}; returns {process id, secret}. */
  int[] register(SqlSession session) {
    int id = nextId.incrementAndGet();
    int secret = random.nextInt();
    sessions.put(id, new Entry(secret, session));
    return new int[] {id, secret};
  }

  /** Sessions logged in and not yet closed. */
  int size() {
    return sessions.size();
  }

  void unregister(int processId) {
    sessions.remove(processId);
    activities.remove(processId);
  }

  /** What the session of {@code processId} does, from now until it is unregistered. */
  void describe(int processId, SessionActivity activity) {
    activities.put(processId, activity);
  }

  /** The rows of {@code user}'s sessions, by process id: never another user's. */
  List<SessionActivity.Row> activity(String user) {
    return activities.values().stream().filter(a -> a.user().equals(user)).map(SessionActivity::row)
        .sorted(java.util.Comparator.comparingInt(SessionActivity.Row::pid)).toList();
  }

  /** Cancels only when the secret matches, as PostgreSQL does; a wrong one is ignored silently. */
  void cancel(int processId, int secret) {
    Entry e = sessions.get(processId);
    if (e != null && e.secret() == secret) {
      e.session().cancel();
    }
  }
}
