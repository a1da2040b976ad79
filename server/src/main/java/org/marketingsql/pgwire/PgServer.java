package org.marketingsql.pgwire;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
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
    Objects.requireNonNull(throttle, "throttle");
    UsersFile users = new UsersFile(settings.usersFile());
    DecoyVerifiers decoys = new DecoyVerifiers(ServerSecret.beside(settings.usersFile()));
    SecureRandom random = new SecureRandom();
    CancelRegistry cancels = new CancelRegistry(random);
    CatalogSource catalog = new CatalogSource(CATALOG_MILLIS);
    PgLimits limits = settings.limits();
    ConnectionSlots slots = new ConnectionSlots(limits.maxConnections(), limits.maxConnectionsPerUser());
    DriverConnections connections = new DriverConnections(settings.jdbcUrl(), limits.authenticationTimeout());
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
      return new PgServer(boss, workers, channel, cancels, slots, catalog);
    } catch (Exception e) {
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
    boss.shutdownGracefully();
    workers.shutdownGracefully();
  }
}
