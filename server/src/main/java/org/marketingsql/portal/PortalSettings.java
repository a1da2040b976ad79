package org.marketingsql.portal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.marketingsql.tls.TlsKeystore;

/**
 * How the report portal runs.
 *
 * @param jdbcUrl the {@code jdbc:marketing:} URL the reports read
 * @param usersFile who may log in (the users file of {@code serve})
 * @param port the HTTP port, 0 for any free one
 * @param bindAddress where to listen; loopback unless told otherwise
 * @param tls the keystore for HTTPS, or null for plain HTTP
 * @param sessionIdle how long a login lasts without a request ({@code serve --portal-idle})
 * @param sessionMaxAge how long a login lasts at most, however busy ({@code serve --portal-max-age})
 * @param logParameters whether the render log shows the report parameters' values, not only their names
 *     ({@code serve --log-parameters})
 */
public record PortalSettings(String jdbcUrl, Path usersFile, int port, String bindAddress, TlsKeystore tls,
    Duration sessionIdle, Duration sessionMaxAge, boolean logParameters) {
  /** A login is forgotten after 30 minutes without a request. */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  /** A login is forgotten 8 hours after it began: a working day, then log in again. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(8);

  public PortalSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(usersFile, "usersFile");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--http-port must be 0..65535, not " + port);
    }
    positive(sessionIdle, "--portal-idle");
    positive(sessionMaxAge, "--portal-max-age");
  }

  /** Without parameter values in the log. */
  public PortalSettings(String jdbcUrl, Path usersFile, int port, String bindAddress, TlsKeystore tls,
      Duration sessionIdle, Duration sessionMaxAge) {
    this(jdbcUrl, usersFile, port, bindAddress, tls, sessionIdle, sessionMaxAge, false);
  }

  public static PortalSettings defaults(String jdbcUrl, Path usersFile, int port) {
    return new PortalSettings(jdbcUrl, usersFile, port, "127.0.0.1", null, DEFAULT_IDLE, DEFAULT_MAX_AGE);
  }

  public PortalSettings withBindAddress(String address) {
    return new PortalSettings(jdbcUrl, usersFile, port, address, tls, sessionIdle, sessionMaxAge, logParameters);
  }

  public PortalSettings withTls(TlsKeystore keystore) {
    return new PortalSettings(jdbcUrl, usersFile, port, bindAddress, keystore, sessionIdle, sessionMaxAge, logParameters);
  }

  public PortalSettings withSessions(Duration idle, Duration maxAge) {
    return new PortalSettings(jdbcUrl, usersFile, port, bindAddress, tls, idle, maxAge, logParameters);
  }

  public PortalSettings withLogParameters(boolean logParameters) {
    return new PortalSettings(jdbcUrl, usersFile, port, bindAddress, tls, sessionIdle, sessionMaxAge, logParameters);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + d);
    }
  }
}
