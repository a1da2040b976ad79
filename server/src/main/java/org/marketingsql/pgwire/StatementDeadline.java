package org.marketingsql.pgwire;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * statement_timeout for one statement: when it passes, the statement is cancelled (as a CancelRequest
 * would), and the session reports 57014 whatever error the cancel caused. Closing it before then
 * keeps the statement.
 */
final class StatementDeadline implements AutoCloseable {
  /** Far enough never to come, near enough not to overflow System.nanoTime arithmetic. */
  private static final long NEVER_NANOS = TimeUnit.DAYS.toNanos(365 * 100L);
  private final long deadlineNanos;
  private ScheduledFuture<?> timer;
  private volatile boolean expired;

  private StatementDeadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** Starts counting {@code timeout} (zero: none); {@code cancel} runs on {@code timers} when it passes. */
  static StatementDeadline start(Duration timeout, EventExecutor timers, Runnable cancel) {
    Objects.requireNonNull(cancel, "cancel");
    if (timeout.isZero()) {
      return new StatementDeadline(System.nanoTime() + NEVER_NANOS);
    }
    long nanos = timeout.toNanos();
    StatementDeadline deadline = new StatementDeadline(System.nanoTime() + nanos);
    deadline.timer = timers.schedule(() -> {
      deadline.expired = true;
      cancel.run();
    }, nanos, TimeUnit.NANOSECONDS);
    return deadline;
  }

  /** When the statement must have ended, in System.nanoTime's terms. */
  long deadlineNanos() {
    return deadlineNanos;
  }

  /** Whether the timeout has passed (and the cancel was sent). */
  boolean expired() {
    return expired || System.nanoTime() - deadlineNanos >= 0;
  }

  /** Throws 57014 once the timeout has passed. */
  void check() throws PgException {
    if (expired()) {
      throw timedOut(null);
    }
  }

  static PgException timedOut(Throwable cause) {
    return new PgException("57014", "canceling statement due to statement timeout", cause);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
