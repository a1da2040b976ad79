package org.marketingsql.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * What the store knows of one loaded file or synced table: where it came from, which finance input
 * it is, and whether its last load succeeded (with the error if not).
 *
 * @param inputKind the finance input the header was recognised as, or null for a generic table
 * @param status {@code ok} or {@code failed}
 */
public record LoadState(
    String sourceName,
    String tableName,
    String filePath,
    long fileSize,
    long fileModified,
    String fileHash,
    String inputKind,
    String status,
    String error,
    Long rowCount,
    String columns,
    LocalDateTime loadedAt,
    LocalDateTime lastSuccess) {

  public LoadState {
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(filePath, "filePath");
    Objects.requireNonNull(status, "status");
    if (!status.equals("ok") && !status.equals("failed")) {
      throw new IllegalArgumentException("status is ok or failed, not " + status);
    }
  }

  public boolean failed() {
    return status.equals("failed");
  }

  public LoadState withFile(long size, long modified, String hash) {
    return withFile(filePath, size, modified, hash);
  }

  /** The same load under another name of the file (e.g. relative to its folder instead of absolute). */
  public LoadState withFile(String path, long size, long modified, String hash) {
    return new LoadState(sourceName, tableName, path, size, modified, hash, inputKind, status, error, rowCount,
        columns, loadedAt, lastSuccess);
  }

  private static final String COLUMNS = "\"source_name\", \"table_name\", \"file_path\", \"file_size\", "
      + "\"file_modified\", \"file_hash\", \"input_kind\", \"status\", \"error\", \"row_count\", \"columns\", "
      + "\"loaded_at\", \"last_success\"";

  /** Every table of one source. */
  public static List<LoadState> forSource(Handle handle, String source) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM \"_marketing\".\"load_state\" WHERE \"source_name\" = ?"
            + " ORDER BY \"table_name\"")
        .bind(0, source).map((rs, ctx) -> read(rs)).list();
  }

  /** Every table of every source. */
  public static List<LoadState> all(Handle handle) {
    return handle.createQuery("SELECT " + COLUMNS + " FROM \"_marketing\".\"load_state\""
            + " ORDER BY \"source_name\", \"table_name\"")
        .map((rs, ctx) -> read(rs)).list();
  }

  public static void save(Handle handle, LoadState s) {
    delete(handle, s.sourceName, s.tableName);
    handle.createUpdate("INSERT INTO \"_marketing\".\"load_state\" (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(0, s.sourceName).bind(1, s.tableName).bind(2, s.filePath).bind(3, s.fileSize).bind(4, s.fileModified)
        .bind(5, s.fileHash).bind(6, s.inputKind).bind(7, s.status).bind(8, s.error).bind(9, s.rowCount)
        .bind(10, s.columns).bind(11, s.loadedAt).bind(12, s.lastSuccess).execute();
  }

  public static void delete(Handle handle, String source, String table) {
    handle.createUpdate("DELETE FROM \"_marketing\".\"load_state\" WHERE \"source_name\" = ? AND \"table_name\" = ?")
        .bind(0, source).bind(1, table).execute();
  }

  private static LoadState read(ResultSet rs) throws SQLException {
    return new LoadState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), (Long) rs.getObject(10, Long.class),
        rs.getString(11), rs.getObject(12, LocalDateTime.class), rs.getObject(13, LocalDateTime.class));
  }
}
