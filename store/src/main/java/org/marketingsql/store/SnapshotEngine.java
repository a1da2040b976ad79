package org.marketingsql.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one published snapshot of a {@link StoreFolder}, read-only: the snapshot a connection was
 * opened on, so all it reads comes from one snapshot. Should that snapshot be gone when it reads again
 * (closed here because nothing read it, and deleted after newer ones were published), it moves to the
 * current snapshot. Never writes.
 */
final class SnapshotEngine implements StoreEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotEngine.class);
  private final StoreFolder folder;
  private volatile StoreFolder.Generation pinned;

  SnapshotEngine(StoreFolder folder, StoreFolder.Generation pinned) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.pinned = Objects.requireNonNull(pinned, "pinned");
  }

  StoreFolder.Generation pinned() {
    return pinned;
  }

  @Override
  public Connection openRead() throws SQLException {
    for (int attempt = 0; attempt < 5; attempt++) {
      StoreFolder.Generation generation = pinned;
      Connection connection = SnapshotRoots.open(generation.file());
      if (connection != null) {
        return new PinnedConnection(connection, generation.file()).proxy();
      }
      // Deleted after newer snapshots were published: read the pointer again and move on.
      StoreFolder.Generation current = folder.current().orElseThrow(() -> new SQLException(
          "the snapshot " + generation.file() + " is gone and " + folder.describe() + " names no other"));
      if (current.equals(generation)) {
        throw new SQLException("the current snapshot " + generation.file() + " of " + folder.describe()
            + " is missing; marketing-sql refresh publishes a new one");
      }
      LOG.debug("snapshot {} is gone; reading snapshot {} instead", generation.number(), current.number());
      pinned = current;
    }
    throw new SQLException("snapshots of " + folder.describe() + " were replaced faster than they could be opened");
  }

  @Override
  public Connection openWrite() throws SQLException {
    throw new SQLException(describe() + " is a published snapshot and never changes; the refresher writes the next one");
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
  public RowWriter writer(Connection connection, String schema, String table, List<String> columns) throws SQLException {
    throw new SQLException(describe() + " is read-only");
  }

  @Override
  public long bulkInsertCsv(Connection connection, String schema, String table, Path file, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException {
    throw new SQLException(describe() + " is read-only");
  }

  @Override
  public boolean isLockConflict(SQLException e) {
    return false;
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public String describe() {
    return "snapshot " + pinned.number() + " of " + folder.describe();
  }

  /** A read connection that goes back to its snapshot's pool when closed. */
  private record PinnedConnection(Connection connection, Path file) {
    Connection proxy() {
      return (Connection) Proxy.newProxyInstance(SnapshotEngine.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (p, method, args) -> {
            if (method.getName().equals("close")) {
              SnapshotRoots.release(file, connection);
              return null;
            }
            try {
              return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
