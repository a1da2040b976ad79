package org.marketingsql.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.marketingsql.users.DecoyVerifiers;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.ServerSecret;
import org.marketingsql.users.PasswordCheck;
import org.marketingsql.users.UsersFile;

/**
 * The report portal ({@code serve --http-port}): a web page listing the bundled reports, rendering
 * them on demand for users of the users file. Runs on Jetty, the HTTP server Avatica already brings.
 */
public final class PortalServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private PortalServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** Starts the portal with a login throttle of its own ({@link LoginThrottle#standard()}). */
  public static PortalServer start(PortalSettings settings) {
    return start(settings, LoginThrottle.standard());
  }

  /**
   * Starts the portal; the BIRT engine starts with it, so the first report does not wait for it.
   * {@code throttle} counts failed logins, shared with the other servers of the same process.
   */
  public static PortalServer start(PortalSettings settings, LoginThrottle throttle) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(throttle, "throttle");
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector;
    if (settings.tls() != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(settings.tls().path().toAbsolutePath().toString());
      tls.setKeyStoreType("PKCS12");
      tls.setKeyStorePassword(new String(settings.tls().password()));
      tls.setIncludeProtocols(org.marketingsql.tls.TlsKeystore.PROTOCOLS.toArray(String[]::new));
      http.addCustomizer(new SecureRequestCustomizer());
      connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    } else {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    connector.setHost(settings.bindAddress());
    connector.setPort(settings.port());
    server.addConnector(connector);
    SecureRandom random = new SecureRandom();
    UsersFile users = new UsersFile(settings.usersFile());
    PasswordCheck passwords = new PasswordCheck(users, new DecoyVerifiers(ServerSecret.beside(settings.usersFile())));
    server.setHandler(new PortalHandler(settings.jdbcUrl(), users, passwords, throttle,
        new Sessions(random, settings.sessionIdle(), settings.sessionMaxAge(), Clock.systemUTC()),
        settings.tls() != null, settings.logParameters()));
    server.setErrorHandler(new PortalErrorHandler());
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the report portal could not listen on " + settings.bindAddress() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
    return new PortalServer(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the report portal did not stop cleanly: " + e.getMessage(), e);
    }
  }
}
