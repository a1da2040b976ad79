package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.PatternSyntaxException;
import org.marketingsql.readonly.SqlText;
import org.marketingsql.users.DecoyVerifiers;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's protocol state machine: startup, SCRAM authentication, then simple and
 * extended queries. The I/O thread only queues the messages ({@link SessionInbox}); the session's own
 * thread handles them in order, because JDBC calls block: a virtual thread until the startup message has
 * taken a connection slot, then a platform thread of its own (the driver runs queries in native code,
 * which would hold one of the few carriers of virtual threads). So a slow statement or a client that
 * does not read holds only its own session's thread.
 */
final class PgSession extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
  private static final int PROTOCOL_3 = 196608;
  private static final int CANCEL_REQUEST = 80877102;
  /** Bytes of rows between flushes, so a large result streams instead of piling up in the outbound buffer. */
  private static final int FLUSH_BYTES = 32 * 1024;
  /**
   * At most this many rows, and values of about this many bytes, of a result read straight from the store are read
   * before they are sent: a result of that size hands its store session back before its first row goes out.
   */
  private static final int READ_AHEAD_ROWS = 1_000;
  private static final long READ_AHEAD_BYTES = 1024 * 1024;

  /**
   * The extended query's messages whose answers wait in {@link #outbound} for the Sync or Flush that follows, as
   * PostgreSQL's own answers do: a client that sends them waits only after a Sync or Flush.
   */
  private static final java.util.Set<Character> ANSWERED_AT_SYNC = java.util.Set.of('P', 'B', 'D', 'E', 'C');

  private enum Phase { STARTUP, ADMISSION, SASL_FIRST, SASL_FINAL, READY, CLOSED }

  private final String jdbcUrl;
  private final DriverConnections connections;
  private final UsersFile users;
  private final CancelRegistry cancels;
  /** What the session does, as pg_stat_activity lists it; null until the login succeeded. */
  private SessionActivity activity;
  private final SecureRandom random;
  private final long failedLoginDelayMillis;
  private final LoginThrottle throttle;
  private final DecoyVerifiers decoys;
  private final boolean tlsRequired;
  private final CatalogSource catalog;
  private final boolean logParameters;
  private final PgLimits limits;
  private final ConnectionSlots slots;
  private final SessionTimeouts timeouts;
  private Backend out;
  /** What the session's thread sends, gathered until the client waits for it (Sync, Flush, a simple query's end). */
  private Outbound outbound;
  private SessionInbox inbox;
  private Writability writability;
  private ScheduledFuture<?> authenticationTimer;
  /** The client sent its last login message in time: the authentication timeout no longer applies. */
  private volatile boolean authenticated;
  /** The frame decoder allows the configured message size. */
  private boolean largeMessages;
  private ConnectionSlots.Slot slot;
  private Phase phase = Phase.STARTUP;
  private String userName;
  /** The database the startup message named, or the user name when it named none, as PostgreSQL defaults it. */
  private String databaseName;
  private User user;
  private ScramExchange scram;
  /** This connection's place in the login throttle, from its startup message until the proof is checked. */
  private volatile LoginThrottle.Attempt attempt;
  private volatile SqlSession sql;
  private int processId;
  private boolean skipUntilSync;
  /** The transaction block: between BEGIN and COMMIT/ROLLBACK portals outlive Sync, as cursors with a fetch size need. */
  private final TransactionBlock transaction = new TransactionBlock();
  /** The settings the startup message named (application_name …), applied once the SQL session exists. */
  private Map<String, String> startupSettings = Map.of();
  /** SQL cursors (DECLARE); they count against the portal limit, as PostgreSQL's cursors are portals. */
  private final Cursors cursors = new Cursors();
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  /** Since the last ReadyForQuery: whether a message of a transaction came, and whether it failed or rolled back. */
  private boolean transactionOpened;
  private boolean transactionFailed;
  /** The texts {@link #ownStatement} found plain: none of this class's own statements. */
  private final PlainQueries plain = new PlainQueries();

  PgSession(DriverConnections connections, UsersFile users, CancelRegistry cancels, SecureRandom random,
      long failedLoginDelayMillis, LoginThrottle throttle, DecoyVerifiers decoys, boolean tlsRequired,
      CatalogSource catalog, boolean logParameters, PgLimits limits, ConnectionSlots slots) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.logParameters = logParameters;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.slots = Objects.requireNonNull(slots, "slots");
    this.timeouts = new SessionTimeouts(limits.statementTimeout(), limits.idleSessionTimeout());
    this.connections = Objects.requireNonNull(connections, "connections");
    this.jdbcUrl = connections.url();
    this.users = users;
    this.cancels = cancels;
    this.random = random;
    this.failedLoginDelayMillis = failedLoginDelayMillis;
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.decoys = Objects.requireNonNull(decoys, "decoys");
    this.tlsRequired = tlsRequired;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    out = new Backend(ctx.alloc());
    outbound = new Outbound(ctx);
    inbox = new SessionInbox(ctx.channel(), limits.maxMessageBytes());
    writability = new Writability(ctx.channel());
    authenticationTimer = ctx.executor().schedule(() -> authenticationTimedOut(ctx),
        limits.authenticationTimeout().toNanos(), TimeUnit.NANOSECONDS);
    Thread.ofVirtual().name("pg-login").start(() -> work(ctx));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    inbox.offer((FrontendMessage) msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    writability.signal();
    ctx.fireChannelWritabilityChanged();
  }

  /** On the I/O thread: a client that has not logged in by now is sent away, as PostgreSQL does. */
  private void authenticationTimedOut(ChannelHandlerContext ctx) {
    if (!authenticated && ctx.channel().isActive()) {
      LOG.info("authentication timeout for {}", ctx.channel().remoteAddress());
      ctx.writeAndFlush(out.fatal("57014", "canceling authentication due to timeout"))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The session's thread: takes the messages in order until the connection ends or moves to a platform thread. */
  private void work(ChannelHandlerContext ctx) {
    boolean handedOver = false;
    StatementSignals.bind(this::signalFromStatement);
    try {
      while (true) {
        Duration idle = phase == Phase.READY ? timeouts.idleSessionTimeout() : Duration.ZERO;
        FrontendMessage m = inbox.take(idle);
        if (m == null) {
          LOG.info("closing the idle session of user {} from {}", userName, ctx.channel().remoteAddress());
          outbound.writeAndFlush(out.fatal("57P05", "terminating connection due to idle-session timeout"))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
        if (SessionInbox.isEnd(m) || !handleOne(ctx, m)) {
          return;
        }
        if (slot != null && Thread.currentThread().isVirtual()) {
          handedOver = true;
          Thread.ofPlatform().name("pg-session").daemon(true).start(() -> work(ctx));
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ctx.close();
    } catch (Throwable e) {
      LOG.error("session of user {} from {} ended by an internal error", userName, ctx.channel().remoteAddress(), e);
      ctx.close();
    } finally {
      StatementSignals.unbind();
      if (!handedOver) {
        end();
      }
    }
  }

  /** Handles one message and releases it; false when the session is over. */
  private boolean handleOne(ChannelHandlerContext ctx, FrontendMessage m) {
    if (phase == Phase.SASL_FINAL && !authenticated) {
      // the proof is checked at once; opening the driver connection after it may take longer than the timeout
      authenticated = true;
      authenticationTimer.cancel(false);
    }
    try {
      handle(ctx, m);
    } catch (Writability.ClientGoneException e) {
      phase = Phase.CLOSED;
    } catch (PgException e) {
      fail(ctx, m.type(), e);
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      fail(ctx, m.type(), internal(e));
    } finally {
      m.body().release();
    }
    if (phase == Phase.READY && !largeMessages) {
      // before AuthenticationOk is flushed, so the client's first query is measured by the larger limit
      largeMessages = true;
      PgFrameDecoder frames = ctx.pipeline().get(PgFrameDecoder.class);
      if (frames != null) { // null once the channel has closed
        frames.loggedIn();
      }
    }
    if (phase != Phase.READY || !ANSWERED_AT_SYNC.contains(m.type())) {
      outbound.flush();
    }
    return phase != Phase.CLOSED;
  }

  /** A failure of the server's code, or the driver's, reported as PostgreSQL would and logged with its cause. */
  private PgException internal(Throwable e) {
    if (e instanceof StackOverflowError) {
      LOG.warn("stack overflow handling a statement", e);
      return new PgException("54001", "stack depth limit exceeded", e);
    }
    if (e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException
        || e instanceof io.netty.handler.codec.CorruptedFrameException) {
      return new PgException("08P01", "invalid message format: " + e.getMessage(), e);
    }
    // what a function of the statement threw while Calcite's generated code ran it
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String state = c instanceof org.marketingsql.sql.PgSqlException pg ? pg.sqlState()
          : c instanceof ArithmeticException a ? (String.valueOf(a.getMessage()).contains("by zero") ? "22012" : "22003")
          : c instanceof NumberFormatException ? "22P02"
          : c instanceof PatternSyntaxException ? "2201B"
          : null;
      if (state != null) {
        LOG.debug("statement failed", e);
        return new PgException(state, String.valueOf(c.getMessage()), e);
      }
    }
    // the plan or the stack stays in the server's log; the client gets one line
    return StatementErrors.internal(e, null, processId);
  }

  /** What an error of a statement is reported as: 57014 once its statement_timeout has passed. */
  private PgException failure(Throwable e, StatementDeadline deadline) {
    if (e instanceof Writability.ClientGoneException gone) {
      throw gone;
    }
    if (deadline.expired()) {
      return StatementDeadline.timedOut(e);
    }
    if (e instanceof PgException p) {
      return p;
    }
    if (e instanceof SQLException s) {
      return StatementErrors.unplannable(s) ? StatementErrors.internal(s, null, processId) : PgException.of(s);
    }
    return internal(e);
  }

  private StatementDeadline deadline(ChannelHandlerContext ctx) {
    return StatementDeadline.start(timeouts.statementTimeout(), ctx.executor(), () -> {
      SqlSession s = sql;
      if (s != null) {
        s.cancel();
      }
    });
  }

  /**
   * Runs {@code statement} ({@code written} as the client wrote it, {@code logged} as the query log shows it): the
   * transaction, cursor and DISCARD statements and the timeout settings here, everything else in the SQL session. A
   * failed transaction block refuses all but its end. {@code simple}: it came as a simple query.
   */
  private Result run(ChannelHandlerContext ctx, String statement, String written, String logged, short[] formats,
      boolean simple) throws PgException {
    activity.running(logged, Instant.now());
    if (transaction.failed() && !TransactionBlock.endsFailure(statement)) {
      throw TransactionBlock.aborted();
    }
    try {
      return runStatement(ctx, statement, written, logged, formats, simple);
    } finally {
      sql.settings().changedReported().forEach((k, v) -> outbound.write(out.parameterStatus(k, v)));
    }
  }

  private Result runStatement(ChannelHandlerContext ctx, String statement, String written, String logged, short[] formats,
      boolean simple) throws PgException {
    if (!plain.known(statement)) {
      Optional<Result> own = ownStatement(ctx, statement, logged, formats, simple);
      if (own.isPresent()) {
        return own.get();
      }
    }
    Result result = sql.execute(statement, written, logged, formats);
    try {
      // a store's rows sent from here are read before they are sent, so that its read session is free meanwhile
      result.readAhead(READ_AHEAD_ROWS, READ_AHEAD_BYTES);
    } catch (SQLException e) {
      result.close();
      throw PgException.of(e);
    }
    return result;
  }

  /**
   * The result of {@code statement} when it is one this class answers (transaction, cursor and DISCARD statements, a
   * backend signal, the timeout settings); empty for any other, which is remembered as plain ({@link PlainQueries})
   * when these tests found it so by its text alone.
   */
  private Optional<Result> ownStatement(ChannelHandlerContext ctx, String statement, String logged, short[] formats,
      boolean simple) throws PgException {
    if (TransactionBlock.handles(statement)) {
      return Optional.of(Result.local(transactionStatement(ctx, statement), formats));
    }
    String keyword = SqlText.firstKeyword(statement);
    boolean tested = !keyword.isEmpty(); // a statement of no keyword is tested each time
    switch (keyword) {
      case "declare" -> {
        return Optional.of(Result.local(declare(statement, logged), formats));
      }
      case "fetch", "move" -> {
        Cursors.Fetch f = Cursors.fetch(statement);
        // a CancelRequest stops the cursor's statement while this FETCH or MOVE reads its rows
        sql.reading(cursors.statement(f.cursor()));
        Result fetched = null;
        try {
          fetched = cursors.fetch(f, formats, simple).whenClosed(sql::idle);
          return Optional.of(fetched);
        } catch (SQLException e) {
          throw PgException.of(e);
        } finally {
          if (fetched == null) {
            sql.idle();
          }
        }
      }
      case "close" -> {
        return Optional.of(Result.local(LocalResult.command(cursors.close(statement)), formats));
      }
      case "discard" -> {
        return Optional.of(Result.local(discard(statement), formats));
      }
      case "deallocate" -> {
        tested = false;
        if (SqlText.stripComments(statement).toLowerCase(Locale.ROOT).matches("deallocate\\s+(prepare\\s+)?all")) {
          statements.keySet().removeIf(name -> !name.isEmpty()); // as PostgreSQL, Parse's named statements too
        }
      }
      case "reset" -> {
        tested = false;
        if (SqlText.stripComments(statement).toLowerCase(Locale.ROOT).matches("reset\\s+all")) {
          timeouts.reset();
        }
      }
      default -> { }
    }
    Optional<BackendSignals> signal = BackendSignals.of(statement);
    if (signal.isPresent()) {
      return Optional.of(Result.local(signal(signal.get()), formats));
    }
    Optional<LocalResult> own = timeouts.answer(statement);
    if (own.isPresent()) {
      return Optional.of(Result.local(own.get(), formats));
    }
    if (tested) {
      plain.found(statement);
    }
    return Optional.empty();
  }

  /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT …: the block's state, then what ends with the block. */
  private LocalResult transactionStatement(ChannelHandlerContext ctx, String statement) throws PgException {
    TransactionBlock.Outcome outcome = transaction.execute(statement);
    outcome.warning().ifPresent(w -> outbound.write(out.warning(w.sqlState(), w.getMessage())));
    switch (outcome.change()) {
      case BEGAN -> sql.settings().began();
      case COMMITTED, ROLLED_BACK -> {
        boolean committed = outcome.change() == TransactionBlock.Change.COMMITTED;
        transactionFailed |= !committed;
        if (committed) {
          cursors.committed();
        } else {
          cursors.rolledBack();
        }
        sql.settings().ended(committed);
        if (transaction.inBlock()) { // AND CHAIN
          sql.settings().began();
        }
      }
      case NONE -> { }
    }
    return LocalResult.command(outcome.tag());
  }

  /**
   * pg_cancel_backend or pg_terminate_backend, as PostgreSQL 15 answers a role that is not a superuser: its own
   * session's statement is cancelled (57014) or the session closed (57P01); another session of the same user has its
   * statement cancelled or is closed, and the answer is true; another user's session is refused with 42501; a process
   * id of no session is false with a warning.
   */
  private LocalResult signal(BackendSignals signal) throws PgException {
    if (signal.pid() == null) {
      throw new PgException("08P01", "the process id of " + signal.column() + " is a parameter that was not bound");
    }
    int pid = signal.pid();
    if (pid == processId) {
      if (signal.terminate()) {
        LOG.info("user {} terminated its own session {}", userName, processId);
        throw fatal("57P01", "terminating connection due to administrator command");
      }
      throw new PgException("57014", "canceling statement due to user request");
    }
    switch (cancels.signal(pid, userName, signal.terminate())) {
      case SENT -> {
        LOG.info("user {} {} session {} from session {}", userName, signal.terminate() ? "terminated" : "cancelled the statement of",
            pid, processId);
        return signal.answer(true);
      }
      case NOT_PERMITTED -> {
        LOG.warn("user {} was refused to signal session {}, another user's, from session {}", userName, pid, processId);
        throw new PgException("42501", signal.terminate() ? BackendSignals.TERMINATE_REFUSED : BackendSignals.CANCEL_REFUSED);
      }
      default -> {
        outbound.write(out.warning("01000", "PID " + pid + " is not a PostgreSQL server process"));
        return signal.answer(false);
      }
    }
  }

  /**
   * pg_cancel_backend or pg_terminate_backend called within a statement (for each row of pg_stat_activity), on the
   * session's thread: as {@link #signal}, except that a process id of no session is false without a warning, and this
   * session's own statement is cancelled with 57014, or the session closed, through the registry as another's is.
   */
  private boolean signalFromStatement(int pid, boolean terminate) {
    if (pid == processId && !terminate) {
      throw new org.marketingsql.sql.PgSqlException("57014", "canceling statement due to user request");
    }
    switch (cancels.signal(pid, userName, terminate)) {
      case SENT -> {
        LOG.info("user {} {} session {} from a statement of session {}", userName,
            terminate ? "terminated" : "cancelled the statement of", pid, processId);
        return true;
      }
      case NOT_PERMITTED -> {
        LOG.warn("user {} was refused to signal session {}, another user's, from a statement of session {}", userName, pid,
            processId);
        throw new org.marketingsql.sql.PgSqlException("42501",
            terminate ? BackendSignals.TERMINATE_REFUSED : BackendSignals.CANCEL_REFUSED);
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * On another session's thread, for its pg_terminate_backend: this session's statement is cancelled and the client
   * told FATAL 57P01 before the connection closes, as PostgreSQL's terminated backend tells it.
   */
  private void terminated(ChannelHandlerContext ctx) {
    SqlSession session = sql;
    if (session != null) {
      session.cancel();
    }
    ctx.writeAndFlush(out.fatal("57P01", "terminating connection due to administrator command"))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** DECLARE: runs the query as any other of the session and keeps its result open as the cursor. */
  private LocalResult declare(String statement, String logged) throws PgException {
    Cursors.Declaration d = Cursors.declaration(statement);
    if (!d.hold() && !transaction.inBlock()) {
      throw new PgException("25P01", "DECLARE CURSOR can only be used in transaction blocks");
    }
    if (cursors.exists(d.name())) {
      throw new PgException("42P03", "cursor \"" + d.name() + "\" already exists");
    }
    if (openPortals() >= limits.maxPortals()) {
      throw new PgException("54000", "too many cursors and portals: at most " + limits.maxPortals()
          + " per session; close some");
    }
    Result result = sql.execute(d.query(), logged.equals(statement) ? d.query() : logged, new short[0]);
    cursors.add(d, statement, result, transaction.inBlock());
    sql.idle();
    return LocalResult.command("DECLARE CURSOR");
  }

  /** Named portals and cursors: what the portal limit counts (the unnamed portal is replaced, never added). */
  private int openPortals() {
    return portals.size() - (portals.containsKey("") ? 1 : 0) + cursors.size();
  }

  /** DISCARD ALL | PLANS | SEQUENCES | TEMP. */
  private LocalResult discard(String statement) throws PgException {
    StatementWords w = new StatementWords(statement);
    w.expect("discard");
    if (w.accept("all")) {
      w.end();
      if (transaction.inBlock()) {
        throw new PgException("25001", "DISCARD ALL cannot run inside a transaction block");
      }
      cursors.close();
      statements.keySet().removeIf(name -> !name.isEmpty());
      timeouts.reset();
      sql.discardAll();
      return LocalResult.command("DISCARD ALL");
    }
    // nothing is cached per session, and there are no sequences or temporary tables to drop
    String what = w.accept("plans") ? "PLANS" : w.accept("sequences") ? "SEQUENCES" : w.accept("temp", "temporary") ? "TEMP" : null;
    if (what == null) {
      throw w.syntaxError();
    }
    w.end();
    return LocalResult.command("DISCARD " + what);
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
        startupSettings = new HashMap<>(params);
        List.of("user", "database", "options", "replication").forEach(startupSettings::remove);
        String database = params.get("database");
        databaseName = database == null || database.isEmpty() ? userName : database;
        try {
          slot = slots.acquire(userName);
        } catch (PgException e) {
          LOG.warn("refused user {} from {}: {}", userName, ctx.channel().remoteAddress(), e.getMessage());
          throw fatal(e.sqlState(), e.getMessage());
        }
        // a place in the login throttle first: this session's own thread waits while others' attempts are undecided
        phase = Phase.ADMISSION;
        Optional<LoginThrottle.Attempt> place = null;
        Throwable error = null;
        try {
          place = throttle.admit(address(ctx), userName).get();
        } catch (ExecutionException e) {
          error = e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          error = e;
        }
        admitted(ctx, place, error);
      }
      default -> throw fatal("0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff)
          + ": Marketing SQL speaks protocol 3.0");
    }
  }

  /** Starts the SCRAM exchange once the throttle gave this login a place; refuses it when it gave none. */
  private void admitted(ChannelHandlerContext ctx, Optional<LoginThrottle.Attempt> place, Throwable error) {
    if (phase != Phase.ADMISSION || !ctx.channel().isActive()) {
      if (place != null) {
        place.ifPresent(LoginThrottle.Attempt::abandoned); // the client left while waiting
      }
      phase = Phase.CLOSED;
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
      outbound.writeAndFlush(out.authenticationSasl());
    } catch (PgException e) {
      fail(ctx, FrontendMessage.STARTUP, e);
    } catch (RuntimeException e) {
      LOG.warn("internal error starting the login of user {}", userName, e);
      place.ifPresent(LoginThrottle.Attempt::abandoned);
      fail(ctx, FrontendMessage.STARTUP, new PgException("XX000", "internal error: " + e, e));
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
      outbound.write(out.authentication(11, serverFirst.getBytes(StandardCharsets.UTF_8)));
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
    if (!LocalAnswers.DATABASE.equals(databaseName)) {
      // as in PostgreSQL, only a client that proved who it is learns which databases there are
      LOG.warn("user {} asked for database {}, which does not exist", userName, databaseName);
      throw fatal("3D000", "database \"" + databaseName + "\" does not exist");
    }
    Connection connection;
    try {
      connection = connections.open(readable(user));
    } catch (SQLException e) {
      LOG.error("user {} logged in but {} cannot be opened", userName, jdbcUrl, e);
      throw fatal(e.getSQLState() == null ? "08006" : e.getSQLState(), "cannot open the marketing data: " + e.getMessage());
    }
    try {
      InformationSchema.install(connection, user.name(), policy(user), catalog);
      PgCatalog.install(connection, user, policy(user), catalog, new SessionViews(cursors::listed, this::preparedStatements,
          () -> cancels.activity(user.name()), () -> cancels.counts().totals(user.name())));
    } catch (SQLException | RuntimeException e) {
      // browsing the catalog is a convenience; queries still work without it
      LOG.warn("information_schema or pg_catalog is not available in this session", e);
    }
    sql = new SqlSession(connection, user, address(ctx), limits.maxPreparedStatements(), transaction, catalog);
    startupSettings.forEach(sql.settings()::startup);
    int[] key = cancels.register(sql, userName, () -> terminated(ctx));
    cancels.counts().loggedIn(userName);
    processId = key[0];
    SqlSession session = sql;
    activity = new SessionActivity(processId, userName, address(ctx), port(ctx), Instant.now(),
        () -> session.settings().reportedOnLogin("application_name", ""));
    cancels.describe(processId, activity);
    sql.identify(processId);
    if (ctx.channel().localAddress() instanceof InetSocketAddress local) {
      sql.reachedAt(local);
    }
    phase = Phase.READY;
    LOG.info("user {} logged in from {}", userName, ctx.channel().remoteAddress());
    outbound.write(out.authentication(12, serverFinal.get().getBytes(StandardCharsets.UTF_8)));
    outbound.write(out.authentication(0, new byte[0]));
    LocalAnswers.parameters(userName).forEach((k, v) -> outbound.write(out.parameterStatus(k, sql.settings().reportedOnLogin(k, v))));
    outbound.write(out.backendKeyData(key[0], key[1]));
    readyForQuery();
  }

  /**
   * What a session's statements read and its catalogs show: the user's schemas, and the catalogs this
   * server adds to every session (which show only those schemas).
   */
  static org.marketingsql.access.AccessPolicy policy(User user) {
    return user.policy().plus(List.of(PgCatalog.NAME, InformationSchema.NAME));
  }

  /**
   * The driver connection's properties: the policy, which the driver enforces on every statement, and the login's
   * name, which {@code current_user}, {@code session_user} and {@code user} answer wherever a statement calls them.
   */
  private static Properties readable(User user) {
    Properties properties = new Properties();
    properties.setProperty(org.marketingsql.access.AccessPolicy.PROPERTY, policy(user).property());
    properties.setProperty("user", user.name());
    return properties;
  }

  /** ReadyForQuery, the session's activity waiting for the client from now on. */
  private void readyForQuery() {
    if (activity != null) {
      activity.waiting(transaction.status(), Instant.now());
    }
    if (transaction.status() == 'I' && transactionOpened && userName != null) {
      cancels.counts().ended(userName, !transactionFailed);
    }
    if (transaction.status() == 'I') {
      transactionOpened = false;
      transactionFailed = false;
    }
    out.readyForQuery(outbound.buffer(), transaction.status());
  }

  /** RowDescription of {@code columns}, or NoData when there are none (a command). */
  private void rowDescription(List<Column> columns) {
    if (columns.isEmpty()) {
      out.noData(outbound.buffer());
    } else {
      out.rowDescription(outbound.buffer(), columns);
    }
  }

  /** The client's TCP port, or null when the channel is no TCP connection. */
  private static Integer port(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getPort() : null;
  }

  /** The client's IP address, the key the login throttle counts failures by. */
  private static String address(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
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
    transactionOpened |= type != 'S' && type != 'H' && type != 'X';
    switch (type) {
      case 'Q' -> simpleQuery(ctx, Backend.readCString(b));
      case 'P' -> parse(ctx, b);
      case 'B' -> bind(ctx, b);
      case 'D' -> describe(ctx, b);
      case 'E' -> execute(ctx, b);
      case 'C' -> close(ctx, b);
      case 'S' -> {
        skipUntilSync = false;
        if (!transaction.inBlock()) {
          // Sync ends the implicit transaction, which closes its portals.
          portals.values().forEach(Portal::close);
          portals.clear();
        }
        readyForQuery();
      }
      case 'H' -> outbound.flush();
      case 'X' -> {
        phase = Phase.CLOSED;
        ctx.close();
      }
      default -> throw new PgException("08P01", "unsupported message type '" + type + "'");
    }
  }

  private void simpleQuery(ChannelHandlerContext ctx, String text) throws PgException {
    List<String> list = SqlText.statements(text);
    if (list.isEmpty()) {
      outbound.write(out.emptyQueryResponse());
    }
    for (String statement : list) {
      try (StatementDeadline deadline = deadline(ctx)) {
        try (Result result = run(ctx, statement, statement, statement, new short[0], true)) {
          if (!result.columns().isEmpty()) {
            out.rowDescription(outbound.buffer(), result.columns());
          }
          sendRows(ctx, result, 0, deadline);
          completed(ctx, result);
        } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
          PgException error = failure(e, deadline);
          if (error instanceof FatalException) {
            throw error; // the session ends (pg_terminate_backend of its own process id)
          }
          outbound.write(out.error(error));
          transaction.error();
          transactionFailed = true;
          break;
        }
      }
    }
    readyForQuery();
  }

  private void completed(ChannelHandlerContext ctx, Result result) {
    out.commandComplete(outbound.buffer(), result.tag());
  }

  /**
   * Sends up to {@code limit} rows (0 = all); true when the result has more. Rows are produced only while
   * the client reads them: when the channel is not writable this session's thread waits for it.
   */
  private boolean sendRows(ChannelHandlerContext ctx, Result result, int limit, StatementDeadline deadline)
      throws SQLException, PgException {
    int sent = 0;
    while (limit == 0 || sent < limit) {
      deadline.check();
      List<byte[]> row = result.next();
      if (row == null) {
        cancels.counts().returned(userName, sent);
        return false;
      }
      sent++;
      out.dataRow(outbound.buffer(), row);
      if (outbound.pendingBytes() >= FLUSH_BYTES || !ctx.channel().isWritable()) {
        outbound.flush();
        try {
          if (!writability.await(deadline.deadlineNanos())) {
            throw StatementDeadline.timedOut(null);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Writability.ClientGoneException();
        }
      }
    }
    cancels.counts().returned(userName, sent);
    return true;
  }

  /** The session's prepared statements, as pg_prepared_statements lists them: named ones, Parse's and PREPARE's. */
  private List<ListedStatement> preparedStatements() {
    List<ListedStatement> out = new ArrayList<>();
    statements.forEach((name, prepared) -> {
      if (!name.isEmpty()) {
        out.add(prepared.listed(name));
      }
    });
    if (sql != null) {
      out.addAll(sql.preparedStatements());
    }
    return out;
  }

  private void parse(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    String name = Backend.readCString(b);
    String text = Backend.readCString(b);
    int[] types = new int[b.readShort()];
    for (int i = 0; i < types.length; i++) {
      types[i] = b.readInt();
    }
    if (transaction.failed() && !TransactionBlock.endsFailure(text)) {
      throw TransactionBlock.aborted();
    }
    // a plain query has a keyword and is no session statement
    if (plain.known(text) || !SqlText.stripComments(text).isEmpty() && !sessionStatement(text)) {
      sql.unlessReadOnly(text); // a cursor's query is checked when DECLARE runs it
    }
    if (!statements.containsKey(name) && statements.size() >= limits.maxPreparedStatements()) {
      throw new PgException("54000", "too many prepared statements: at most " + limits.maxPreparedStatements()
          + " per session; close some");
    }
    statements.put(name, new Prepared(text, types));
    out.parseComplete(outbound.buffer());
  }

  private void bind(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    String portalName = Backend.readCString(b);
    String statementName = Backend.readCString(b);
    Prepared prepared = statements.get(statementName);
    if (prepared == null) {
      throw new PgException("26000", "prepared statement \"" + statementName + "\" does not exist");
    }
    prepared.runs().increment();
    if (transaction.failed() && !TransactionBlock.endsFailure(prepared.sql())) {
      throw TransactionBlock.aborted();
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
    if (!portalName.isEmpty() && !portals.containsKey(portalName) && openPortals() >= limits.maxPortals()) {
      throw new PgException("54000", "too many portals: at most " + limits.maxPortals() + " per session, cursors included; close some");
    }
    // a PREPARE's $n are the prepared query's own parameters, which its EXECUTE gives: none is bound here
    String bound = SqlText.firstKeyword(prepared.sql()).equals("prepare") ? prepared.sql()
        : SqlText.replacePlaceholders(prepared.sql(), n -> n >= 1 && n <= literals.size() ? literals.get(n - 1) : "NULL");
    // the log has the statement as parsed, with its $n, unless the server was asked for the values
    Portal old = portals.put(portalName, new Portal(bound, prepared.sql(), logParameters ? bound : prepared.sql(),
        resultFormats));
    if (old != null) {
      old.close();
    }
    out.bindComplete(outbound.buffer());
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
      if (transaction.failed() && !TransactionBlock.endsFailure(prepared.sql())) {
        throw TransactionBlock.aborted();
      }
      Optional<List<Column>> columns;
      if (SqlText.stripComments(prepared.sql()).isEmpty()) {
        columns = Optional.empty();
      } else if (sessionStatement(prepared.sql())) {
        columns = describedSessionStatement(prepared.sql());
      } else if (BackendSignals.of(prepared.sql()).isPresent()) {
        columns = Optional.of(Result.local(BackendSignals.of(prepared.sql()).get().columns(), new short[0]).columns());
      } else {
        SqlSession.Described described = sql.describe(prepared.sql(), prepared.parameterTypes());
        // the types the validator inferred for parameters the client left unspecified; Bind reads values as them
        prepared = prepared.inferred(described.parameterTypes());
        statements.put(name, prepared);
        columns = described.columns();
      }
      out.parameterDescription(outbound.buffer(), prepared.describedTypes());
      rowDescription(columns.orElse(List.of()));
      return;
    }
    if (!portals.containsKey(name)) {
      // DECLARE makes a portal of the cursor's name, which a client may describe by that name (psycopg 3's named
      // cursors read their columns so before the first FETCH)
      Optional<List<Column>> declared = cursors.columns(name);
      if (declared.isPresent()) {
        rowDescription(declared.get());
        return;
      }
    }
    Portal portal = portal(name);
    try (StatementDeadline deadline = deadline(ctx)) {
      try {
        Result result = open(ctx, portal);
        rowDescription(result == null ? List.of() : result.columns());
      } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
        throw failure(e, deadline);
      }
    }
  }

  /** Whether {@code sql} is a statement this class answers (transaction, cursor, DISCARD). */
  private static boolean sessionStatement(String sql) {
    String keyword = SqlText.firstKeyword(sql);
    return TransactionBlock.handles(sql) || Cursors.isCursorStatement(keyword) || keyword.equals("discard");
  }

  /** What Describe says of a session statement: a FETCH returns its cursor's columns, the others no rows. */
  private Optional<List<Column>> describedSessionStatement(String sql) throws PgException {
    if (!SqlText.firstKeyword(sql).equals("fetch")) {
      return Optional.empty();
    }
    Cursors.Fetch f = Cursors.fetch(sql);
    return Optional.of(cursors.columns(f.cursor())
        .orElseThrow(() -> new PgException("34000", "cursor \"" + f.cursor() + "\" does not exist")));
  }

  private Portal portal(String name) throws PgException {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new PgException("34000", "portal \"" + name + "\" does not exist");
    }
    return portal;
  }

  /** Runs the portal's statement the first time it is described or executed; null for an empty query. */
  private Result open(ChannelHandlerContext ctx, Portal portal) throws PgException {
    if (portal.result == null && !SqlText.stripComments(portal.sql).isEmpty()) {
      portal.result = run(ctx, portal.sql, portal.written, portal.logged, portal.resultFormats, false);
    }
    return portal.result;
  }

  private void execute(ChannelHandlerContext ctx, ByteBuf b) throws PgException {
    Portal portal = portal(Backend.readCString(b));
    int maxRows = b.readInt();
    try (StatementDeadline deadline = deadline(ctx)) {
      try {
        Result result = open(ctx, portal);
        if (result == null) {
          outbound.write(out.emptyQueryResponse());
          return;
        }
        if (sendRows(ctx, result, Math.max(maxRows, 0), deadline)) {
          outbound.write(out.portalSuspended());
        } else {
          completed(ctx, result);
          result.close();
        }
      } catch (Exception | StackOverflowError | AssertionError | LinkageError e) {
        throw failure(e, deadline);
      }
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
    out.closeComplete(outbound.buffer());
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

  /** A simple query's error ends with ReadyForQuery; an extended one's skips to Sync, which sends it. */
  private void fail(ChannelHandlerContext ctx, char type, PgException e) {
    if (e instanceof FatalException || phase != Phase.READY) {
      phase = Phase.CLOSED;
      outbound.writeAndFlush(out.fatal(e.sqlState(), e.getMessage())).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    outbound.write(out.error(e));
    transaction.error();
    transactionFailed = true;
    if (type == 'Q') {
      readyForQuery();
    } else {
      skipUntilSync = true;
    }
  }

  /** On the session's thread, once: gives back the driver connection and the connection slot. */
  private void end() {
    phase = Phase.CLOSED;
    outbound.discard();
    inbox.drain();
    portals.values().forEach(Portal::close);
    portals.clear();
    cursors.close();
    if (sql != null) {
      cancels.unregister(processId);
      sql.close();
    }
    if (slot != null) {
      slot.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (inbox == null) { // never became active
      ctx.fireChannelInactive();
      return;
    }
    LoginThrottle.Attempt undecided = attempt;
    if (undecided != null) {
      undecided.abandoned(); // left before its proof was checked; nothing once the attempt is decided
    }
    authenticationTimer.cancel(false);
    inbox.close();
    writability.signal();
    SqlSession running = sql;
    if (running != null) {
      running.cancel(); // so a long statement does not keep the session's thread after its client left
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
