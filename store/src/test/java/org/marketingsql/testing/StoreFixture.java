package org.marketingsql.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marketingsql.store.Store;

/**
 * A store for a test: a folder of its own, made before each test and deleted after it, holding the
 * DuckDB file ({@link #store()} opens it on first use) and, when asked, export fixtures copied into
 * {@code exports}; a driver connection over those exports ({@link #connection()}) or a Calcite model
 * over them ({@link #model}). What was opened is closed after the test. Registered on a static field, the
 * fixture is made once before the class's first test and deleted after its last, for tests that only read.
 * <pre>
 * &#64;RegisterExtension
 * final StoreFixture fixture = StoreFixture.duckDb();               // fixture.store(), fixture.url()
 * final StoreFixture fixture = StoreFixture.withExports("finance"); // fixture.csvUrl(), fixture.connection()
 * </pre>
 */
public final class StoreFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final String exportFixture;
  /** Registered on a static field: made once for the class. */
  private boolean perClass;
  private Path folder;
  private Store store;
  private Connection connection;

  private StoreFixture(String exportFixture) {
    this.exportFixture = exportFixture;
  }

  /** An empty store. */
  public static StoreFixture duckDb() {
    return new StoreFixture(null);
  }

  /** An empty store, and the fixture folder {@code src/test/resources/fixtures/<name>} copied to {@link #exports()}. */
  public static StoreFixture withExports(String fixture) {
    if (fixture == null || fixture.isBlank()) {
      throw new IllegalArgumentException("name the fixture folder to copy, e.g. finance");
    }
    return new StoreFixture(fixture);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    perClass = true;
    make();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    delete();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      make();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (!perClass) {
      delete();
    }
  }

  private void make() throws IOException {
    folder = Files.createTempDirectory("marketingsql-store-");
    if (exportFixture != null) {
      Fixtures.copy(exportFixture, exports());
    }
  }

  private void delete() throws IOException {
    try (Store opened = store; Connection open = connection) {
      store = null;
      connection = null;
    } catch (SQLException e) {
      throw new IllegalStateException("closing the test's connection to " + csvUrl() + " failed", e);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The store, opened on first use. */
  public Store store() {
    if (store == null) {
      store = Store.open(url());
    }
    return store;
  }

  /** The driver's URL over the copied exports, {@code jdbc:marketing:csv=<exports>}. */
  public String csvUrl() {
    return "jdbc:marketing:csv=" + exports();
  }

  /** A driver connection over the copied exports, opened on first use (the driver must be on the test's class path). */
  public Connection connection() throws SQLException {
    if (connection == null) {
      connection = DriverManager.getConnection(csvUrl());
    }
    return connection;
  }

  /** An inline Calcite model over the copied exports with its store in this folder ({@link Fixtures#model}). */
  public String model(String extraOperand) {
    return Fixtures.model(exports(), file(), extraOperand);
  }

  /** The store's JDBC URL ({@code jdbc:duckdb:<folder>/store.duckdb}), for a second connection or a configuration. */
  public String url() {
    return "jdbc:duckdb:" + file();
  }

  /** The store's DuckDB file. */
  public Path file() {
    return running(folder).resolve("store.duckdb");
  }

  /** The folder the export fixture was copied to. */
  public Path exports() {
    return running(folder).resolve("exports");
  }

  private <T> T running(T value) {
    if (value == null) {
      throw new IllegalStateException("the store fixture is only there during a test; register it with @RegisterExtension");
    }
    return value;
  }

  @Override
  public String toString() {
    return "store fixture" + (exportFixture == null ? "" : " with exports " + exportFixture);
  }
}
