package org.marketingsql.avatica;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.marketingsql.tls.TlsKeystore;

/**
 * How {@link AvaticaServer} runs: the driver URL every Avatica connection opens, where it listens (port
 * 0 picks a free one), the users file, how long a failed login waits before its answer, the TLS keystore
 * (null: plain HTTP; set: HTTPS only), and how long an idle connection and an idle statement live before
 * the server closes them (BI tools leave connections open for hours; each holds a store connection), and
 * whether the query log shows parameter values (off: a prepared statement is logged with its {@code ?}).
 */
public record AvaticaServerSettings(String jdbcUrl, String bindAddress, int port, Path usersFile,
    long failedLoginDelayMillis, TlsKeystore tls, Duration connectionIdle, Duration statementIdle,
    boolean logParameters) {
  /** Without parameter values in the log. */
  public AvaticaServerSettings(String jdbcUrl, String bindAddress, int port, Path usersFile, long failedLoginDelayMillis,
      TlsKeystore tls, Duration connectionIdle, Duration statementIdle) {
    this(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle, statementIdle, false);
  }

  public AvaticaServerSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:marketing:")) {
      throw new IllegalArgumentException("jdbcUrl must be a jdbc:marketing: URL, found " + jdbcUrl);
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, found " + port);
    }
    Objects.requireNonNull(usersFile, "usersFile");
    if (failedLoginDelayMillis < 0) {
      throw new IllegalArgumentException("failedLoginDelayMillis must not be negative, found " + failedLoginDelayMillis);
    }
    positive(connectionIdle, "connectionIdle");
    positive(statementIdle, "statementIdle");
  }

  /**
   * Loopback on Avatica's usual port 8765, one second's delay after a failed login; an idle connection
   * is closed after 30 minutes (a dashboard left open over a meeting), an idle statement after 10. The
   * thin driver opens a fresh connection by itself when its old one has expired.
   */
  public static AvaticaServerSettings defaults(String jdbcUrl, Path usersFile) {
    return new AvaticaServerSettings(jdbcUrl, "127.0.0.1", 8765, usersFile, 1000, null, Duration.ofMinutes(30),
        Duration.ofMinutes(10));
  }

  public AvaticaServerSettings withPort(int port) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle,
        statementIdle, logParameters);
  }

  public AvaticaServerSettings withBindAddress(String bindAddress) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle,
        statementIdle, logParameters);
  }

  public AvaticaServerSettings withFailedLoginDelayMillis(long millis) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, millis, tls, connectionIdle, statementIdle,
        logParameters);
  }

  public AvaticaServerSettings withTls(TlsKeystore tls) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle,
        statementIdle, logParameters);
  }

  public AvaticaServerSettings withIdle(Duration connectionIdle, Duration statementIdle) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle,
        statementIdle, logParameters);
  }

  public AvaticaServerSettings withLogParameters(boolean logParameters) {
    return new AvaticaServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, connectionIdle,
        statementIdle, logParameters);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.toSeconds() < 1) {
      throw new IllegalArgumentException(name + " must be at least one second, found " + d);
    }
  }
}
