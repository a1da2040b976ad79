package org.marketingsql.store;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role of a PostgreSQL store's one refresher, across every node that shares the store: a session-level
 * advisory lock ({@code pg_try_advisory_lock}) held on a session of its own for as long as the lease is open.
 * When the holder's process dies its session ends and the server releases the lock at once. While it is open
 * the holder sends the session a heartbeat every {@link #HEARTBEAT}; the server ends a lease session that says
 * nothing for {@link #silence()} ({@code idle_session_timeout}), and its TCP keepalives and {@code tcp_user_timeout}
 * end one whose network is gone, so a vanished host's lease is free again within about half a minute. A
 * heartbeat that fails, or gets no answer within {@link #ANSWER_WITHIN}, marks the lease lost: those who
 * registered with {@link #onLoss} are told at once (a publication cancels its running statement), and {@link
 * #checkNotLost} fails from then on. The session's {@code application_name} names the holder for the messages
 * of those who find the role taken. Closing the lease gives the role up.
 */
public final class RefreshLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshLease.class);
  /** How often the holder shows the server that it is alive, on the lease's session. */
  static final Duration HEARTBEAT = Duration.ofSeconds(2);
  /** How long a heartbeat waits for the server's answer before the holder counts its lease as lost. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  /**
   * How long the server keeps a lease session that says nothing ({@code idle_session_timeout}) by default; the
   * system property {@value #SILENCE_PROPERTY} (seconds, at least three heartbeats) sets another, read as a lease
   * is taken.
   */
  static final Duration SILENCE = Duration.ofSeconds(30);
  /** The system property that sets the {@link #silence()} of the leases taken from then on, in seconds. */
  static final String SILENCE_PROPERTY = "marketingsql.refreshLease.silenceSeconds";
  private static final ScheduledExecutorService HEARTBEATS = Executors.newScheduledThreadPool(1, runnable -> {
    Thread thread = new Thread(runnable, "marketing-sql refresh lease heartbeat");
    thread.setDaemon(true);
    return thread;
  });
  /** The advisory lock's two keys: this product's ("MSQL") and the refresher's. */
  static final int PRODUCT_KEY = 0x4D53514C;
  static final int REFRESHER_KEY = 1;
  /** Taken by every publication for the length of its transaction, so two never overlap, whoever leads. */
  static final int PUBLICATION_KEY = 2;

  private final Connection session;
  private final String holder;
  /** How long the server keeps this lease's session when it says nothing; its publications' TCP settings follow it. */
  private final Duration silence;
  /** The lease session's server process and when it began, which name it among the server's sessions. */
  private final int backend;
  private final String backendStart;
  private final List<Runnable> onLoss = new CopyOnWriteArrayList<>();
  /** Why the lease was lost, once it was; null while it is held. */
  private volatile Exception lost;
  private volatile ScheduledFuture<?> heartbeat;

  private RefreshLease(Connection session, String holder, Duration silence, int backend, String backendStart) {
    this.session = session;
    this.holder = holder;
    this.silence = silence;
    this.backend = backend;
    this.backendStart = backendStart;
  }

  private void startHeartbeat() {
    heartbeat = HEARTBEATS.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** One heartbeat: the lease session answers, or the lease is lost (its session ended, its network is gone). */
  private void beat() {
    if (lost != null) {
      return;
    }
    synchronized (session) {
      try (Statement s = session.createStatement()) {
        s.execute("SELECT 1");
        return;
      } catch (SQLException e) {
        lose(e);
      } catch (RuntimeException e) {
        lose(e);
      }
    }
  }

  private void lose(Exception cause) {
    if (lost != null) {
      return;
    }
    lost = cause;
    ScheduledFuture<?> beating = heartbeat;
    if (beating != null) {
      beating.cancel(false);
    }
    LOG.warn("{} lost the refresh lease: its session {} ({})", holder, isClosed(session) ? "ended" : "stopped answering",
        cause.getMessage());
    for (Runnable listener : onLoss) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.debug("a listener of the lost lease failed", e);
      }
    }
  }

  /**
   * Runs {@code listener} (on the heartbeat's thread) when the lease is found lost, or at once if it is lost
   * already; closing the result unregisters it.
   */
  AutoCloseable onLoss(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    onLoss.add(listener);
    if (lost != null && onLoss.remove(listener)) {
      listener.run();
    }
    return () -> onLoss.remove(listener);
  }

  /** Whether the lease is lost, asking its session now unless a heartbeat found it lost already. */
  boolean confirmLost() {
    beat();
    return lost != null;
  }

  /**
   * Prepares the session a refresh publishes on under this lease: the same TCP settings as the lease's own, so
   * that the server ends it too when its host vanishes, and a name ({@code marketing-sql publication ...}). A
   * publication under a lease is only ever stale beside the lease's holder: the sessions of such publications
   * that still hold the publication lock belong to holders that lost their lease (their host may have vanished
   * with the transaction open), and are ended here, so that this refresh need not wait for their network to
   * time out; only while this lease's session is seen holding the lease, in the same statement.
   */
  void prepare(Connection publication) throws SQLException {
    try (Statement s = publication.createStatement()) {
      keepAlive(s, silence);
      String name = "marketing-sql publication " + ProcessHandle.current().pid() + "@" + host();
      s.execute("SET application_name = " + Sql.literal(name.length() > 63 ? name.substring(0, 63) : name));
    }
    try (PreparedStatement stale = publication.prepareStatement("SELECT l.pid, a.application_name,"
        + " pg_terminate_backend(l.pid, 5000) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
        + " WHERE " + granted("l", PUBLICATION_KEY)
        + " AND l.pid <> pg_backend_pid() AND a.application_name LIKE 'marketing-sql publication %'"
        // only while this lease's session holds the lease: then no other node leads, and no publication is its
        + " AND EXISTS (SELECT 1 FROM pg_locks h JOIN pg_stat_activity b ON b.pid = h.pid WHERE " + heldHere("h", "b")
        + ")")) {
      stale.setInt(1, backend);
      stale.setString(2, backendStart);
      try (ResultSet rs = stale.executeQuery()) {
        while (rs.next()) {
          LOG.warn("{} ended the session {} ({}) of a publication whose lease was lost, which it held open", holder,
              rs.getInt(1), rs.getString(2));
        }
      }
    } catch (SQLException e) {
      // not allowed to (another role's session): the publication waits for it, as before
      LOG.warn("{} could not end the publication session of a lost lease: {}", holder, e.getMessage());
    }
  }

  /** Whether a heartbeat found the lease lost. */
  boolean lost() {
    return lost != null;
  }

  /**
   * Fails once a heartbeat found the lease lost: a refresh calls it between its steps, so that it stops soon
   * after its lease ended rather than at its commit.
   *
   * @throws StoreException "lost the refresh lease to another node"
   */
  void checkNotLost() {
    StoreException lostLease = lostLease(null);
    if (lostLease != null) {
      throw lostLease;
    }
  }

  /**
   * The failure of a refresh that lost this lease ("lost the refresh lease to another node"), with what the
   * loss broke off ({@code brokenOff}, a cancelled statement; may be null) as its cause; null while it is held.
   */
  StoreException lostLease(Throwable brokenOff) {
    Exception cause = lost;
    if (cause == null) {
      return null;
    }
    StoreException lostLease = new StoreException("lost the refresh lease to another node: the session of " + holder
        + " (server process " + backend + ") " + (isClosed(session) ? "ended" : "stopped answering")
        + " during the refresh (" + cause.getMessage() + "), so the refresh stopped; nothing of this refresh is"
        + " published", brokenOff == null ? cause : brokenOff);
    if (brokenOff != null) {
      lostLease.addSuppressed(cause);
    }
    return lostLease;
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Takes the role on a new session from {@code engine} unless another session holds it; empty then. */
  static Optional<RefreshLease> tryTake(PostgresEngine engine) {
    String holder = "marketing-sql refresher " + ProcessHandle.current().pid() + "@" + host();
    Duration silence = silence();
    Connection session = null;
    try {
      session = engine.openLease();
      session.setNetworkTimeout(Runnable::run, (int) ANSWER_WITHIN.toMillis());
      try (Statement s = session.createStatement()) {
        // a vanished host's session ends, releasing the role: the heartbeats stop, and after the silence the
        // server ends it; where its packets go unanswered, TCP ends it sooner (at 30 s of silence: 10 s idle + 3
        // probes 5 s apart, or data unacknowledged for 25 s)
        keepAlive(s, silence);
        if (session.getMetaData().getDatabaseMajorVersion() >= 14) {
          s.execute("SET idle_session_timeout = " + silence.toMillis());
        }
        s.execute("SET application_name = " + Sql.literal(holder.length() > 63 ? holder.substring(0, 63) : holder));
      }
      boolean taken;
      try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        lock.setInt(1, PRODUCT_KEY);
        lock.setInt(2, REFRESHER_KEY);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          taken = rs.getBoolean(1);
        }
      }
      if (!taken) {
        session.close();
        return Optional.empty();
      }
      try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT pid, CAST(backend_start AS VARCHAR) FROM pg_stat_activity WHERE pid = pg_backend_pid()")) {
        rs.next();
        RefreshLease lease = new RefreshLease(session, holder, silence, rs.getInt(1), rs.getString(2));
        lease.startHeartbeat();
        return Optional.of(lease);
      }
    } catch (SQLException e) {
      if (session != null) {
        try {
          session.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      throw new StoreException("cannot ask " + engine.describe() + " who refreshes it: " + e.getMessage(), e);
    }
  }

  /** Who holds the role now, as its session names itself ({@code marketing-sql refresher PID@HOST}); empty when nobody does. */
  static Optional<String> holder(PostgresEngine engine) {
    try (Connection c = engine.open(); PreparedStatement query = c.prepareStatement(
        "SELECT a.application_name, a.client_addr, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE " + granted("l", REFRESHER_KEY))) {
      try (ResultSet rs = query.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String address = rs.getString(2);
        return Optional.of(rs.getString(1) + (address == null ? "" : " from " + address) + " since "
            + rs.getTimestamp(3).toInstant());
      }
    } catch (SQLException e) {
      throw new StoreException("cannot ask " + engine.describe() + " who refreshes it: " + e.getMessage(), e);
    }
  }

  /** Whether the role is still this lease's: false once its session has ended (the server restarted, the network broke). */
  public boolean isHeld() {
    if (lost != null) {
      return false;
    }
    synchronized (session) {
      try {
        return session.isValid((int) Duration.ofSeconds(5).toSeconds());
      } catch (SQLException e) {
        return false;
      }
    }
  }

  /**
   * Fails unless this lease's session still holds the role, asked on {@code connection} (the publication's,
   * inside its transaction): once the session has ended (terminated, its network broken, its keepalives
   * expired) the server has released the lock, and another node may lead. Checked before a publication
   * commits; as that transaction holds the publication lock until it ends, a node that takes the role
   * after the check publishes after this commit, never beside it.
   *
   * @throws StoreException "lost the refresh lease to another node", naming the holder now if there is one
   */
  void checkHeldOn(Connection connection) {
    String now;
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_locks l JOIN pg_stat_activity a"
        + " ON a.pid = l.pid WHERE " + heldHere("l", "a"))) {
      query.setInt(1, backend);
      query.setString(2, backendStart);
      try (ResultSet rs = query.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      now = currentHolder(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot ask whether " + holder + " still holds the refresh lease: " + e.getMessage(), e);
    }
    throw new StoreException("lost the refresh lease to another node: the session of " + holder + " (server process "
        + backend + ") ended before the refresh committed, and " + now + "; nothing of this refresh is published");
  }

  /** Who holds the role now, asked on {@code connection}, for the message of a lost lease. */
  private static String currentHolder(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT a.application_name FROM pg_locks l"
        + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE " + granted("l", REFRESHER_KEY))) {
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getString(1) + " leads now" : "nobody leads now";
      }
    }
  }

  /**
   * The condition that the row {@code locks} of pg_locks is this product's advisory lock {@code key} (taken with
   * two integer keys, hence {@code objsubid = 2}), granted, in the current database.
   */
  private static String granted(String locks, int key) {
    return locks + ".locktype = 'advisory' AND " + locks + ".granted AND " + locks + ".classid = " + PRODUCT_KEY
        + " AND " + locks + ".objid = " + key + " AND " + locks + ".objsubid = 2 AND " + locks
        + ".database = (SELECT oid FROM pg_database WHERE datname = current_database())";
  }

  /**
   * The condition that the lease is held by this lease's own session: the lock row {@code locks} joined to its
   * pg_stat_activity row {@code activity}, the session named by its server process and start (parameters 1 and 2,
   * in that order), since a process number alone may be reused by a later session.
   */
  private static String heldHere(String locks, String activity) {
    return granted(locks, REFRESHER_KEY) + " AND " + locks + ".pid = ? AND " + activity
        + ".backend_start = CAST(? AS TIMESTAMP WITH TIME ZONE)";
  }

  /**
   * Asks the server to notice a vanished client on this session: TCP probes after 10 s idle, 5 s apart, 3 of
   * them, and data unacknowledged for 25 s ends it.
   */
  /**
   * The TCP settings that end a session whose host vanished before {@code silence} does: keepalives after a third
   * of it, three probes a sixth of it apart, and data unacknowledged for five sixths of it.
   */
  private static void keepAlive(Statement s, Duration silence) throws SQLException {
    long seconds = silence.toSeconds();
    s.execute("SET tcp_keepalives_idle = " + seconds / 3);
    s.execute("SET tcp_keepalives_interval = " + seconds / 6);
    s.execute("SET tcp_keepalives_count = 3");
    s.execute("SET tcp_user_timeout = " + silence.toMillis() * 5 / 6);
  }

  /**
   * How long the server keeps a lease session that says nothing: {@link #SILENCE}, or the seconds the system
   * property {@value #SILENCE_PROPERTY} gives, at least three {@link #HEARTBEAT}s.
   *
   * @throws StoreException when the property is no whole number of seconds or is shorter than three heartbeats
   */
  static Duration silence() {
    String value = System.getProperty(SILENCE_PROPERTY);
    if (value == null) {
      return SILENCE;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new StoreException("the system property " + SILENCE_PROPERTY + " is " + value
          + ", not a whole number of seconds", e);
    }
    Duration silence = Duration.ofSeconds(seconds);
    if (silence.compareTo(HEARTBEAT.multipliedBy(3)) < 0) {
      throw new StoreException("the system property " + SILENCE_PROPERTY + " is " + value + " s, shorter than three"
          + " heartbeats of the refresh lease (" + HEARTBEAT.multipliedBy(3).toSeconds() + " s)");
    }
    return silence;
  }

  /** This holder's name, as others see it. */
  public String holder() {
    return holder;
  }

  /** Gives the role up (ending the session releases it, whatever becomes of the unlock). */
  @Override
  public void close() {
    ScheduledFuture<?> beating = heartbeat;
    if (beating != null) {
      beating.cancel(false);
    }
    onLoss.clear();
    if (lost != null) {
      try {
        session.abort(Runnable::run); // it may not answer: never wait for it
      } catch (SQLException e) {
        // gone already
      }
      return;
    }
    synchronized (session) {
      unlockAndClose();
    }
  }

  private void unlockAndClose() {
    try (Connection c = session; PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
      unlock.setInt(1, PRODUCT_KEY);
      unlock.setInt(2, REFRESHER_KEY);
      unlock.execute();
    } catch (SQLException e) {
      // the session is gone, and the role with it
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "this host";
    }
  }

  @Override
  public String toString() {
    return Objects.toString(holder);
  }
}
