package org.marketingsql.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.marketingsql.users.DecoyVerifiers;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.ServerSecret;
import org.marketingsql.users.UsersFile;

/**
 * The PostgreSQL wire protocol server (protocol 3.0) in front of the Marketing SQL driver, so tools that
 * speak PostgreSQL (psql, DBeaver, Excel via ODBC, Power BI, Superset) read the same schema. Read-only.
 * Start with {@link #start}; the caller closes it.
 */
public final class PgServer implements AutoCloseable {
  /** How long the catalog (schemas, tables, columns) read for one session serves the others. */
  private static final long CATALOG_MILLIS = 30_000;

  static {
    // Netty samples one message buffer in 128 for leaks and records a stack trace for each sample, on every
    // statement's rows; the port releases every buffer it takes, so the sampling is off unless an admin asks for it
    // with -Dio.netty.leakDetection.level.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;
  private final CancelRegistry open;
  private final ConnectionSlots slots;
  private final CatalogSource catalog;

  private PgServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, CancelRegistry open,
      ConnectionSlots slots, CatalogSource catalog) {
    this.catalog = catalog;
    this.open = open;
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
    this.slots = slots;
  }

  /** Binds and starts serving with a login throttle of its own ({@link LoginThrottle#standard()}). */
  public static PgServer start(PgServerSettings settings) throws InterruptedException {
    return start(settings, LoginThrottle.standard());
  }

  /**
   * Binds and starts serving; throws UncheckedIOException when the address cannot be bound or the server
   * secret beside the users file cannot be read or created. {@code throttle} counts the failed logins
   * of every connection (and of the other servers that share it), so reconnecting does not reset them.
   */
  public static PgServer start(PgServerSettings settings, LoginThrottle throttle) throws InterruptedException {
    return start(settings, throttle, true);
  }

  /**
   * Test-only: {@code readCatalogAhead} false starts without reading the catalog ahead on the {@code catalog-reader}
   * thread, so a test that runs no catalog query does not share the machine with that read; the first session that
   * needs the catalog reads it, as it does when the read ahead has not finished.
   */
  static PgServer start(PgServerSettings settings, LoginThrottle throttle, boolean readCatalogAhead)
      throws InterruptedException {
    Objects.requireNonNull(throttle, "throttle");
    UsersFile users = new UsersFile(settings.usersFile());
    DecoyVerifiers decoys = new DecoyVerifiers(ServerSecret.beside(settings.usersFile()));
    SecureRandom random = new SecureRandom();
    CancelRegistry cancels = new CancelRegistry(random);
    PgLimits limits = settings.limits();
    ConnectionSlots slots = new ConnectionSlots(limits.maxConnections(), limits.maxConnectionsPerUser());
    DriverConnections connections = new DriverConnections(settings.jdbcUrl(), limits.authenticationTimeout());
    CatalogSource[] source = new CatalogSource[1];
    CatalogSource catalog = new CatalogSource(CATALOG_MILLIS, policy -> catalogReader(connections, policy, source[0]));
    source[0] = catalog;
    io.netty.handler.ssl.SslContext tls = settings.tls() == null ? null : settings.tls().context();
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup(2);
    try {
      Channel channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
          // a client that vanished without closing (a laptop put to sleep) is found and its slot given back
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              // The session hands every message to its own thread (PgSession), so no handler here blocks.
              ch.pipeline().addLast("frames", new PgFrameDecoder(tls, limits.maxMessageBytes()));
              ch.pipeline().addLast("session", new PgSession(connections, users, cancels, random,
                  settings.failedLoginDelayMillis(), throttle, decoys, tls != null, catalog,
                  settings.logParameters(), limits, slots));
            }
          })
          .bind(new InetSocketAddress(settings.bindAddress(), settings.port())).sync().channel();
      if (readCatalogAhead) {
        warm(users, catalog);
      }
      return new PgServer(boss, workers, channel, cancels, slots, catalog);
    } catch (Exception e) {
      catalog.close();
      boss.shutdownGracefully();
      workers.shutdownGracefully();
      if (e instanceof IOException io) {
        // Netty rethrows the BindException undeclared; name the address the user asked for.
        throw new UncheckedIOException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
            + io.getMessage(), io);
      }
      if (e instanceof InterruptedException ie) {
        throw ie;
      }
      throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
    }
  }

  /**
   * Statements planned once at start, so the first client's catalog queries find the planner loaded and compiled: a
   * listing of relations with their schemas and descriptions, as the tools' table lists ask, and one of columns.
   */
  static final List<String> WARMING = List.of(
      "SELECT n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, d.description"
          + " FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid"
          + " LEFT JOIN pg_catalog.pg_description d ON d.objoid = c.oid AND d.objsubid = 0"
          + " WHERE c.relkind IN ('r', 'v') AND n.nspname LIKE '%' AND c.relname LIKE '%' ORDER BY 1, 2",
      "SELECT n.nspname, c.relname, a.attname, a.atttypid, a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod)"
          + " FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid"
          + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE a.attnum > 0 AND NOT a.attisdropped"
          + " ORDER BY 1, 2, 5");

  /**
   * Reads the catalog of every access policy of the users file ahead, with the planning of {@link #WARMING}, on the
   * catalog's own thread: the first tool to connect finds them read.
   */
  private static void warm(UsersFile users, CatalogSource catalog) {
    java.util.Set<org.marketingsql.access.AccessPolicy> policies = new java.util.LinkedHashSet<>();
    try {
      users.users().forEach(u -> policies.add(PgSession.policy(u)));
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(PgServer.class).warn("the users file {} could not be read to read the catalog ahead",
          users.path(), e);
    }
    policies.stream().limit(WARMED_POLICIES).forEach(p -> catalog.warm(p, WARMING));
  }

  /** At most this many policies' catalogs are read at start: a users file of many different grants reads the rest later. */
  private static final int WARMED_POLICIES = 8;

  /** A driver connection for {@code policy} with the catalogs installed, as a session of that policy has. */
  private static java.sql.Connection catalogReader(DriverConnections connections, org.marketingsql.access.AccessPolicy policy,
      CatalogSource catalog) throws java.sql.SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(org.marketingsql.access.AccessPolicy.PROPERTY, policy.property());
    java.sql.Connection connection = connections.open(properties);
    try {
      InformationSchema.install(connection, PgFunctions.OWNER, policy, catalog);
      PgCatalog.install(connection, PgFunctions.OWNER, policy, catalog, SessionViews.NONE);
      return connection;
    } catch (java.sql.SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The port actually bound (useful when the settings asked for 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Sessions logged in whose connection is still open (each holds a driver connection). */
  public int openSessions() {
    return open.size();
  }

  /** The catalog its sessions share, with the catalog answers kept for them. */
  CatalogSource catalog() {
    return catalog;
  }

  /** Connections holding a slot of max_connections: logged in, or logging in after their startup message. */
  int connections() {
    return slots.inUse();
  }

  /** Blocks until the server is closed. */
  public void awaitClose() throws InterruptedException {
    channel.closeFuture().sync();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    catalog.close();
    boss.shutdownGracefully();
    workers.shutdownGracefully();
  }
}
