package org.marketingsql.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.marketingsql.config.StoreLogin;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  /** Shared per JVM on purpose: see the class comment. Guarded by {@code Store.class}. */
  private static final Map<String, Store> OPEN = new HashMap<>();

  /** Its key in {@link #OPEN}: the URL, and the user where there is a login. */
  private final String key;
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

  private Store(String key, String url, StoreEngine engine, Duration lockTimeout) {
    this(key, url, engine, lockTimeout, false);
  }

  private Store(String key, String url, StoreEngine engine, Duration lockTimeout, boolean readOnly) {
    this.key = key;
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
    Store store = new Store("jdbc:duckdb:" + current.file(), "jdbc:duckdb:" + current.file(), new SnapshotEngine(folder, current), lockTimeout(), true);
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
    return open(url, null);
  }

  /**
   * Opens (or shares) the store at a JDBC URL, logging in as {@code login} where the database is a server
   * (PostgreSQL: user and password go as connection properties, never in the URL), and makes sure its own
   * tables exist. The caller closes what it opened; the store itself closes when its last user does.
   *
   * @param login the server's user and password; null for DuckDB
   */
  public static Store open(String url, StoreLogin login) {
    Objects.requireNonNull(url, "url");
    Store store;
    synchronized (Store.class) {
      String key = login == null ? url : url + "\n" + login.user();
      store = OPEN.computeIfAbsent(key, u -> new Store(key, url, engineFor(url, login), lockTimeout()));
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

  private static StoreEngine engineFor(String url, StoreLogin login) {
    if (!url.startsWith("jdbc:")) {
      throw new StoreException("store '" + url + "' is not a JDBC URL (e.g. jdbc:duckdb:/path/store.duckdb)");
    }
    if (PostgresEngine.accepts(url)) {
      return new PostgresEngine(url, login);
    }
    return DuckDbEngine.accepts(url) ? new DuckDbEngine(url) : new JdbcEngine(url);
  }

  /**
   * For a store on a database server: logs in once and says where it is ({@link #describe()}, no password);
   * a StoreException naming the server and why when it cannot. Writes nothing. Empty for a DuckDB file,
   * which has nothing to reach.
   */
  public static Optional<String> probe(String url, StoreLogin login) {
    Objects.requireNonNull(url, "url");
    if (!PostgresEngine.accepts(url)) {
      return Optional.empty();
    }
    PostgresEngine engine = new PostgresEngine(url, login);
    try (Connection connection = engine.open(); var statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT current_setting('server_version')")) {
      rs.next();
      return Optional.of(engine.describe() + ", PostgreSQL " + rs.getString(1));
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
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
    Publication publishing = publication.get();
    long stamp = engine.readsWhileWriting() ? 0 : acquireWrite(purpose);
    try {
      Connection connection;
      if (publishing != null) {
        connection = publishing.forWrite(); // one unit (a savepoint) of the refresh's one transaction
      } else {
        closeReadRoot();
        try {
          connection = openWithRetry(true, purpose);
        } catch (SQLException e) {
          throw new StoreException(purpose + ": cannot open " + describe() + " for writing: " + e.getMessage(), e);
        }
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
      if (stamp != 0) {
        access.unlockWrite(stamp);
      }
    }
  }

  /**
   * Runs a whole refresh in one transaction on one connection, committed when {@code work} returns: that
   * commit publishes everything it wrote at once, and until then every other connection (of this node or
   * another) reads the state published before. Every {@link #write} and {@link #read} of this thread inside
   * {@code work} goes to that transaction, each write a unit of its own (a savepoint: a unit that fails is
   * undone alone, as its own transaction would be). When {@code work} throws, or the process dies, nothing
   * of it is published. Only for a store that readers read while it is written (PostgreSQL); a DuckDB store
   * publishes by snapshot files instead ({@link StoreFolder}).
   *
   * @param purpose what is being published, for messages ("refreshing the store")
   */
  public <T> T publish(String purpose, Supplier<T> work) {
    return publish(purpose, null, work);
  }

  /**
   * Like {@link #publish(String, Supplier)}, for the node that leads the refresh with {@code lease}: just
   * before the commit, inside the transaction, it checks that the lease's session still holds the role, and
   * rolls back when it does not ("lost the refresh lease to another node"), so that a node whose lease
   * ended half-way (its session terminated, its network broken) never publishes beside the node that took
   * the role over.
   *
   * @param lease the role this refresh runs under ({@link #tryLeadRefresh}), or null for none to check
   */
  public <T> T publish(String purpose, RefreshLease lease, Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (!engine.readsWhileWriting() || readOnly) {
      throw new StoreException(purpose + ": " + describe() + " does not publish in one transaction; its refresher"
          + " publishes snapshots");
    }
    if (publication.get() != null) {
      throw new IllegalStateException(purpose + ": this thread is publishing " + describe() + " already");
    }
    Connection connection;
    try {
      connection = lease == null ? openWithRetry(true, purpose) : postgres(purpose).openLease();
    } catch (SQLException e) {
      throw new StoreException(purpose + ": cannot open " + describe() + " for writing: " + e.getMessage(), e);
    }
    AutoCloseable stopOnLoss = null;
    try (connection) {
      if (lease != null) {
        lease.checkNotLost();
        lease.prepare(connection);
      }
      Publications.prepare(connection);
      Publication publishing = new Publication(connection, lease == null ? () -> { } : lease::checkNotLost);
      if (lease != null) {
        // a lost lease stops the refresh at once: its running statement is cancelled, and where the server
        // does not answer the cancel, the session is cut
        stopOnLoss = lease.onLoss(() -> stop(connection, purpose));
      }
      try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
        // whoever leads, two publications never overlap: the second waits for the first to commit
        lock.setInt(1, RefreshLease.PRODUCT_KEY);
        lock.setInt(2, RefreshLease.PUBLICATION_KEY);
        lock.execute();
      }
      publication.set(publishing);
      try {
        T result = work.get();
        if (publishing.insideUnit()) {
          throw new IllegalStateException(purpose + " ended inside a write of its own");
        }
        if (lease != null) {
          lease.checkNotLost();
        }
        try {
          publishing.swap();
        } catch (SQLException e) {
          throw new StoreException(purpose + ": " + e.getMessage(), e);
        }
        // after the swap, which may wait for readers: the check is then as close to the commit as it can be
        if (lease != null) {
          lease.checkHeldOn(connection);
        }
        Publications.published(connection);
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        RuntimeException lostLease = lease != null && !isLostLease(e) && lease.confirmLost() ? lease.lostLease(e) : null;
        Throwable failure = lostLease != null ? lostLease : e;
        try {
          connection.rollback();
          connection.setAutoCommit(true);
          Publications.failed(connection, Instant.now(), purpose + " failed, so connections go on reading what was"
              + " published before: " + failure.getMessage());
        } catch (SQLException rollback) {
          failure.addSuppressed(rollback);
        }
        if (lostLease != null) {
          throw lostLease;
        }
        throw e;
      } finally {
        publication.remove();
      }
    } catch (SQLException e) {
      if (lease != null && lease.confirmLost()) {
        throw lease.lostLease(e);
      }
      throw new StoreException(purpose + ": publishing in " + describe() + " failed: " + e.getMessage(), e);
    } finally {
      if (stopOnLoss != null) {
        try {
          stopOnLoss.close();
        } catch (Exception e) {
          // only a list removal
        }
      }
    }
  }

  private static boolean isLostLease(Throwable e) {
    return e instanceof StoreException && String.valueOf(e.getMessage()).startsWith("lost the refresh lease");
  }

  /** How long a cancelled refresh statement has to end before its session is cut. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
  private static final java.util.concurrent.ScheduledExecutorService CUTTER =
      java.util.concurrent.Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "marketing-sql stopping a refresh that lost its lease");
        thread.setDaemon(true);
        return thread;
      });

  /**
   * Stops the refresh on {@code connection}, whose lease was lost: cancels its running statement (the server
   * rolls nothing back yet; the refresh's thread sees the statement fail and rolls back), and cuts the session
   * if the refresh still has not let go of it after {@link #CANCEL_GRACE} (the server then rolls back alone).
   */
  private void stop(Connection connection, String purpose) {
    LOG.warn("{}: the refresh lease was lost; cancelling the refresh's running statement", purpose);
    CUTTER.execute(() -> {
      try {
        connection.unwrap(org.postgresql.PGConnection.class).cancelQuery();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("cancelling the refresh's statement failed", e);
      }
    });
    CUTTER.schedule(() -> {
      try {
        if (!connection.isClosed()) { // the refresh closes it when it ends
          LOG.warn("{}: the refresh did not stop within {} s of its lease's loss; cutting its session", purpose,
              CANCEL_GRACE.toSeconds());
          connection.abort(Runnable::run);
        }
      } catch (SQLException | RuntimeException e) {
        LOG.debug("cutting the refresh's session failed", e);
      }
    }, CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * What a store that publishes in one transaction has published: how many refreshes ({@code generation}),
   * when the last committed, and when and why the last refresh failed if it did since.
   */
  public record Published(long generation, Instant at, Instant failedAt, String failure) {
  }

  /** The last publication of a PostgreSQL store ({@link #publish}); empty for other stores and before the first. */
  public Optional<Published> published() {
    if (!publishesInOneTransaction()) {
      return Optional.empty();
    }
    return read(h -> Publications.read(h.getConnection()));
  }

  /** Whether this store publishes a refresh in one transaction ({@link #publish}) rather than by snapshot files. */
  public boolean publishesInOneTransaction() {
    return engine.readsWhileWriting() && !readOnly;
  }

  /**
   * Takes the role of the store's one refresher, across every node sharing it, unless another holds it
   * (empty then); see {@link RefreshLease}. Only for a store on a PostgreSQL server: a DuckDB store's
   * refresher holds its folder's {@link RefreshLock}.
   */
  public Optional<RefreshLease> tryLeadRefresh() {
    return RefreshLease.tryTake(postgres("leading its refresh"));
  }

  /** Who holds the refresher's role of this PostgreSQL store now, for messages; empty when nobody does. */
  public Optional<String> refresher() {
    return RefreshLease.holder(postgres("asking who refreshes it"));
  }

  private PostgresEngine postgres(String purpose) {
    if (engine instanceof PostgresEngine postgres) {
      return postgres;
    }
    throw new StoreException(purpose + ": " + describe() + " is not on a PostgreSQL server; its refresher holds"
        + " the refresh lock of its folder");
  }

  /** The refresh this thread publishes ({@link #publish}), if any. */
  private final ThreadLocal<Publication> publication = new ThreadLocal<>();

  /**
   * Bulk-inserts a plain UTF-8 CSV file with the store's own reader, inside the transaction of
   * {@code handle}; -1 when the store has no such reader. The caller has validated the file.
   */
  public long bulkInsertCsv(Handle handle, String schema, String table, Path file, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException {
    Publication publishing = publication.get();
    return engine.bulkInsertCsv(handle.getConnection(), schema,
        publishing == null ? table : publishing.tableName(schema, table), file, delimiter, columns, sqlTypes);
  }

  /**
   * Inside {@link #write}: makes {@code schema.table} an empty table of these columns (names and SQL types, in
   * order) for a load to fill. Where readers read while the store is written (PostgreSQL) and the table has
   * exactly these columns already, its rows are deleted instead of the table being dropped: readers go on
   * reading its rows until the refresh commits, while a dropped table would hold every reader of it until
   * then. A table whose columns change is built under a new name there, which the refresh's statements use in
   * its place until it is swapped in just before the commit ({@link Publication}); elsewhere it is dropped and
   * created again.
   */
  public void replaceTable(Handle handle, String schema, String table, List<String> names, List<String> sqlTypes) {
    if (names.size() != sqlTypes.size() || names.isEmpty()) {
      throw new IllegalArgumentException(schema + "." + table + ": " + names.size() + " column names for "
          + sqlTypes.size() + " types");
    }
    String qualified = Sql.quote(schema) + "." + Sql.quote(table);
    Publication publishing = publication.get();
    if (publishing != null) {
      publishing.keep(schema, table);
    }
    if (engine.readsWhileWriting() && PostgresTables.hasColumns(handle, physical(publishing, schema, table), names,
        sqlTypes)) {
      handle.execute("DELETE FROM " + qualified);
      return;
    }
    if (engine.readsWhileWriting() && publishing != null && PostgresTables.exists(handle, qualified)) {
      qualified = Sql.quote(schema) + "." + Sql.quote(publishing.buildAside(schema, table));
    }
    handle.execute("DROP TABLE IF EXISTS " + qualified);
    StringBuilder create = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
    for (int i = 0; i < names.size(); i++) {
      create.append(i == 0 ? "" : ", ").append(Sql.quote(names.get(i))).append(' ').append(sqlTypes.get(i));
    }
    handle.execute(create.append(')').toString());
  }

  /**
   * Inside {@link #write}: makes {@code schema.table} hold what {@code select} returns, as {@code CREATE TABLE
   * AS} would. Where readers read while the store is written (PostgreSQL) and the table has the columns the
   * select returns already, its rows are replaced (DELETE, INSERT) rather than the table dropped, as in
   * {@link #replaceTable}.
   */
  public void replaceTableAs(Handle handle, String schema, String table, String select) {
    String qualified = Sql.quote(schema) + "." + Sql.quote(table);
    Publication publishing = publication.get();
    if (publishing != null) {
      publishing.keep(schema, table);
    }
    if (engine.readsWhileWriting() && PostgresTables.sameColumnsAs(handle, physical(publishing, schema, table), select)) {
      handle.execute("DELETE FROM " + qualified);
      handle.execute("INSERT INTO " + qualified + " " + select);
      return;
    }
    if (engine.readsWhileWriting() && publishing != null && PostgresTables.exists(handle, qualified)) {
      qualified = Sql.quote(schema) + "." + Sql.quote(publishing.buildAside(schema, table));
    }
    handle.execute("DROP TABLE IF EXISTS " + qualified);
    handle.execute("CREATE TABLE " + qualified + " AS " + select);
  }

  /**
   * Inside {@link #write}: drops {@code schema.table} if it exists (a removed export's table). Inside a
   * refresh that publishes in one transaction ({@link #publish}) it is dropped just before the commit, with
   * the tables swapped in there ({@link Publication}): a DROP where the refresh finds the table gone would
   * hold every reader of it until the commit, while there they wait at most for the swap. Until then the
   * table stays as it was, for readers and for the refresh; a refresh that writes it again
   * ({@link #replaceTable}, {@link #replaceTableAs}) keeps it. Elsewhere it is dropped at once.
   */
  public void dropTable(Handle handle, String schema, String table) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    Publication publishing = publication.get();
    if (publishing != null && engine.readsWhileWriting()) {
      String aside = publishing.dropLater(schema, table);
      if (aside != null) {
        handle.execute("DROP TABLE IF EXISTS " + Sql.quote(schema) + "." + Sql.quote(aside)); // only this refresh sees it
      }
      return;
    }
    handle.execute("DROP TABLE IF EXISTS " + Sql.quote(schema) + "." + Sql.quote(table));
  }

  /** An appender for a table, inside the transaction of {@code handle}. */
  public RowWriter writer(Handle handle, String schema, String table, List<String> columns) throws SQLException {
    Publication publishing = publication.get();
    return engine.writer(handle.getConnection(), schema, publishing == null ? table : publishing.tableName(schema, table),
        columns);
  }

  /** The quoted name the refresh of this thread reads and writes {@code schema.table} under (see {@link Publication}). */
  private static String physical(Publication publishing, String schema, String table) {
    return Sql.quote(schema) + "." + Sql.quote(publishing == null ? table : publishing.tableName(schema, table));
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

  /** Where each open read connection holding the read lock was opened, to name a leaking caller when a writer times out. */
  private final Map<Object, Throwable> openReads = Collections.synchronizedMap(new IdentityHashMap<>());

  private Connection readConnection() throws SQLException {
    return readConnection(null);
  }

  /** A read connection for a read that sends {@code sql} (null where unknown; see {@link ReadsBySql}). */
  private Connection readConnection(String sql) throws SQLException {
    Publication publishing = publication.get();
    if (publishing != null) {
      return publishing.forRead(); // the refresh reads what it has written so far
    }
    // where readers read while a writer works, they need no stamp: 0 stands for none
    long stamp = engine.readsWhileWriting() ? 0 : access.readLock();
    try {
      Connection connection;
      if (engine.separatesReadsFromWrites()) {
        connection = duplicateReadRoot();
      } else {
        connection = engine.openRead(sql);
      }
      Connection wrapped = releasingOnClose(connection, stamp);
      if (stamp != 0) {
        // only a read that holds the lock can keep a writer waiting: a stack trace costs more than a short read
        openReads.put(wrapped, new Throwable("read connection opened here"));
      }
      return wrapped;
    } catch (SQLException | RuntimeException e) {
      if (stamp != 0) {
        access.unlockRead(stamp);
      }
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
        if (stamp != 0) {
          access.unlockRead(stamp);
        }
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
      OPEN.remove(key);
    }
    closeReadRoot();
    if (engine instanceof PostgresEngine postgres) {
      postgres.close();
    }
  }

  /** Hands out read connections; Calcite closes each after its query. */
  private final class ReadDataSource extends PlainDataSource implements ReadsBySql {
    @Override
    public Connection getConnection() throws SQLException {
      return readConnection();
    }

    @Override
    public Connection connectionFor(String sql) throws SQLException {
      return readConnection(Objects.requireNonNull(sql, "sql"));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return readConnection();
    }
  }
}
