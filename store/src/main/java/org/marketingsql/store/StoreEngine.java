package org.marketingsql.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What differs between store databases; everything DuckDB-specific lives in {@link DuckDbEngine}. */
interface StoreEngine {
  /** A connection that may only read; several processes may hold one at once where the engine allows it. */
  Connection openRead() throws SQLException;

  /**
   * {@link #openRead()} for a read that will send {@code sql} (null where unknown): an engine that queues reads for
   * its sessions may serve a read it expects to be short sooner.
   */
  default Connection openRead(String sql) throws SQLException {
    return openRead();
  }

  /** A connection that may write; at most one process holds one. */
  Connection openWrite() throws SQLException;

  /** Whether reads and writes need different connections (a file database shared between processes). */
  boolean separatesReadsFromWrites();

  /**
   * Whether readers go on reading the last committed state while a writer works (PostgreSQL), so neither
   * waits for the other; else a writer waits for this process's readers and they for it.
   */
  boolean readsWhileWriting();

  /** Appends rows to the table in the current transaction: a bulk load where the engine has one, else batched INSERTs. */
  RowWriter writer(Connection connection, String schema, String table, List<String> columns) throws SQLException;

  /**
   * Inserts a plain CSV file (UTF-8, header line, the given delimiter and column SQL types) with the
   * engine's own bulk reader; -1 when the engine has none. Callers validate the file themselves.
   */
  long bulkInsertCsv(Connection connection, String schema, String table, Path file, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException;

  /** Whether the exception says another process holds a conflicting lock. */
  boolean isLockConflict(SQLException e);

  /** Whether the database exists yet (a DuckDB file is created by its first writer). */
  boolean exists();

  /** Where the store is, for messages. */
  String describe();
}
