package org.marketingsql.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.testing.StoreFixture;

/**
 * A driver connection as an analyst who may read only {@code finance} has it, over a store fixture's exports with a
 * fiscal year that starts in January, opened on first use. Registered on a static field after the fixture, one
 * connection serves the class's tests and is closed after the last; on an instance field, each test opens its own,
 * closed after the test.
 * <pre>
 * &#64;RegisterExtension
 * static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
 * &#64;RegisterExtension
 * static final FinanceReader FINANCE = FinanceReader.over(FIXTURE);   // FINANCE.connection()
 * </pre>
 */
final class FinanceReader implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final StoreFixture fixture;
  /** Registered on a static field: one connection for the class. */
  private boolean perClass;
  private Connection connection;

  private FinanceReader(StoreFixture fixture) {
    this.fixture = Objects.requireNonNull(fixture, "fixture");
  }

  /** A reader of {@code finance} over this fixture's exports and store. */
  static FinanceReader over(StoreFixture fixture) {
    return new FinanceReader(fixture);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    close();
  }

  /** The connection, opened on first use over {@link #model()}. */
  Connection connection() throws SQLException {
    if (connection == null) {
      Properties p = new Properties();
      p.setProperty(AccessPolicy.PROPERTY, "finance");
      connection = DriverManager.getConnection("jdbc:marketing:model=" + model(), p);
    }
    return connection;
  }

  /** The model file the connection reads, beside the fixture's exports: for a second connection without the policy. */
  Path model() throws SQLException {
    Path model = fixture.exports().resolveSibling("model.json");
    try {
      return Files.writeString(model, fixture.model("\"fiscalYearStartMonth\": 1"));
    } catch (IOException e) {
      throw new SQLException("writing the finance reader's model " + model + " failed", e);
    }
  }

  private void close() throws SQLException {
    try (Connection open = connection) {
      connection = null;
    } catch (SQLException e) {
      throw new SQLException("closing the finance reader's connection over " + fixture + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "finance reader over " + fixture;
  }
}
