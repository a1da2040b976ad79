package org.marketingsql.jdbc;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.util.CancelFlag;

/**
 * A flag that cuts short the planning of the statements a thread prepares. JDBC's {@code Statement.cancel} reaches a
 * statement once it runs; Calcite's cost-based planner checks a flag of its own at each rule it applies and, once it is
 * set, ends its search with the best plan found so far. The driver gives each planner it makes the flag of the thread
 * that prepares, so a server that plans a client's statement on that thread can stop the search when the client
 * cancels (and then refuse the plan).
 */
public final class PlanningCancel implements AutoCloseable {
  private static final ThreadLocal<AtomicBoolean> FLAG = new ThreadLocal<>();
  private final AtomicBoolean previous;

  private PlanningCancel(AtomicBoolean flag) {
    previous = FLAG.get();
    FLAG.set(Objects.requireNonNull(flag, "flag"));
  }

  /** Gives {@code flag} to the planners made on the calling thread until {@link #close}. */
  public static PlanningCancel on(AtomicBoolean flag) {
    return new PlanningCancel(flag);
  }

  /** The calling thread's flag, as the planner's context holds it; empty when none was given. */
  static Optional<CancelFlag> current() {
    return Optional.ofNullable(FLAG.get()).map(CancelFlag::new);
  }

  @Override
  public void close() {
    if (previous == null) {
      FLAG.remove();
    } else {
      FLAG.set(previous);
    }
  }
}
