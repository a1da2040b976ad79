package org.marketingsql.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * The open snapshots of this JVM: one read-only DuckDB database per snapshot file, shared by every
 * connection pinned to it (each read is a cheap duplicate of its root connection). A snapshot that is
 * no longer current is closed once nothing reads it; a connection pinned to it that reads again later
 * opens it again while the file exists, else moves to the current snapshot.
 */
final class SnapshotRoots {
  private static final int IDLE_PER_SNAPSHOT = 8;
  /** Guarded by itself. */
  private static final Map<Path, Root> ROOTS = new HashMap<>();

  private static final class Root {
    final Connection root;
    final ArrayDeque<Connection> idle = new ArrayDeque<>();
    int open;

    Root(Connection root) {
      this.root = root;
    }
  }

  private SnapshotRoots() {
  }

  /** A read connection on the snapshot file, or null when the file is gone (deleted after a newer publish). */
  static Connection open(Path file) throws SQLException {
    synchronized (ROOTS) {
      Root root = ROOTS.get(file);
      if (root == null) {
        if (!Files.isRegularFile(file)) {
          return null;
        }
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        Connection connection;
        try {
          connection = DuckDbConnections.open("jdbc:duckdb:" + file, properties);
        } catch (SQLException e) {
          if (!Files.isRegularFile(file)) {
            return null; // deleted between the check and the open
          }
          throw e;
        }
        root = new Root(connection);
        ROOTS.put(file, root);
      }
      Connection idle = root.idle.pollFirst();
      Connection read = idle != null ? idle : root.root.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
      root.open++;
      return read;
    }
  }

  /** A read connection its user closed: kept for the next read of the same snapshot, or closed. */
  static void release(Path file, Connection connection) {
    synchronized (ROOTS) {
      Root root = ROOTS.get(file);
      if (root != null) {
        root.open--;
        try {
          if (root.idle.size() < IDLE_PER_SNAPSHOT && !connection.isClosed() && connection.getAutoCommit()) {
            root.idle.addFirst(connection);
            return;
          }
        } catch (SQLException e) {
          // not reusable: closed below
        }
      }
    }
    closeQuietly(connection);
  }

  /** Closes every snapshot of this JVM other than {@code keep} that nothing reads now. */
  static void retireAllBut(Path folder, Path keep) {
    synchronized (ROOTS) {
      for (Iterator<Map.Entry<Path, Root>> it = ROOTS.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Path, Root> e = it.next();
        if (e.getKey().startsWith(folder) && !e.getKey().equals(keep) && e.getValue().open == 0) {
          e.getValue().idle.forEach(SnapshotRoots::closeQuietly);
          closeQuietly(e.getValue().root);
          it.remove();
        }
      }
    }
  }

  /** How many snapshots of the folder this JVM holds open (for tests). */
  static int openIn(Path folder) {
    synchronized (ROOTS) {
      return (int) ROOTS.keySet().stream().filter(p -> p.startsWith(folder)).count();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // a read-only connection holds nothing to lose
    }
  }
}
