package org.marketingsql.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** A store on a database server reached by JDBC (PostgreSQL for a team); writes by batched INSERT. */
final class JdbcEngine implements StoreEngine {
  private static final int BATCH = 5_000;
  private final String url;

  JdbcEngine(String url) {
    this.url = url;
  }

  @Override
  public Connection openRead() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public Connection openWrite() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public boolean separatesReadsFromWrites() {
    return false;
  }

  @Override
  public boolean readsWhileWriting() {
    return false;
  }

  @Override
  public RowWriter writer(Connection connection, String schema, String table, List<String> columns) throws SQLException {
    String sql = "INSERT INTO " + Sql.quote(schema) + "." + Sql.quote(table) + " VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    PreparedStatement insert = connection.prepareStatement(sql);
    return new RowWriter() {
      private int pending;

      @Override
      public void write(Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.addBatch();
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }

      @Override
      public void close() throws SQLException {
        try {
          if (pending > 0) {
            insert.executeBatch();
          }
        } finally {
          insert.close();
        }
      }
    };
  }

  @Override
  public long bulkInsertCsv(Connection connection, String schema, String table, Path file,
      char delimiter, List<String> columns, List<String> sqlTypes) {
    return -1;
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
    int credentials = url.indexOf('?');
    return "store " + (credentials < 0 ? url : url.substring(0, credentials));
  }
}
