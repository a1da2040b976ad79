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
 * own cancel flag is not seen while the store is busy computing. A cancel that comes while the user's
 * statement is still being planned, before any store statement runs, stays with that {@link Execution},
 * so a store statement it starts afterwards is refused instead of run to its end.
 */
public final class RunningStatements {
  /** Per JVM on purpose: a cancel comes from another thread than the one running. Weak keys: dead threads go. */
  private static final Map<Thread, Set<Statement>> RUNNING = new WeakHashMap<>();
  /** The user's statement each thread is executing. Guarded by {@code RUNNING}. */
  private static final Map<Thread, Execution> CURRENT = new WeakHashMap<>();
  /** What stops the wait of each thread waiting for a read session. Guarded by {@code RUNNING}. */
  private static final Map<Thread, Runnable> WAITING = new WeakHashMap<>();

  private RunningStatements() {
  }

  /** One execution of a user's statement, on the thread that runs it. */
  public static final class Execution {
    private final Thread thread = Thread.currentThread();
    private boolean cancelled;

    private Execution() {
    }
  }

  /** Marks the start of a user's statement execution on the current thread. */
  public static Execution begin() {
    synchronized (RUNNING) {
      Execution execution = new Execution();
      CURRENT.put(execution.thread, execution);
      return execution;
    }
  }

  /** Marks its end: a cancel after this no longer applies to the thread. */
  public static void end(Execution execution) {
    synchronized (RUNNING) {
      CURRENT.remove(execution.thread, execution);
    }
  }

  static void started(Statement statement) throws SQLException {
    synchronized (RUNNING) {
      Execution execution = CURRENT.get(Thread.currentThread());
      if (execution != null && execution.cancelled) {
        throw new SQLException("Statement canceled before the store started its query", "57014");
      }
      RUNNING.computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet()).add(statement);
    }
  }

  /** The wait of a thread for a read session, registered with {@link #waiting}; closing it ends the registration. */
  interface Waiting extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Registers the current thread's wait for a read session: a cancel of its execution calls {@code stop}. Refused
   * (57014) when the execution was cancelled already, as a store statement would be.
   */
  static Waiting waiting(Runnable stop) throws SQLException {
    Thread thread = Thread.currentThread();
    synchronized (RUNNING) {
      Execution execution = CURRENT.get(thread);
      if (execution != null && execution.cancelled) {
        throw new SQLException("Statement canceled before the store started its query", "57014");
      }
      WAITING.put(thread, stop);
    }
    return () -> {
      synchronized (RUNNING) {
        WAITING.remove(thread, stop);
      }
    };
  }

  static void finished(Statement statement) {
    synchronized (RUNNING) {
      Set<Statement> running = RUNNING.get(Thread.currentThread());
      if (running != null) {
        running.remove(statement);
      }
    }
  }

  /**
   * Cancels every store statement the execution's thread is running now, stops its wait for a read session, and
   * refuses any store statement it starts before the execution ends; returns how many were running.
   */
  public static int cancel(Execution execution) {
    Statement[] running;
    Runnable waiting;
    synchronized (RUNNING) {
      execution.cancelled = true;
      if (CURRENT.get(execution.thread) != execution) {
        return 0; // already ended: the thread has moved on
      }
      Set<Statement> set = RUNNING.get(execution.thread);
      running = set == null ? new Statement[0] : set.toArray(Statement[]::new);
      waiting = WAITING.get(execution.thread);
    }
    if (waiting != null) {
      waiting.run();
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
