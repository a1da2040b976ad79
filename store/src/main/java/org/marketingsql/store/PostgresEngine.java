package org.marketingsql.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.marketingsql.config.StoreLogin;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.postgresql.PGConnection;

/**
 * A store on a PostgreSQL server, shared by every node that names it. The configuration's login travels as
 * connection properties, never in the URL (the configuration refuses a URL with a password; a test's URL may
 * carry its login as parameters), and no message shows the URL's parameters or the password. Readers never wait
 * for a writer, as each statement reads the last committed state. Bulk loads go through {@code COPY ... FROM STDIN}.
 *
 * <p>Reads borrow a session from a bounded pool ({@link ReadPoolSize}; opening a PostgreSQL session costs as much
 * as a small query): read-only sessions ({@code default_transaction_read_only}), each handed back clean, with no
 * open transaction and its settings reset ({@code RESET ALL}) where the borrower may have changed one; a session
 * whose backend died is replaced. A read that finds every session busy for the pool's wait fails with SQLSTATE 53300,
 * naming the store. The pool never sees the URL or the password: it asks {@link #open} for each session.
 *
 * <p>Reads that wait for a session are served by a {@link ReadQueue}: those expected to hold it briefly (by the SQL
 * text they send, where the caller names it: {@link #openRead(String)}) go before costlier ones that came shortly
 * before them, none is passed for longer than the queue's pass bound, and a cancel of the statement stops its wait.
 */
final class PostgresEngine implements StoreEngine {
  static final String PREFIX = "jdbc:postgresql:";
  /** lock_not_available, serialization_failure, deadlock_detected: the statement may succeed when retried. */
  private static final Set<String> CONFLICTS = Set.of("55P03", "40001", "40P01");
  /** too_many_connections: every session of the read pool stayed busy. */
  static final String POOL_EXHAUSTED = "53300";
  /** query_canceled: the statement was cancelled while it waited for a read session. */
  static final String CANCELED = "57014";
  /** How many SQL texts the read queue remembers the costs of. */
  static final int SHAPES_KEPT = 512;
  private final String url;
  private final StoreLogin login;
  private final ReadPoolSize poolSize;
  private final ReadQueue queue;
  /** Created by the first read, closed by {@link #close()}; guarded by {@code this}. */
  private HikariDataSource reads;

  PostgresEngine(String url, StoreLogin login) {
    this(url, login, ReadPoolSize.configured(login == null ? null : login.pool()));
  }

  PostgresEngine(String url, StoreLogin login, ReadPoolSize poolSize) {
    this(url, login, poolSize, ReadPoolSize.passBound());
  }

  /** With reads that wait for a session passed by shorter ones for at most {@code passBound} (zero: in turn). */
  PostgresEngine(String url, StoreLogin login, ReadPoolSize poolSize, Duration passBound) {
    Objects.requireNonNull(url, "url");
    this.poolSize = Objects.requireNonNull(poolSize, "poolSize");
    this.queue = new ReadQueue(poolSize.sessions(), passBound, SHAPES_KEPT);
    if (!accepts(url)) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + withoutParameters(url));
    }
    this.url = url;
    this.login = login;
  }

  static boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  /**
   * A read-only session from the pool, waiting up to the pool's wait for one to be free. Closing it hands it
   * back: an open transaction is rolled back and, where a setting may have changed, the session's settings reset
   * first; a session that cannot be reset is dropped from the pool.
   */
  @Override
  public Connection openRead() throws SQLException {
    return openRead(null);
  }

  /**
   * {@link #openRead()} for a read that sends {@code sql} (null where unknown), which the read queue expects to hold
   * its session as long as reads of that text did before.
   */
  @Override
  public Connection openRead(String sql) throws SQLException {
    HikariDataSource pool = readPool();
    ReadQueue.Waiter turn = queue.enter(sql);
    try (RunningStatements.Waiting waiting = RunningStatements.waiting(turn::cancel)) {
      turn.await(poolSize.maxWait());
    } catch (ReadQueue.NotGranted e) {
      if (e.cancelled()) {
        throw new SQLException("canceling statement due to user request (it waited for a read session of " + describe()
            + ")", CANCELED, e);
      }
      throw busy(e);
    } catch (SQLException refused) {
      turn.abandon();
      throw refused;
    }
    Connection session;
    try {
      session = pool.getConnection();
    } catch (SQLTransientConnectionException e) {
      turn.release();
      if (e.getCause() instanceof SQLException unreachable) {
        // no session could be opened at all: say why (the server is down, the password wrong ...)
        throw new SQLException(unreachable.getMessage(), unreachable.getSQLState(), e);
      }
      throw busy(e);
    } catch (SQLException | RuntimeException e) {
      turn.release();
      throw e;
    }
    return handedBackClean(session, pool, turn);
  }

  private SQLException busy(Exception e) {
    return new SQLException("all " + poolSize.sessions() + " read sessions of " + describe() + " stayed busy for "
        + poolSize.maxWait().toMillis() + " ms; retry, or give the pool more sessions (store: { pool: N } in the"
        + " configuration, or -D" + ReadPoolSize.SESSIONS_PROPERTY + "; now " + poolSize.sessions() + ")", POOL_EXHAUSTED, e);
  }

  /** The queue of reads waiting for a session, for tests. */
  ReadQueue queue() {
    return queue;
  }

  synchronized HikariDataSource readPool() throws SQLException {
    if (reads == null) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("marketing-sql reads");
      config.setDataSource(new ReadSessions());
      config.setMaximumPoolSize(poolSize.sessions());
      config.setMinimumIdle(Math.min(2, poolSize.sessions()));
      config.setIdleTimeout(Duration.ofMinutes(5).toMillis());
      config.setConnectionTimeout(poolSize.maxWait().toMillis());
      config.setValidationTimeout(Math.min(poolSize.maxWait().toMillis(), Duration.ofSeconds(5).toMillis()));
      try {
        // the first session is opened now, so a wrong password or a stopped server fails the first read at once
        reads = new HikariDataSource(config);
      } catch (HikariPool.PoolInitializationException e) {
        if (e.getCause() instanceof SQLException refused) {
          throw refused;
        }
        throw new SQLException("cannot open the read sessions of " + describe() + ": " + e.getMessage(), e);
      }
    }
    return reads;
  }

  /**
   * The pooled session, wrapped so that closing it hands it back clean. Its settings are reset only when the
   * borrower may have changed one ({@link SettingChanges}): a statement other than a plain query, or a call of the
   * connection's own setters (pgJDBC sends {@code SET} for some), or the driver's connection itself unwrapped. The
   * node's reads change none, and so skip the round trip of {@code RESET ALL}.
   */
  private static Connection handedBackClean(Connection session, HikariDataSource pool, ReadQueue.Waiter turn) {
    boolean[] settingsChanged = {false};
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(PostgresEngine.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("close") && method.getParameterCount() == 0) {
            try {
              if (!session.isClosed()) {
                handBack(session, pool, settingsChanged[0]);
              }
            } finally {
              // only now, with the session back in the pool, may the next read have it (a second close: nothing)
              turn.release();
            }
            return null;
          }
          if (name.equals("prepareStatement") || name.equals("prepareCall")) {
            settingsChanged[0] |= name.equals("prepareCall") || SettingChanges.mayChange((String) args[0]);
          } else if (name.equals("unwrap") || name.startsWith("set") && !name.equals("setAutoCommit")) {
            settingsChanged[0] = true;
          }
          Object result = invoke(session, method, args);
          return name.equals("createStatement") ? watched((Statement) result, self[0], settingsChanged) : result;
        });
    return self[0];
  }

  /** {@code statement}, noting in {@code settingsChanged} a text it runs that may change a setting. */
  private static Statement watched(Statement statement, Connection connection, boolean[] settingsChanged) {
    return (Statement) Proxy.newProxyInstance(PostgresEngine.class.getClassLoader(), new Class<?>[] {Statement.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("getConnection")) {
            return connection;
          }
          if (name.equals("unwrap")) {
            settingsChanged[0] = true;
          } else if ((name.startsWith("execute") || name.equals("addBatch")) && args != null && args[0] instanceof String sql) {
            settingsChanged[0] |= SettingChanges.mayChange(sql);
          }
          return invoke(statement, method, args);
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void handBack(Connection session, HikariDataSource pool, boolean settingsChanged) throws SQLException {
    try {
      if (!session.getAutoCommit()) {
        session.rollback();
        session.setAutoCommit(true);
      }
      if (settingsChanged) {
        try (Statement reset = session.createStatement()) {
          reset.execute("RESET ALL");
        }
      }
    } catch (SQLException e) {
      // a session that cannot be reset (its backend died, say) is not handed out again
      pool.evictConnection(session);
    } finally {
      session.close();
    }
  }

  /** Closes the read sessions; reads that hold one finish first, and none is handed out after. */
  synchronized void close() {
    if (reads != null) {
      reads.close();
      reads = null;
    }
  }

  @Override
  public Connection openWrite() throws SQLException {
    return open();
  }

  /**
   * A new session. Through the driver class itself rather than DriverManager, which does not see a driver
   * loaded by a BI tool's own class loader.
   */
  Connection open() throws SQLException {
    return open(false, false);
  }

  /**
   * A new session for a refresh lease or a publication, whose client side also sends TCP keepalives, so that
   * the node notices a server that vanished while the session waits.
   */
  Connection openLease() throws SQLException {
    return open(false, true);
  }

  /** A new session; {@code readOnly} for one whose transactions only read, even after RESET ALL. */
  private Connection open(boolean readOnly) throws SQLException {
    return open(readOnly, false);
  }

  private Connection open(boolean readOnly, boolean keepAlive) throws SQLException {
    Properties properties = new Properties();
    if (login != null) {
      properties.setProperty("user", login.user());
      if (login.password() != null) {
        properties.setProperty("password", login.password().reveal());
      }
    }
    properties.setProperty("ApplicationName", "marketing-sql");
    // the name goes in the startup message (not by a SET after it), where RESET ALL keeps it
    properties.setProperty("assumeMinServerVersion", "10");
    if (keepAlive) {
      properties.setProperty("tcpKeepAlive", "true");
    }
    if (readOnly) {
      // a setting of the session's start is what RESET ALL returns to
      properties.setProperty("options", "-c default_transaction_read_only=on");
      // Calcite's JDBC adapter runs each store query as a plain Statement, which pgJDBC parses again on every
      // run unless it keeps its queries by text: kept, a statement run prepareThreshold (5) times is also
      // prepared on the server. A publication that changes the columns it reads makes PostgreSQL refuse the
      // kept plan (0A000), and pgJDBC prepares it again and runs it once more, as reads run outside
      // transactions; inside one it would not retry, and the statement would fail
      // (PreparedReadsAcrossPublicationsTest)
      properties.setProperty("preferQueryMode", "extendedCacheEverything");
    }
    try {
      Connection connection = new org.postgresql.Driver().connect(url, properties);
      if (connection == null) {
        throw new SQLException("pgJDBC does not accept the URL of " + describe());
      }
      return connection;
    } catch (SQLException e) {
      // pgJDBC's own exception rides along suppressed, not as the cause: the innermost message, which is
      // what the command line shows, must still name the store (a bare "Connection refused" names nothing)
      SQLException failed = new SQLException("cannot connect to " + describe() + ": " + e.getMessage(), e.getSQLState());
      failed.addSuppressed(e);
      throw failed;
    }
  }

  @Override
  public boolean separatesReadsFromWrites() {
    return false;
  }

  @Override
  public boolean readsWhileWriting() {
    return true;
  }

  @Override
  public RowWriter writer(Connection connection, String schema, String table, List<String> columns) {
    return new PostgresCopyWriter(connection, schema, table, columns);
  }

  @Override
  public long bulkInsertCsv(Connection connection, String schema, String table, Path file, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException {
    // PostgreSQL reads the values with the table's column types, which the caller created from sqlTypes
    String sql = "COPY " + Sql.quote(schema) + "." + Sql.quote(table) + " ("
        + columns.stream().map(Sql::quote).collect(Collectors.joining(", ")) + ") FROM STDIN (FORMAT csv,"
        + " HEADER true, DELIMITER " + Sql.literal(String.valueOf(delimiter)) + ", QUOTE '\"', ESCAPE '\"',"
        + " ENCODING 'UTF8')";
    try (InputStream in = Files.newInputStream(file)) {
      return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
    } catch (IOException e) {
      throw new SQLException("cannot read " + file + " to copy it into " + schema + "." + table, e);
    }
  }

  @Override
  public boolean isLockConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICTS.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public String describe() {
    return "PostgreSQL store " + withoutParameters(url) + (login == null ? "" : " (user " + login.user() + ")");
  }

  /** The URL without its parameters, which may hold credentials. */
  static String withoutParameters(String url) {
    int parameters = url.indexOf('?');
    return parameters < 0 ? url : url.substring(0, parameters);
  }

  /** Where the pool gets its sessions: never the URL or the password, which stay here. */
  private final class ReadSessions extends PlainDataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return open(true);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("the read sessions of " + describe() + " log in as its configuration says");
    }

    /** What the pool logs for its data source: where the store is, never the password. */
    @Override
    public String toString() {
      return describe();
    }
  }
}
