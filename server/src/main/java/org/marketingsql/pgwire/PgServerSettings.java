package org.marketingsql.pgwire;

import java.nio.file.Path;
import java.util.Objects;
import org.marketingsql.tls.TlsKeystore;

/**
 * How {@link PgServer} runs: the driver URL every session opens, where it listens (port 0 picks a free
 * one), the users file, how long a failed login waits before its answer, the TLS keystore (null:
 * no TLS; set: TLS required), whether the query log shows bound parameter values (off: a bound
 * statement is logged with its {@code $n} placeholders), and the limits on what clients may take.
 */
public record PgServerSettings(String jdbcUrl, String bindAddress, int port, Path usersFile, long failedLoginDelayMillis,
    TlsKeystore tls, boolean logParameters, PgLimits limits) {
  /** Without TLS, with the default limits. */
  public PgServerSettings(String jdbcUrl, String bindAddress, int port, Path usersFile, long failedLoginDelayMillis) {
    this(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, null);
  }

  /** Without parameter values in the log, with the default limits. */
  public PgServerSettings(String jdbcUrl, String bindAddress, int port, Path usersFile, long failedLoginDelayMillis,
      TlsKeystore tls) {
    this(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, false, PgLimits.defaults());
  }

  public PgServerSettings {
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
    Objects.requireNonNull(limits, "limits");
  }

  /** Loopback, PostgreSQL's port plus one, one second's delay after a failed login. */
  public static PgServerSettings defaults(String jdbcUrl, Path usersFile) {
    return new PgServerSettings(jdbcUrl, "127.0.0.1", 5433, usersFile, 1000);
  }

  public PgServerSettings withPort(int port) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, logParameters, limits);
  }

  public PgServerSettings withBindAddress(String bindAddress) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, logParameters, limits);
  }

  public PgServerSettings withFailedLoginDelayMillis(long millis) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, millis, tls, logParameters, limits);
  }

  public PgServerSettings withTls(TlsKeystore tls) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, logParameters, limits);
  }

  public PgServerSettings withLogParameters(boolean logParameters) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, logParameters, limits);
  }

  public PgServerSettings withLimits(PgLimits limits) {
    return new PgServerSettings(jdbcUrl, bindAddress, port, usersFile, failedLoginDelayMillis, tls, logParameters, limits);
  }
}
