package org.marketingsql.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

/**
 * An embedded DuckDB file (or memory) database. A DuckDB file is locked by the process that opens
 * it: one writer, or any number of read-only readers, so readers open it read-only.
 */
final class DuckDbEngine implements StoreEngine {
  private final String url;
  private final Path file;

  DuckDbEngine(String url) {
    this.url = url;
    String location = url.substring("jdbc:duckdb:".length());
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    this.file = location.isEmpty() || location.startsWith(":memory:") ? null : Path.of(location);
  }

  static boolean accepts(String url) {
    return url.startsWith("jdbc:duckdb:");
  }

  @Override
  public Connection openRead() throws SQLException {
    if (file == null) {
      return openWrite();
    }
    Properties properties = new Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DuckDbConnections.open(url, properties);
  }

  @Override
  public Connection openWrite() throws SQLException {
    if (file != null && file.getParent() != null) {
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new SQLException("cannot create the folder of store " + file, e);
      }
    }
    return DuckDbConnections.open(url, new Properties());
  }

  @Override
  public boolean separatesReadsFromWrites() {
    return file != null;
  }

  @Override
  public boolean readsWhileWriting() {
    return false;
  }

  @Override
  public RowWriter writer(Connection connection, String schema, String table, List<String> columns) throws SQLException {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    Path folder = file != null && file.toAbsolutePath().getParent() != null ? file.toAbsolutePath().getParent() : temp;
    try {
      DuckDbPaths.exact(folder.resolve("load.csv"));
    } catch (IllegalArgumentException e) {
      folder = temp; // DuckDB could not be told to read a file there by name
    }
    return new CopyWriter(connection, schema, table, folder);
  }

  @Override
  public long bulkInsertCsv(Connection connection, String schema, String table, Path csv, char delimiter,
      List<String> columns, List<String> sqlTypes) throws SQLException {
    StringBuilder types = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      types.append(i == 0 ? "" : ", ").append(Sql.literal(columns.get(i))).append(": ").append(Sql.literal(sqlTypes.get(i)));
    }
    String path;
    try {
      path = DuckDbPaths.exact(csv);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), e); // the caller loads the file row by row instead
    }
    // the path is the file's own, never a pattern: a file named spend[1].csv must not read spend1.csv
    String sql = "INSERT INTO " + Sql.quote(schema) + "." + Sql.quote(table) + " SELECT * FROM read_csv("
        + Sql.literal(path) + ", header = true, delim = " + Sql.literal(String.valueOf(delimiter))
        + ", quote = '\"', escape = '\"', auto_detect = false, strict_mode = true, dateformat = '%Y-%m-%d',"
        + " columns = {" + types + "})";
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  @Override
  public boolean isLockConflict(SQLException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("Could not set lock") || message.contains("Conflicting lock");
  }

  @Override
  public boolean exists() {
    return file == null || Files.exists(file);
  }

  @Override
  public String describe() {
    return file == null ? "in-memory DuckDB store" : "DuckDB store " + file;
  }
}
