package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens the sessions' driver connections one at a time. A connection opens on the store's last snapshot
 * and never waits for a writer, but the very first one of a store builds the first snapshot; a hundred
 * logins at once would each plan that work, while one after the other only the first does it.
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
  Connection open(Properties info) throws SQLException {
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
