package org.marketingsql.store;

import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Where the last good sync of each API table ended (its cursor), kept in the store next to the data
 * so the two commit together. The table is created on first use, so stores made before it still work.
 */
final class SyncState {
  private static final String TABLE = "\"_marketing\".\"sync_state\"";

  private SyncState() {
  }

  static void ensure(Handle handle) {
    handle.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (\"source_name\" VARCHAR NOT NULL,"
        + " \"table_name\" VARCHAR NOT NULL, \"cursor\" VARCHAR, \"synced_at\" TIMESTAMP)");
  }

  /**
   * What a sync starts from and expects to find unchanged when it commits: the stored cursor and when
   * it was stored (an API without cursors still moves the time).
   */
  record Mark(String cursor, LocalDateTime syncedAt) {
  }

  /** The mark of a table's last good sync; empty when it never synced. */
  static Optional<Mark> mark(Handle handle, String source, String table) {
    if (!exists(handle)) {
      return Optional.empty();
    }
    return handle.createQuery("SELECT \"cursor\", \"synced_at\" FROM " + TABLE
            + " WHERE \"source_name\" = ? AND \"table_name\" = ?")
        .bind(0, source).bind(1, table)
        .map((rs, ctx) -> new Mark(rs.getString(1), rs.getObject(2, LocalDateTime.class))).findOne();
  }

  private static boolean exists(Handle handle) {
    return handle.createQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '_marketing'"
        + " AND table_name = 'sync_state'").mapTo(Long.class).one() > 0;
  }

  /** The cursor of a table's last good sync; empty when it never synced or its API has no cursor. */
  static Optional<String> cursor(Handle handle, String source, String table) {
    boolean exists = handle.createQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '_marketing'"
        + " AND table_name = 'sync_state'").mapTo(Long.class).one() > 0;
    if (!exists) {
      return Optional.empty();
    }
    return handle.createQuery("SELECT \"cursor\" FROM " + TABLE + " WHERE \"source_name\" = ? AND \"table_name\" = ?")
        .bind(0, source).bind(1, table).mapTo(String.class).findOne();
  }

  static void save(Handle handle, String source, String table, String cursor, LocalDateTime at) {
    ensure(handle);
    handle.execute("DELETE FROM " + TABLE + " WHERE \"source_name\" = ? AND \"table_name\" = ?", source, table);
    handle.execute("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?)", source, table, cursor, at);
  }
}
