package org.marketingsql.pgwire;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maps BackendKeyData's process id to its session, so a CancelRequest on another connection finds it, and to
 * what the session is doing, so pg_stat_activity lists a user's sessions, and counts what each user's sessions did.
 */
final class CancelRegistry {
  private final Map<Integer, Entry> sessions = new ConcurrentHashMap<>();
  private final Map<Integer, SessionActivity> activities = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1000);
  private final UserCounts counts = new UserCounts();
  private final SecureRandom random;

  private record Entry(int secret, SqlSession session, String user, Runnable terminate) {
  }

  /** What {@link #signal} did. */
  enum Signal { SENT, NO_SUCH_PROCESS, NOT_PERMITTED }

  CancelRegistry(SecureRandom random) {
    this.random = random;
  }

  /**
   * Registers {@code session} of {@code user}, which {@code terminate} closes (pg_terminate_backend); returns
   * {process id, secret}.
   */
  int[] register(SqlSession session, String user, Runnable terminate) {
    int id = nextId.incrementAndGet();
    int secret = random.nextInt();
    sessions.put(id, new Entry(secret, session, user, terminate));
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

  /** What each user's sessions did (pg_stat_database), kept as long as the server runs. */
  UserCounts counts() {
    return counts;
  }

  /** The rows of {@code user}'s sessions, by process id: never another user's. */
  List<SessionActivity.Row> activity(String user) {
    return activities.values().stream().filter(a -> a.user().equals(user)).map(SessionActivity::row)
        .sorted(java.util.Comparator.comparingInt(SessionActivity.Row::pid)).toList();
  }

  /**
   * pg_cancel_backend or pg_terminate_backend ({@code terminate}) of {@code processId} asked by a session of
   * {@code user}: as PostgreSQL lets a role that is not a superuser, only the same role's sessions are signalled.
   */
  Signal signal(int processId, String user, boolean terminate) {
    Entry e = sessions.get(processId);
    if (e == null) {
      return Signal.NO_SUCH_PROCESS;
    }
    if (!e.user().equals(user)) {
      return Signal.NOT_PERMITTED;
    }
    if (terminate) {
      e.terminate().run();
    } else {
      e.session().cancel();
    }
    return Signal.SENT;
  }

  /** Cancels only when the secret matches, as PostgreSQL does; a wrong one is ignored silently. */
  void cancel(int processId, int secret) {
    Entry e = sessions.get(processId);
    if (e != null && e.secret() == secret) {
      e.session().cancel();
    }
  }
}
