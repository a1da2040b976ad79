package org.marketingsql.portal;

import java.nio.file.Path;
import java.util.Objects;
import org.marketingsql.pgwire.TlsKeystore;

/**
 * How the report portal runs.
 *
 * @param jdbcUrl the {@code jdbc:marketing:} URL the reports read
 * @param usersFile who may log in (DESIGN 1.5)
 * @param port the HTTP port, 0 for any free one
 * @param bindAddress where to listen; loopback unless told otherwise
 * @param tls the keystore for HTTPS, or null for plain HTTP
 */
public record PortalSettings(String jdbcUrl, Path usersFile, int port, String bindAddress, TlsKeystore tls) {
  public PortalSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(usersFile, "usersFile");
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--http-port must be 0..65535, not " + port);
    }
  }

  public static PortalSettings defaults(String jdbcUrl, Path usersFile, int port) {
    return new PortalSettings(jdbcUrl, usersFile, port, "127.0.0.1", null);
  }

  public PortalSettings withBindAddress(String address) {
    return new PortalSettings(jdbcUrl, usersFile, port, address, tls);
  }

  public PortalSettings withTls(TlsKeystore keystore) {
    return new PortalSettings(jdbcUrl, usersFile, port, bindAddress, keystore);
  }
}
