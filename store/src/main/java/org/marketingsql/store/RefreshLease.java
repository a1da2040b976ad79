package org.marketingsql.store;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The role of a PostgreSQL store's one refresher, across every node that shares the store: a session-level
 * advisory lock ({@code pg_try_advisory_lock}) held on a session of its own for as long as the lease is open.
 * When the holder's process dies its session ends and the server releases the lock at once; when its host
 * vanishes, the session's TCP keepalives (about 50 s) end it. The session's {@code application_name} names
 * the holder for the messages of those who find the role taken. Closing the lease gives the role up.
 */
public final class RefreshLease implements AutoCloseable {
  /** The advisory lock's two keys: this product's ("MSQL") and the refresher's. */
  static final int PRODUCT_KEY = 0x4D53514C;
  static final int REFRESHER_KEY = 1;
  /** Taken by every publication for the length of its transaction, so two never overlap, whoever leads. */
  static final int PUBLICATION_KEY = 2;

  private final Connection session;
  private final String holder;
  /** The lease session's server process and when it began, which name it among the server's sessions. */
  private final int backend;
  private final String backendStart;

  private RefreshLease(Connection session, String holder, int backend, String backendStart) {
    this.session = session;
    this.holder = holder;
    this.backend = backend;
    this.backendStart = backendStart;
  }

  /** Takes the role on a new session from {@code engine} unless another session holds it; empty then. */
  static Optional<RefreshLease> tryTake(PostgresEngine engine) {
    String holder = "marketing-sql refresher " + ProcessHandle.current().pid() + "@" + host();
    Connection session = null;
    try {
      session = engine.open();
      try (Statement s = session.createStatement()) {
        // a vanished host's session ends after 20 s idle + 3 probes 10 s apart, releasing the role
        s.execute("SET tcp_keepalives_idle = 20");
        s.execute("SET tcp_keepalives_interval = 10");
        s.execute("SET tcp_keepalives_count = 3");
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
        return Optional.of(new RefreshLease(session, holder, rs.getInt(1), rs.getString(2)));
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
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ? AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      query.setLong(1, PRODUCT_KEY);
      query.setLong(2, REFRESHER_KEY);
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
    try {
      return session.isValid((int) Duration.ofSeconds(5).toSeconds());
    } catch (SQLException e) {
      return false;
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
        + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ? AND l.objid = ?"
        + " AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        + " AND l.pid = ? AND a.backend_start = CAST(? AS TIMESTAMP WITH TIME ZONE)")) {
      query.setLong(1, PRODUCT_KEY);
      query.setLong(2, REFRESHER_KEY);
      query.setInt(3, backend);
      query.setString(4, backendStart);
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
        + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?"
        + " AND l.objid = ? AND l.objsubid = 2"
        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      query.setLong(1, PRODUCT_KEY);
      query.setLong(2, REFRESHER_KEY);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getString(1) + " leads now" : "nobody leads now";
      }
    }
  }

  /** This holder's name, as others see it. */
  public String holder() {
    return holder;
  }

  /** Gives the role up (ending the session releases it, whatever becomes of the unlock). */
  @Override
  public void close() {
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
