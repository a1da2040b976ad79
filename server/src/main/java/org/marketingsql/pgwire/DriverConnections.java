package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens the sessions' driver connections one at a time. Opening one may load changed exports into the
 * store, which waits for every other connection's reads; a hundred logins at once would each load and
 * wait for the others, while one after the other only the first loads and the rest find the store ready.
 */
final class DriverConnections {
  private final String jdbcUrl;
  private final Duration maxWait;
  private final Semaphore opening = new Semaphore(1, true);

  DriverConnections(String jdbcUrl, Duration maxWait) {
    this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
  }

  String url() {
    return jdbcUrl;
  }

  /** A new connection with {@code info}; SQLException 08006 when others kept the way for longer than {@code maxWait}. */
  Connection open(java.util.Properties info) throws SQLException {
    try {
      if (!opening.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new SQLException("other sessions were being opened for " + maxWait.toSeconds() + " s; try again", "08006");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting to open the session", "08006", e);
    }
    try {
      return DriverManager.getConnection(jdbcUrl, info);
    } finally {
      opening.release();
    }
  }
}
