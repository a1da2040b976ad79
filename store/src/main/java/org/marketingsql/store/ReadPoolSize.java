package org.marketingsql.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How many read sessions a store on PostgreSQL keeps open at most per process, and how long a read waits for
 * one to be free before it fails. The defaults (16 sessions, 20 s) are changed with the configuration's
 * {@code store.pool} and the system properties {@value #SESSIONS_PROPERTY} (which wins) and {@value #WAIT_PROPERTY}.
 *
 * @param sessions at most this many sessions at once, at least 1
 * @param maxWait how long a read waits for a free session, at least 250 ms
 */
record ReadPoolSize(int sessions, Duration maxWait) {
  static final String SESSIONS_PROPERTY = "marketingsql.store.pool";
  static final String WAIT_PROPERTY = "marketingsql.store.poolWaitSeconds";
  static final int DEFAULT_SESSIONS = 16;
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
  static final String PASS_PROPERTY = "marketingsql.store.poolPassMillis";
  /** How long after a waiting read a read expected to be shorter may still go first ({@link ReadQueue}). */
  static final Duration DEFAULT_PASS = Duration.ofMillis(250);

  ReadPoolSize {
    if (sessions < 1) {
      throw new IllegalArgumentException("a read pool needs at least 1 session, not " + sessions + " (-D"
          + SESSIONS_PROPERTY + ")");
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.toMillis() < 250) {
      throw new IllegalArgumentException("a read waits at least 250 ms for a free session, not " + maxWait.toMillis()
          + " ms (-D" + WAIT_PROPERTY + ")");
    }
  }

  /** From the system properties, else the defaults. */
  static ReadPoolSize configured() {
    return configured(null);
  }

  /**
   * The configuration's {@code store.pool} (null where it gives none), unless the system property
   * {@value #SESSIONS_PROPERTY} overrides it; else the default. The wait from its system property, else the default.
   */
  static ReadPoolSize configured(Integer pool) {
    Integer sessions = Integer.getInteger(SESSIONS_PROPERTY);
    return new ReadPoolSize(sessions != null ? sessions : pool != null ? pool : DEFAULT_SESSIONS,
        Duration.ofSeconds(Long.getLong(WAIT_PROPERTY, DEFAULT_WAIT.toSeconds())));
  }

  /**
   * How long after a read waiting for a session a read expected to be shorter may still be served first: the system
   * property {@value #PASS_PROPERTY} in milliseconds (0 serves the waiting reads in turn), else the default.
   */
  static Duration passBound() {
    long millis = Long.getLong(PASS_PROPERTY, DEFAULT_PASS.toMillis());
    if (millis < 0) {
      throw new IllegalArgumentException("a read waiting for a session is passed for at least 0 ms, not " + millis
          + " (-D" + PASS_PROPERTY + ")");
    }
    return Duration.ofMillis(millis);
  }
}
