package org.marketingsql.pgwire;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client, or all of them, may take from {@link PgServer}. Named after PostgreSQL's settings
 * where it has one, with its default where it has one. A zero duration turns that timeout off.
 *
 * @param maxConnections sessions at once, logging in or logged in (max_connections)
 * @param maxConnectionsPerUser sessions at once per user name (a role's CONNECTION LIMIT)
 * @param authenticationTimeout from connect to a finished login (authentication_timeout)
 * @param maxMessageBytes the largest message a logged-in client may send, length word included
 * @param statementTimeout the server's statement_timeout; a session may set a shorter one
 * @param idleSessionTimeout a session that sends nothing for this long is closed (idle_session_timeout)
 * @param maxPreparedStatements named prepared statements per session, from Parse and from SQL PREPARE each
 * @param maxPortals open portals per session
 */
public record PgLimits(int maxConnections, int maxConnectionsPerUser, Duration authenticationTimeout,
    int maxMessageBytes, Duration statementTimeout, Duration idleSessionTimeout, int maxPreparedStatements,
    int maxPortals) {
  /** The startup message and every authentication message, as in PostgreSQL (MAX_STARTUP_PACKET_LENGTH). */
  public static final int MAX_STARTUP_MESSAGE_BYTES = 10_000;
  /** The smallest maxMessageBytes: a login's own messages must fit. */
  public static final int MIN_MESSAGE_BYTES = MAX_STARTUP_MESSAGE_BYTES;

  public PgLimits {
    positive("maxConnections", maxConnections);
    positive("maxConnectionsPerUser", maxConnectionsPerUser);
    notNegative("authenticationTimeout", authenticationTimeout);
    if (authenticationTimeout.isZero()) {
      throw new IllegalArgumentException("authenticationTimeout must be positive, found 0");
    }
    if (maxMessageBytes < MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be at least " + MIN_MESSAGE_BYTES + ", found " + maxMessageBytes);
    }
    notNegative("statementTimeout", statementTimeout);
    notNegative("idleSessionTimeout", idleSessionTimeout);
    positive("maxPreparedStatements", maxPreparedStatements);
    positive("maxPortals", maxPortals);
  }

  /**
   * PostgreSQL's max_connections (100), authentication_timeout (60 s) and statement_timeout (off); a 4 MiB
   * message, a session idle for an hour closed, 1,000 prepared statements and 1,000 portals per session.
   */
  public static PgLimits defaults() {
    return new PgLimits(100, 100, Duration.ofSeconds(60), 4 * 1024 * 1024, Duration.ZERO, Duration.ofHours(1), 1000, 1000);
  }

  public PgLimits withMaxConnections(int max) {
    return new PgLimits(max, maxConnectionsPerUser, authenticationTimeout, maxMessageBytes, statementTimeout,
        idleSessionTimeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withMaxConnectionsPerUser(int max) {
    return new PgLimits(maxConnections, max, authenticationTimeout, maxMessageBytes, statementTimeout,
        idleSessionTimeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withAuthenticationTimeout(Duration timeout) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, timeout, maxMessageBytes, statementTimeout,
        idleSessionTimeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withMaxMessageBytes(int bytes) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, authenticationTimeout, bytes, statementTimeout,
        idleSessionTimeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withStatementTimeout(Duration timeout) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, authenticationTimeout, maxMessageBytes, timeout,
        idleSessionTimeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withIdleSessionTimeout(Duration timeout) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, authenticationTimeout, maxMessageBytes, statementTimeout,
        timeout, maxPreparedStatements, maxPortals);
  }

  public PgLimits withMaxPreparedStatements(int max) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, authenticationTimeout, maxMessageBytes, statementTimeout,
        idleSessionTimeout, max, maxPortals);
  }

  public PgLimits withMaxPortals(int max) {
    return new PgLimits(maxConnections, maxConnectionsPerUser, authenticationTimeout, maxMessageBytes, statementTimeout,
        idleSessionTimeout, maxPreparedStatements, max);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, found " + value);
    }
  }

  private static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, found " + value);
    }
    if (value.compareTo(SettingDuration.MAX) > 0) {
      throw new IllegalArgumentException(name + " must be at most " + SettingDuration.MAX.toMillis() + "ms, found " + value);
    }
  }
}
