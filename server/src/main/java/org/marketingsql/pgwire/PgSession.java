package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.marketingsql.users.DecoyVerifiers;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's protocol state machine: startup, SCRAM authentication, then simple and
 * extended queries. Runs on its own executor, off Netty's I/O threads, because JDBC calls block.
 */
final class PgSession extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
  private static final int PROTOCOL_3 = 196608;
  private static final int CANCEL_REQUEST = 80877102;
  /** Rows between flushes, so a large result streams instead of piling up in the outbound buffer. */
  private static final int FLUSH_EVERY = 500;

  private enum Phase { STARTUP, ADMISSION, SASL_FIRST, SASL_FINAL, READY, CLOSED }

  private final String jdbcUrl;
  private final UsersFile users;
  private final CancelRegistry cancels;
  private final SecureRandom random;
  private final long failedLoginDelayMillis;
  private final LoginThrottle throttle;
  private final DecoyVerifiers decoys;
  private final boolean tlsRequired;
  private final CatalogSource catalog;
  private final boolean logParameters;
  private Backend out;
  private Phase phase = Phase.STARTUP;
  private String userName;
  private User user;
  private ScramExchange scram;
  /** This connection's place in the login throttle, from its startup message until the proof is checked. */
  private LoginThrottle.Attempt attempt;
  private SqlSession sql;
  private int processId;
  private boolean skipUntilSync;
  /** Between BEGIN and COMMIT/ROLLBACK portals outlive Sync, as cursors with a fetch size need. */
  private boolean inTransaction;
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();

  PgSession(String jdbcUrl, UsersFile users, CancelRegistry cancels, SecureRandom random, long failedLoginDelayMillis,
      LoginThrottle throttle, DecoyVerifiers decoys, boolean tlsRequired, CatalogSource catalog,
      boolean logParameters) {
    this.catalog = java.util.Objects.requireNonNull(catalog, "catalog");
    this.logParameters = logParameters;
    this.jdbcUrl = jdbcUrl;
    this.users = users;
    this.cancels = cancels;
    this.random = random;
    this.failedLoginDelayMillis = failedLoginDelayMillis;
    this.throttle = java.util.Objects.requireNonNull(throttle, "throttle");
    this.decoys = java.util.Objects.requireNonNull(decoys, "decoys");
    this.tlsRequired = tlsRequired;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    out = new Backend(ctx.alloc());
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    FrontendMessage m = (FrontendMessage) msg;
    try {
      handle(ctx, m);
    } catch (PgException e) {
      fail(ctx, e);
    } catch (RuntimeException e) {
      LOG.warn("internal error handling message '{}'", m.type(), e);
      fail(ctx, new PgException("XX000", "internal error: " + e, e));
    } finally {
      m.body().release();
    }
    if (phase != Phase.CLOSED) {
      ctx.flush();
    }
  }

  private void handle(ChannelHandlerContext ctx, FrontendMessage m) throws PgException {
    ByteBuf b = m.body();
    switch (phase) {
      case STARTUP -> startup(ctx, b);
      case ADMISSION -> throw fatal("08P01", "expected nothing before the authentication request, found message '"
          + m.type() + "'");
      case SASL_FIRST, SASL_FINAL -> {
        if (m.type() != 'p') {
          throw fatal("08P01", "expected a SASL response, found message '" + m.type() + "'");
        }
        sasl(ctx, b);
      }
      case READY -> query(ctx, m.type(), b);
      case CLOSED -> { }
    }
  }

  private void startup(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    int code = b.readInt();
    switch (code) {
      case CANCEL_REQUEST -> {
        cancels.cancel(b.readInt(), b.readInt());
        phase = Phase.CLOSED;
        ctx.close();
      }
      case PROTOCOL_3 -> {
        if (tlsRequired && ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) == null) {
          throw fatal("28000", "this server requires TLS: connect with sslmode=require");
        }
        Map<String, String> params = new HashMap<>();
        while (b.isReadable() && b.getByte(b.readerIndex()) != 0) {
          params.put(Backend.readCString(b), Backend.readCString(b));
        }
        userName = params.get("user");
        if (userName == null || userName.isEmpty()) {
          throw fatal("28000", "no user name given");
        }
        // a place in the login throttle first: waits (off this thread) while others' attempts are undecided
        phase = Phase.ADMISSION;
        throttle.admit(address(ctx), userName).whenCompleteAsync((place, error) -> admitted(ctx, place, error),
            ctx.executor());
      }
      default -> throw fatal("0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff)
          + ": Marketing SQL speaks protocol 3.0");
    }
  }

  /** Starts the SCRAM exchange once the throttle gave this login a place; refuses it when it gave none. */
  private void admitted(ChannelHandlerContext ctx, Optional<LoginThrottle.Attempt> place, Throwable error) {
    if (phase != Phase.ADMISSION) {
      place.ifPresent(LoginThrottle.Attempt::abandoned); // the client left while waiting
      return;
    }
    try {
      if (error != null || place == null || place.isEmpty()) {
        LOG.warn("refused login for user {} from {}: too many failed logins for that user or address", userName,
            ctx.channel().remoteAddress());
        throw fatal("28000", "too many failed logins for this user or from this address; try again later");
      }
      attempt = place.get();
      Optional<User> found;
      try {
        found = users.find(userName);
      } catch (RuntimeException e) {
        LOG.error("cannot read users file {}", users.path(), e);
        attempt.abandoned();
        throw fatal("28000", "the server cannot read its users file");
      }
      user = found.orElse(null);
      scram = new ScramExchange(found.map(User::verifier), decoys.forName(userName), random);
      phase = Phase.SASL_FIRST;
      ctx.writeAndFlush(out.authenticationSasl());
    } catch (PgException e) {
      fail(ctx, e);
    } catch (RuntimeException e) {
      LOG.warn("internal error starting the login of user {}", userName, e);
      place.ifPresent(LoginThrottle.Attempt::abandoned);
      fail(ctx, new PgException("XX000", "internal error: " + e, e));
    }
  }

  private void sasl(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    if (phase == Phase.SASL_FIRST) {
      String mechanism = Backend.readCString(b);
      if (!mechanism.equals("SCRAM-SHA-256")) {
        throw fatal("28000", "SASL mechanism " + mechanism + " is not supported; use SCRAM-SHA-256");
      }
      int length = b.readInt();
      String clientFirst = b.readCharSequence(Math.max(length, 0), StandardCharsets.UTF_8).toString();
      String serverFirst = scram.serverFirst(clientFirst);
      phase = Phase.SASL_FINAL;
      ctx.write(out.authentication(11, serverFirst.getBytes(StandardCharsets.UTF_8)));
      return;
    }
    String clientFinal = b.readCharSequence(b.readableBytes(), StandardCharsets.UTF_8).toString();
    Optional<String> serverFinal = scram.serverFinal(clientFinal);
    if (serverFinal.isEmpty()) {
      attempt.failed();
      loginFailed(ctx);
      return;
    }
    attempt.succeeded();
    Connection connection;
    try {
      connection = DriverManager.getConnection(jdbcUrl, readable(user));
    } catch (SQLException e) {
      LOG.error("user {} logged in but {} cannot be opened", userName, jdbcUrl, e);
      throw fatal(e.getSQLState() == null ? "08006" : e.getSQLState(), "cannot open the marketing data: " + e.getMessage());
    }
    try {
      InformationSchema.install(connection, policy(user));
      PgCatalog.install(connection, user, policy(user), catalog);
    } catch (SQLException | RuntimeException e) {
      // browsing the catalog is a convenience; queries still work without it
      LOG.warn("information_schema or pg_catalog is not available in this session", e);
    }
    sql = new SqlSession(connection, user, address(ctx));
    int[] key = cancels.register(sql);
    processId = key[0];
    phase = Phase.READY;
    LOG.info("user {} logged in from {}", userName, ctx.channel().remoteAddress());
    ctx.write(out.authentication(12, serverFinal.get().getBytes(StandardCharsets.UTF_8)));
    ctx.write(out.authentication(0, new byte[0]));
    LocalAnswers.parameters(userName).forEach((k, v) -> ctx.write(out.parameterStatus(k, v)));
    ctx.write(out.backendKeyData(key[0], key[1]));
    ctx.write(out.readyForQuery(false));
  }

  /**
   * What a session's statements read and its catalogs show: the user's schemas, and the catalogs this
   * server adds to every session (which show only those schemas).
   */
  static org.marketingsql.access.AccessPolicy policy(User user) {
    return user.policy().plus(List.of(PgCatalog.NAME, InformationSchema.NAME));
  }

  /** The driver connection's properties: the policy, which the driver enforces on every statement. */
  private static java.util.Properties readable(User user) {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(org.marketingsql.access.AccessPolicy.PROPERTY, policy(user).property());
    return properties;
  }

  /** The client's IP address, the key the login throttle counts failures by. */
  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
  }

  /** Answers only after a delay, so guessing passwords is slow; the log says who failed, never with what. */
  private void loginFailed(ChannelHandlerContext ctx) {
    LOG.warn("failed login for user {} from {}", userName, ctx.channel().remoteAddress());
    phase = Phase.CLOSED;
    ByteBuf error = out.fatal("28P01", "password authentication failed for user \"" + userName + "\"");
    ctx.executor().schedule(() -> ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE),
        failedLoginDelayMillis, TimeUnit.MILLISECONDS);
  }

  private void query(ChannelHandlerContext ctx, char type, ByteBuf b) throws PgException {
    if (skipUntilSync && type != 'S') {
      return; // after an error in an extended query, PostgreSQL discards everything up to Sync
    }
    switch (type) {
      case 'Q' -> simpleQuery(ctx, Backend.readCString(b));
      case 'P' -> parse(ctx, b);
      case 'B' -> bind(ctx, b);
      case 'D' -> describe(ctx, b);
      case 'E' -> execute(ctx, b);
      case 'C' -> close(ctx, b);
      case 'S' -> {
        skipUntilSync = false;
        if (!inTransaction) {
          // Sync ends the implicit transaction, which closes its portals.
          portals.values().forEach(Portal::close);
          portals.clear();
        }
        ctx.write(out.readyForQuery(inTransaction));
      }
      case 'H' -> ctx.flush();
      case 'X' -> {
        phase = Phase.CLOSED;
        ctx.close();
      }
      default -> throw new PgException("08P01", "unsupported message type '" + type + "'");
    }
  }

  private void simpleQuery(ChannelHandlerContext ctx, String text) {
    List<String> list = SqlText.statements(text);
    if (list.isEmpty()) {
      ctx.write(out.emptyQueryResponse());
    }
    for (String statement : list) {
      try (Result result = sql.execute(statement, new short[0])) {
        if (!result.columns().isEmpty()) {
          ctx.write(out.rowDescription(result.columns()));
        }
        sendRows(ctx, result, 0);
        completed(ctx, result);
      } catch (PgException e) {
        ctx.write(out.error(e.sqlState(), e.getMessage()));
        break;
      } catch (SQLException e) {
        ctx.write(out.error(PgException.of(e).sqlState(), PgException.of(e).getMessage()));
        break;
      }
    }
    ctx.write(out.readyForQuery(inTransaction));
  }

  /** Follows BEGIN, COMMIT and ROLLBACK, which the server answers itself: reads need no transaction. */
  private void completed(ChannelHandlerContext ctx, Result result) {
    String tag = result.tag();
    if (tag.equals("BEGIN")) {
      inTransaction = true;
    } else if (tag.equals("COMMIT") || tag.equals("ROLLBACK")) {
      inTransaction = false;
    } else if (tag.equals(LocalAnswers.ROLLBACK_TO)) {
      tag = "ROLLBACK";
    }
    ctx.write(out.commandComplete(tag));
  }

  /** Sends up to {@code limit} rows (0 = all); true when the result has more. */
  private boolean sendRows(ChannelHandlerContext ctx, Result result, int limit) throws SQLException {
    int sent = 0;
    while (limit == 0 || sent < limit) {
      List<byte[]> row = result.next();
      if (row == null) {
        return false;
      }
      if (++sent % FLUSH_EVERY != 0) {
        ctx.write(out.dataRow(row));
      } else {
        ctx.write(out.dataRow(row));
        ctx.flush();
        if (!ctx.channel().isWritable()) {
          // A slow client: wait for it here instead of buffering the whole result. The promise must be
          // the channel's (its I/O thread's), since waiting on this session thread's own would deadlock.
          ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).awaitUninterruptibly();
        }
      }
    }
    return true;
  }

  private void parse(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    String name = Backend.readCString(b);
    String text = Backend.readCString(b);
    int[] types = new int[b.readShort()];
    for (int i = 0; i < types.length; i++) {
      types[i] = b.readInt();
    }
    if (!SqlText.stripComments(text).isEmpty()) {
      ReadOnlyGate.check(text);
    }
    statements.put(name, new Prepared(text, types));
    ctx.write(out.parseComplete());
  }

  private void bind(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    String portalName = Backend.readCString(b);
    String statementName = Backend.readCString(b);
    Prepared prepared = statements.get(statementName);
    if (prepared == null) {
      throw new PgException("26000", "prepared statement \"" + statementName + "\" does not exist");
    }
    short[] formats = shorts(b);
    int count = b.readShort();
    int[] types = prepared.parameterTypes();
    List<String> literals = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = b.readInt();
      int oid = i < types.length ? types[i] : 0;
      boolean binary = (formats.length == 1 ? formats[0] : formats.length > i ? formats[i] : 0) == 1;
      if (length < 0) {
        literals.add("NULL");
      } else {
        ByteBuf value = b.readSlice(length);
        literals.add(binary ? Parameters.binaryLiteral(value, oid)
            : Parameters.textLiteral(value.toString(StandardCharsets.UTF_8), oid));
      }
    }
    short[] resultFormats = shorts(b);
    String bound = SqlText.replacePlaceholders(prepared.sql(), n -> n >= 1 && n <= literals.size() ? literals.get(n - 1) : "NULL");
    // the log has the statement as parsed, with its $n, unless the server was asked for the values
    Portal old = portals.put(portalName, new Portal(bound, logParameters ? bound : prepared.sql(), resultFormats));
    if (old != null) {
      old.close();
    }
    ctx.write(out.bindComplete());
  }

  private static short[] shorts(ByteBuf b) {
    short[] s = new short[b.readShort()];
    for (int i = 0; i < s.length; i++) {
      s[i] = b.readShort();
    }
    return s;
  }

  private void describe(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    char kind = (char) b.readByte();
    String name = Backend.readCString(b);
    if (kind == 'S') {
      Prepared prepared = statements.get(name);
      if (prepared == null) {
        throw new PgException("26000", "prepared statement \"" + name + "\" does not exist");
      }
      ctx.write(out.parameterDescription(prepared.describedTypes()));
      Optional<List<Column>> columns = SqlText.stripComments(prepared.sql()).isEmpty() ? Optional.empty()
          : sql.describe(prepared.sql(), prepared.parameterTypes());
      ctx.write(columns.isPresent() && !columns.get().isEmpty() ? out.rowDescription(columns.get()) : out.noData());
      return;
    }
    Portal portal = portal(name);
    Result result = open(portal);
    ctx.write(result == null || result.columns().isEmpty() ? out.noData() : out.rowDescription(result.columns()));
  }

  private Portal portal(String name) throws PgException {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new PgException("34000", "portal \"" + name + "\" does not exist");
    }
    return portal;
  }

  /** Runs the portal's statement the first time it is described or executed; null for an empty query. */
  private Result open(Portal portal) throws PgException {
    if (portal.result == null && !SqlText.stripComments(portal.sql).isEmpty()) {
      portal.result = sql.execute(portal.sql, portal.logged, portal.resultFormats);
    }
    return portal.result;
  }

  private void execute(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    Portal portal = portal(Backend.readCString(b));
    int maxRows = b.readInt();
    Result result = open(portal);
    if (result == null) {
      ctx.write(out.emptyQueryResponse());
      return;
    }
    try {
      if (sendRows(ctx, result, Math.max(maxRows, 0))) {
        ctx.write(out.portalSuspended());
      } else {
        completed(ctx, result);
        result.close();
      }
    } catch (SQLException e) {
      throw PgException.of(e);
    }
  }

  private void close(ChannelHandlerContext ctx, ByteBuf b) {
    char kind = (char) b.readByte();
    String name = Backend.readCString(b);
    if (kind == 'S') {
      statements.remove(name);
    } else {
      Portal portal = portals.remove(name);
      if (portal != null) {
        portal.close();
      }
    }
    ctx.write(out.closeComplete());
  }

  private PgException fatal(String state, String message) {
    return new FatalException(state, message);
  }

  /** An error that ends the connection (startup and authentication failures). */
  private static final class FatalException extends PgException {
    FatalException(String state, String message) {
      super(state, message);
    }
  }

  private void fail(ChannelHandlerContext ctx, PgException e) {
    if (e instanceof FatalException || phase != Phase.READY) {
      phase = Phase.CLOSED;
      ctx.writeAndFlush(out.fatal(e.sqlState(), e.getMessage())).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(out.error(e.sqlState(), e.getMessage()));
    skipUntilSync = true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (attempt != null) {
      attempt.abandoned(); // left before its proof was checked; nothing once the attempt is decided
    }
    if (phase == Phase.ADMISSION) {
      phase = Phase.CLOSED;
    }
    portals.values().forEach(Portal::close);
    portals.clear();
    if (sql != null) {
      cancels.unregister(processId);
      sql.close();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
