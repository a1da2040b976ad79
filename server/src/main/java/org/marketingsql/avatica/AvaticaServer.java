package org.marketingsql.avatica;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.OptionalSslConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.marketingsql.users.DecoyVerifiers;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.PasswordCheck;
import org.marketingsql.users.ServerSecret;
import org.marketingsql.users.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's JDBC-over-HTTP server in front of the Marketing SQL driver, for the thin client
 * ({@code jdbc:avatica:remote:url=http://host:port;serialization=PROTOBUF;authentication=BASIC}).
 * Protobuf only: smaller and faster than JSON, and its typed values keep DECIMALs exact. Logins are
 * HTTP BASIC against the users file, TLS comes from the same keystore as the PostgreSQL side, and the
 * rules (read-only, per-user schemas, query log) are {@link GuardedMeta}'s; errors reach the client as one line
 * ({@link OneLineErrors}). Start with {@link #start};
 * the caller closes it.
 */
public final class AvaticaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AvaticaServer.class);
  private final HttpServer http;
  private final ScheduledExecutorService expiry;
  private final CountDownLatch closed = new CountDownLatch(1);

  private AvaticaServer(HttpServer http, ScheduledExecutorService expiry) {
    this.http = http;
    this.expiry = expiry;
  }

  /** Binds and starts serving with a login throttle of its own ({@link LoginThrottle#standard()}). */
  public static AvaticaServer start(AvaticaServerSettings settings) {
    return start(settings, LoginThrottle.standard());
  }

  /**
   * Binds and starts serving; throws UncheckedIOException when the address cannot be bound or the server
   * secret beside the users file cannot be read or created. {@code throttle} counts failed logins, shared
   * with the other servers of the same process.
   */
  public static AvaticaServer start(AvaticaServerSettings settings, LoginThrottle throttle) {
    Objects.requireNonNull(throttle, "throttle");
    UsersFile users = new UsersFile(settings.usersFile());
    CurrentUser current = new CurrentUser();
    Properties caches = new Properties();
    caches.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(settings.connectionIdle().toSeconds()));
    caches.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    caches.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(settings.statementIdle().toSeconds()));
    caches.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.SECONDS.name());
    GuardedMeta meta = meta(settings.jdbcUrl(), caches, current, settings.logParameters());
    UsersConfiguration config = new UsersConfiguration(users, current);
    OneLineErrors handler = new OneLineErrors(new AvaticaProtobufHandler(new LocalService(meta),
        NoopMetricsSystem.getInstance(), config));
    UsersLoginService logins = new UsersLoginService(new PasswordCheck(users,
        new DecoyVerifiers(ServerSecret.beside(settings.usersFile()))), throttle, settings.failedLoginDelayMillis());
    Http http = new Http(settings.port(), handler, config, tls(settings), settings.bindAddress(), logins);
    try {
      http.start();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException bind) {
          throw new UncheckedIOException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
              + bind.getMessage(), bind);
        }
      }
      throw e;
    }
    ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "avatica-idle-expiry");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, Math.min(60, settings.statementIdle().toSeconds() / 2));
    expiry.scheduleWithFixedDelay(() -> {
      try {
        meta.expireIdle();
      } catch (RuntimeException e) {
        LOG.warn("expiring idle Avatica connections failed; trying again in {} s", every, e);
      }
    }, every, every, TimeUnit.SECONDS);
    return new AvaticaServer(http, expiry);
  }

  private static GuardedMeta meta(String jdbcUrl, Properties caches, CurrentUser current, boolean logParameters) {
    try {
      return new GuardedMeta(jdbcUrl, caches, current, logParameters);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot set up Avatica over " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  private static SslContextFactory.Server tls(AvaticaServerSettings settings) {
    if (settings.tls() == null) {
      return null;
    }
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(settings.tls().path().toAbsolutePath().toString());
    tls.setKeyStoreType("PKCS12");
    tls.setKeyStorePassword(new String(settings.tls().password()));
    tls.setIncludeProtocols(org.marketingsql.tls.TlsKeystore.PROTOCOLS.toArray(String[]::new));
    return tls;
  }

  /** Avatica's server, bound to the configured address and checking BASIC logins against the users file. */
  private static final class Http extends HttpServer {
    private final String bindAddress;
    private final UsersLoginService logins;

    Http(int port, OneLineErrors handler, AvaticaServerConfiguration config, SslContextFactory.Server tls,
        String bindAddress, UsersLoginService logins) {
      super(port, handler, config, null, tls);
      this.bindAddress = bindAddress;
      this.logins = logins;
    }

    @Override
    protected ServerConnector getServerConnector() {
      ServerConnector connector = super.getServerConnector();
      connector.setHost(bindAddress);
      SslConnectionFactory ssl = connector.getConnectionFactory(SslConnectionFactory.class);
      if (ssl != null) {
        // Plain HTTP to the TLS port gets a 400 saying so: a dropped connection would make the thin driver
        // retry for ever (it retries whenever no HTTP response comes back).
        connector.addFirstConnectionFactory(new PlainHttpRefusal(ssl));
      }
      return connector;
    }

    @Override
    protected ConstraintSecurityHandler configureBasicAuthentication(Server server, AvaticaServerConfiguration config) {
      server.addBean(logins);
      return configureCommonAuthentication(Constraint.__BASIC_AUTH, config.getAllowedRoles(), new BasicAuthenticator(),
          UsersConfiguration.REALM, logins);
    }
  }

  /** Answers plain HTTP on the TLS port with a 400 saying so (Jetty's own answer covers GET only). */
  private static final class PlainHttpRefusal extends OptionalSslConnectionFactory {
    PlainHttpRefusal(SslConnectionFactory ssl) {
      super(ssl, null);
    }

    @Override
    protected void otherProtocol(ByteBuffer buffer, EndPoint endPoint) {
      String body = "This Marketing SQL server speaks HTTPS only: use https:// in the Avatica URL\n";
      String response = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body;
      Callback.Completable written = new Callback.Completable();
      endPoint.write(written, ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
      written.whenComplete((ignored, failure) -> endPoint.close());
    }
  }

  /** The port actually bound (useful when the settings asked for 0). */
  public int port() {
    return http.getPort();
  }

  /** Blocks until the server is closed. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    expiry.shutdownNow();
    try {
      http.stop();
    } finally {
      closed.countDown();
    }
  }
}
