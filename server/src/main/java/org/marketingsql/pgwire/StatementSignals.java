package org.marketingsql.pgwire;

import java.util.Objects;
import org.marketingsql.sql.PgSqlException;

/**
 * {@code pg_cancel_backend(pid)} and {@code pg_terminate_backend(pid[, timeout])} called anywhere in a statement (for each
 * row of {@code pg_stat_activity}, beside other select items): the session whose thread runs the statement signals,
 * with PostgreSQL 15's rules for a role that is not a superuser ({@link CancelRegistry#signal}). A session binds
 * itself to its thread for as long as the thread serves it; a thread that serves no session (the server's own catalog
 * reads) has none, and the functions fail there as PostgreSQL's fail for a role without the right.
 */
final class StatementSignals {
  /** What the session does with a signal its statement sends: true when it was sent, false for no such process. */
  interface Sender {
    boolean send(int pid, boolean terminate);
  }

  private static final ThreadLocal<Sender> SESSION = new ThreadLocal<>();

  private StatementSignals() {
  }

  /** From now on, statements run on this thread signal through {@code sender}. */
  static void bind(Sender sender) {
    SESSION.set(Objects.requireNonNull(sender, "sender"));
  }

  static void unbind() {
    SESSION.remove();
  }

  /** The signal of one call; null for a null process id, as PostgreSQL's strict functions answer. */
  static Boolean send(Integer pid, boolean terminate) {
    if (pid == null) {
      return null;
    }
    Sender sender = SESSION.get();
    if (sender == null) {
      throw new PgSqlException("42501", terminate ? BackendSignals.TERMINATE_REFUSED : BackendSignals.CANCEL_REFUSED);
    }
    return sender.send(pid, terminate);
  }
}
