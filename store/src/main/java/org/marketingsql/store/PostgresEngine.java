package org.marketingsql.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.marketingsql.config.StoreLogin;
import org.postgresql.PGConnection;

/**
 * A store on a PostgreSQL server, shared by every node that names it. The configuration's login travels as
 * connection properties, never in the URL (the configuration refuses a URL with a password; a test's URL may
 * carry its login as parameters), and no message shows the URL's parameters or the password. Every connection reads and writes;
 * readers never wait for a writer, as each statement reads the last committed state. Bulk loads go
 * through {@code COPY ... FROM STDIN}.
 */
final class PostgresEngine implements StoreEngine {
  static final String PREFIX = "jdbc:postgresql:";
  /** lock_not_available, serialization_failure, deadlock_detected: the statement may succeed when retried. */
  private static final Set<String> CONFLICTS = Set.of("55P03", "40001", "40P01");
  private final String url;
  private final StoreLogin login;

  PostgresEngine(String url, StoreLogin login) {
    Objects.requireNonNull(url, "url");
    if (!accepts(url)) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + withoutParameters(url));
    }
    this.url = url;
    this.login = login;
  }

  static boolean accepts(String url) {
    return url.startsWith(PREFIX);
  }

  @Override
  public Connection openRead() throws SQLException {
    return open();
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
    Properties properties = new Properties();
    if (login != null) {
      properties.setProperty("user", login.user());
      if (login.password() != null) {
        properties.setProperty("password", login.password().reveal());
      }
    }
    properties.setProperty("ApplicationName", "marketing-sql");
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
}
