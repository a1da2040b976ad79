package org.marketingsql.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store statements each thread is executing, so that cancelling a user's statement reaches the
 * store: Calcite runs a pushed-down query on the thread that executes the user's statement, and its
 * own cancel flag is not seen while the store is busy computing.
 */
public final class RunningStatements {
  /** Per JVM on purpose: a cancel comes from another thread than the one running. Weak keys: dead threads go. */
  private static final Map<Thread, Set<Statement>> RUNNING = new WeakHashMap<>();

  private RunningStatements() {
  }

  static void started(Statement statement) {
    synchronized (RUNNING) {
      RUNNING.computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet()).add(statement);
    }
  }

  static void finished(Statement statement) {
    synchronized (RUNNING) {
      Set<Statement> running = RUNNING.get(Thread.currentThread());
      if (running != null) {
        running.remove(statement);
      }
    }
  }

  /** Cancels every store statement {@code thread} is executing now; returns how many. */
  public static int cancel(Thread thread) {
    Statement[] running;
    synchronized (RUNNING) {
      Set<Statement> set = RUNNING.get(thread);
      running = set == null ? new Statement[0] : set.toArray(Statement[]::new);
    }
    int cancelled = 0;
    for (Statement statement : running) {
      try {
        statement.cancel();
        cancelled++;
      } catch (SQLException e) {
        // Already finished or closed: nothing left to stop.
      }
    }
    return cancelled;
  }
}
