package org.marketingsql.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * Opens DuckDB connections through DuckDB's driver class itself rather than {@code DriverManager}. A BI tool loads the
 * Marketing SQL driver jar in a class loader of its own, which neither its threads' context class loader (where
 * {@code DriverManager} looks for drivers) nor the class loader of an already registered DuckDB driver is: there
 * {@code DriverManager} finds no driver it may hand out for {@code jdbc:duckdb:} URLs.
 */
final class DuckDbConnections {
  private static final Driver DRIVER = new DuckDBDriver();

  private DuckDbConnections() {
  }

  /** A new connection to the DuckDB database at {@code url} ({@code jdbc:duckdb:…}), with these properties. */
  static Connection open(String url, Properties properties) throws SQLException {
    Objects.requireNonNull(properties, "properties");
    Connection connection = DRIVER.connect(Objects.requireNonNull(url, "url"), properties);
    if (connection == null) {
      throw new SQLException("not a DuckDB URL: " + url);
    }
    return connection;
  }
}
