package org.marketingsql.store;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * A database everything queried lives in, reached by JDBC URL (embedded DuckDB by default). One
 * instance per URL and JVM, shared by its users: DuckDB refuses to open one file twice with other
 * settings.
 *
 * <p>Reads go through {@link #dataSource()}; writes through {@link #write}, one transaction each.
 * For a DuckDB file, readers hold it read-only so several processes can read at once; a writer waits
 * for the others up to the lock timeout, then fails with a message that says who holds the store.
 * Connections of the driver do not read such a file while it is written: they read a published snapshot
 * ({@link #openSnapshot}, {@link StoreFolder}), and only the refresher writes, in its working copy.
 */
public final class Store implements AutoCloseable {
  /** Shared per JVM on purpose: see the class comment. Guarded by {@code Store.class}. */
  private static final Map<String, Store> OPEN = new HashMap<>();

  /**
   * A system property that, set to {@code true}, lets a PostgreSQL store open through the plain JDBC engine
   * (credentials in the URL's parameters): for the tests that run the finance SQL on PostgreSQL.
   */
  public static final String POSTGRESQL_PREVIEW = "marketingsql.store.postgresqlPreview";

  private final String url;
  private final StoreEngine engine;
  private final Duration lockTimeout;
  /** Readers hold a read stamp for the life of a connection; a write takes the write stamp. */
  private final StampedLock access = new StampedLock();
  private Connection readRoot;
  /** Read connections of {@link #readRoot} that were closed by their users, kept for the next query. */
  private final ArrayDeque<Connection> idleReads = new ArrayDeque<>();
  private static final int IDLE_READS = 8;
  private int users;
  private boolean migrated;
  /** Set for a published snapshot, which is only read. */
  private final boolean readOnly;

  private Store(String url, StoreEngine engine, Duration lockTimeout) {
    this(url, engine, lockTimeout, false);
  }

  private Store(String url, StoreEngine engine, Duration lockTimeout, boolean readOnly) {
    this.url = url;
    this.engine = engine;
    this.lockTimeout = lockTimeout;
    this.readOnly = readOnly;
  }

  /**
   * Opens the current snapshot of a store folder for reading, pinned: everything read through it comes
   * from that one snapshot (see {@link SnapshotEngine} for when it moves on). Never writes and never waits
   * for a writer. Each connection opens its own; the snapshot's database is shared in this JVM.
   *
   * @throws StoreException when no snapshot has been published yet
   */
  public static Store openSnapshot(StoreFolder folder) {
    Objects.requireNonNull(folder, "folder");
    StoreFolder.Generation current = folder.current().orElseThrow(() -> new StoreException(
        folder.describe() + " has no published snapshot yet; a refresh publishes the first"));
    SnapshotRoots.retireAllBut(folder.dir(), current.file());
    Store store = new Store("jdbc:duckdb:" + current.file(), new SnapshotEngine(folder, current), lockTimeout(), true);
    store.users = 1;
    store.migrated = true;
    return store;
  }

  /** The snapshot generation this store reads, or 0 when it is not a snapshot. */
  public long snapshotGeneration() {
    return engine instanceof SnapshotEngine snapshot ? snapshot.pinned().number() : 0;
  }

  /**
   * Opens (or shares) the store at a JDBC URL and makes sure its own tables exist. The caller
   * closes what it opened; the store itself closes when its last user does.
   */
  public static Store open(String url) {
    Objects.requireNonNull(url, "url");
    Store store;
    synchronized (Store.class) {
      store = OPEN.computeIfAbsent(url, u -> new Store(u, engineFor(u), lockTimeout()));
      store.users++;
    }
    try {
      store.migrate();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static StoreEngine engineFor(String url) {
    if (!url.startsWith("jdbc:")) {
      throw new StoreException("store '" + url + "' is not a JDBC URL (e.g. jdbc:duckdb:/path/store.duckdb)");
    }
    requireAvailable(url);
    return DuckDbEngine.accepts(url) ? new DuckDbEngine(url) : new JdbcEngine(url);
  }

  /**
   * Throws a StoreException when this version cannot keep a store on the database the URL names: a
   * PostgreSQL store is not available yet. The message shows the URL without its parameters, which may
   * hold credentials.
   */
  public static void requireAvailable(String url) {
    Objects.requireNonNull(url, "url");
    // The finance SQL runs on PostgreSQL already; tests of it switch the refusal off until the engine is complete.
    if (url.startsWith("jdbc:postgresql:") && !Boolean.getBoolean(POSTGRESQL_PREVIEW)) {
      int parameters = url.indexOf('?');
      throw new StoreException("the PostgreSQL store (" + (parameters < 0 ? url : url.substring(0, parameters))
          + ") is not available in this version; keep the store in DuckDB: leave store out of the configuration,"
          + " or write store: jdbc:duckdb:/path/store.duckdb");
    }
  }

  private static Duration lockTimeout() {
    return Duration.ofSeconds(Long.getLong("marketingsql.store.lockTimeoutSeconds", 20));
  }

  /** Where the store is, safe to show (no credentials). */
  public String describe() {
    return engine.describe();
  }

  /**
   * The database the store runs on, as its JDBC URL names it ({@code duckdb}, {@code postgresql}, ...), so the
   * query side can pick the SQL dialect to write for it.
   */
  public String database() {
    String rest = url.substring("jdbc:".length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /** Read-only connections for Calcite's JDBC adapter; each holds the store open for reading until closed. */
  public DataSource dataSource() {
    return new ReadDataSource();
  }

  /** Runs a callback on a read connection. */
  public <T> T read(HandleCallback<T, ? extends Exception> callback) {
    try (Connection connection = readConnection(); Handle handle = Jdbi.open(connection)) {
      return callback.withHandle(handle);
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("reading " + describe() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Runs a callback in one write transaction: committed when it returns, rolled back when it throws,
   * so a failed load leaves the store exactly as it was.
   *
   * @param purpose what is being written, for messages ("loading exports/orders.csv")
   */
  public <T, X extends Exception> T write(String purpose, HandleCallback<T, X> callback) throws X {
    if (readOnly) {
      throw new StoreException(purpose + ": " + describe() + " is a published snapshot, which connections only"
          + " read; the refresher writes the next snapshot (marketing-sql refresh)");
    }
    long stamp = acquireWrite(purpose);
    try {
      closeReadRoot();
      Connection connection;
      try {
        connection = openWithRetry(true, purpose);
      } catch (SQLException e) {
        throw new StoreException(purpose + ": cannot open " + describe() + " for writing: " + e.getMessage(), e);
      }
      try (connection; Handle handle = Jdbi.open(connection)) {
        handle.begin();
        T result;
        try {
          result = callback.withHandle(handle);
          handle.commit();
        } catch (Exception | Error e) {
          rollbackQuietly(handle, e);
          throw e;
        }
        return result;
      } catch (SQLException e) {
        throw new StoreException(purpose + " in " + describe() + " failed: " + e.getMessage(), e);
      }
    } finally {
      access.unlockWrite(stamp);
    }
  }

  /**
   * Bulk-inserts a plain UTF-8 CSV file with the store's own reader, inside the transaction of
   * {@code handle}; -1 when the store has no such reader. The caller has validated the file.
   */
  public long bulkInsertCsv(Handle handle, String schema, String table, Path file, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException {
    return engine.bulkInsertCsv(handle.getConnection(), schema, table, file, delimiter, columns, sqlTypes);
  }

  /** An appender for a table, inside the transaction of {@code handle}. */
  public RowWriter writer(Handle handle, String schema, String table, List<String> columns) throws SQLException {
    return engine.writer(handle.getConnection(), schema, table, columns);
  }

  private void migrate() {
    synchronized (this) {
      if (migrated) {
        return;
      }
    }
    boolean current = engine.exists() && read(handle -> Migrations.isCurrent(handle));
    if (!current) {
      write("preparing the store's tables", handle -> {
        Migrations.apply(handle);
        return null;
      });
    }
    synchronized (this) {
      migrated = true;
    }
  }

  private long acquireWrite(String purpose) {
    try {
      long stamp = access.tryWriteLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (stamp == 0) {
        Throwable origin;
        synchronized (openReads) {
          origin = openReads.values().stream().findFirst().orElse(null);
        }
        throw new StoreBusyException(purpose + " waited " + lockTimeout.toSeconds() + " s for other connections of"
            + " this process to finish reading " + describe() + "; close open result sets and retry", origin);
      }
      return stamp;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(purpose + " was interrupted", e);
    }
  }

  /** Where each open read connection was opened, to name a leaking caller when a writer times out. */
  private final Map<Object, Throwable> openReads = Collections.synchronizedMap(new IdentityHashMap<>());

  private Connection readConnection() throws SQLException {
    long stamp = access.readLock();
    try {
      Connection connection;
      if (engine.separatesReadsFromWrites()) {
        connection = duplicateReadRoot();
      } else {
        connection = engine.openRead();
      }
      Connection wrapped = releasingOnClose(connection, stamp);
      openReads.put(wrapped, new Throwable("read connection opened here"));
      return wrapped;
    } catch (SQLException | RuntimeException e) {
      access.unlockRead(stamp);
      throw e;
    }
  }

  private synchronized Connection duplicateReadRoot() throws SQLException {
    if (readRoot == null || readRoot.isClosed()) {
      readRoot = openWithRetry(false, "reading");
    }
    Connection idle = idleReads.pollFirst();
    return idle != null ? idle : readRoot.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
  }

  /** A read connection its user closed: kept for reuse when healthy (opening one costs a query's time), else closed. */
  private void releaseRead(Connection connection) {
    boolean kept = false;
    try {
      if (engine.separatesReadsFromWrites() && !connection.isClosed() && connection.getAutoCommit()) {
        synchronized (this) {
          if (readRoot != null && idleReads.size() < IDLE_READS) {
            idleReads.addFirst(connection);
            kept = true;
          }
        }
      }
    } catch (SQLException e) {
      kept = false;
    }
    if (!kept) {
      try {
        connection.close();
      } catch (SQLException e) {
        // A read connection holds nothing to lose; the next reader opens a fresh one.
      }
    }
  }

  private synchronized void closeReadRoot() {
    for (Connection idle : idleReads) {
      try {
        idle.close();
      } catch (SQLException e) {
        // Closing an idle read connection cannot lose data.
      }
    }
    idleReads.clear();
    if (readRoot != null) {
      try {
        readRoot.close();
      } catch (SQLException e) {
        // Closing a read-only connection cannot lose data; the write that follows reports real trouble.
      }
      readRoot = null;
    }
  }

  private Connection openWithRetry(boolean forWrite, String purpose) throws SQLException {
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    while (true) {
      try {
        return forWrite ? engine.openWrite() : engine.openRead();
      } catch (SQLException e) {
        if (!engine.isLockConflict(e)) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          throw new StoreBusyException(purpose + ": " + describe() + " is in use by another process and stayed"
              + " locked for " + lockTimeout.toSeconds() + " s (" + e.getMessage().lines().findFirst().orElse("")
              + "). A writer needs the store alone: close the other client (BI tool, marketing-sql) and retry.", e);
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StoreException(purpose + " was interrupted while waiting for " + describe(), interrupted);
        }
      }
    }
  }

  private Connection releasingOnClose(Connection connection, long stamp) {
    Object[] self = new Object[1];
    Connection wrapped = TrackedConnection.wrap(connection, () -> {
      try {
        releaseRead(connection);
      } finally {
        openReads.remove(self[0]);
        access.unlockRead(stamp);
      }
    });
    self[0] = wrapped;
    return wrapped;
  }

  private static void rollbackQuietly(Handle handle, Throwable cause) {
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Inside {@link #write}: commits what the handle did so far and starts the next transaction, so
   * one write can keep several independent units (one file each) apart.
   */
  public static void checkpoint(Handle handle) {
    handle.commit();
    handle.begin();
  }

  /** Inside {@link #write}: undoes the current unit and starts the next transaction. */
  public static void undo(Handle handle) {
    handle.rollback();
    handle.begin();
  }

  @Override
  public void close() {
    if (readOnly) {
      closeReadRoot();
      return;
    }
    synchronized (Store.class) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(url);
    }
    closeReadRoot();
  }

  /** Hands out read connections; Calcite closes each after its query. */
  private final class ReadDataSource implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return readConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return readConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}
