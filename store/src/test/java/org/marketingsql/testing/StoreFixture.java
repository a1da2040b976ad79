package org.marketingsql.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Run with {@code -Dmarketingsql.test.store=postgresql}, the store is a database of its own on one PostgreSQL
 * server shared by the whole test run ({@link PostgresCluster}, started on first use and stopped when the JVM
 * exits) instead of a DuckDB file: {@link #url()}, {@link #store()} and {@link #model} then reach that database,
 * so a test class written against the fixture runs on both stores. {@link #file()} and the driver's
 * {@link #csvUrl()} stay DuckDB's.
 */
public final class StoreFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** The system property that picks the database of the fixtures' stores: {@code duckdb} (the default) or {@code postgresql}. */
  public static final String STORE_PROPERTY = "marketingsql.test.store";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final String exportFixture;
  /** This fixture's database on the shared PostgreSQL server; null on DuckDB. */
  private String database;
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

  /** Whether the fixtures keep their stores on PostgreSQL in this run ({@value #STORE_PROPERTY}). */
  public static boolean onPostgresql() {
    String store = System.getProperty(STORE_PROPERTY, "duckdb").strip().toLowerCase(Locale.ROOT);
    return switch (store) {
      case "duckdb", "" -> false;
      case "postgresql" -> true;
      default -> throw new IllegalStateException(STORE_PROPERTY + " must be duckdb or postgresql, found '" + store + "'");
    };
  }

  private void make() throws IOException {
    folder = Files.createTempDirectory("marketingsql-store-");
    if (onPostgresql()) {
      database = "store_" + DATABASES.incrementAndGet();
      SharedPostgres.create(database);
    }
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
      if (database != null) {
        SharedPostgres.drop(database);
        database = null;
      }
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

  /** An inline Calcite model over the copied exports with this fixture's store ({@link Fixtures#model}). */
  public String model(String extraOperand) {
    return Fixtures.modelOn(exports(), storeOperand(url()), extraOperand);
  }

  /** Like {@link #model(String)}, with extra keys on the exports source, e.g. {@code "billing": "net_30"}. */
  public String model(String extraOperand, String extraSource) {
    return model(extraOperand).replace("\"type\": \"csv-folder\",", "\"type\": \"csv-folder\", " + extraSource + ",");
  }

  /**
   * An inline Calcite model over the copied exports with a second, empty store of this fixture named
   * {@code name} (a DuckDB file beside the first, or another PostgreSQL database), e.g. for other settings.
   */
  public String otherModel(String name, String extraOperand) {
    return Fixtures.modelOn(exports(), storeOperand(otherUrl(name)), extraOperand);
  }

  /** Like {@link #otherModel(String, String)}, with extra keys on the exports source. */
  public String otherModel(String name, String extraOperand, String extraSource) {
    return otherModel(name, extraOperand).replace("\"type\": \"csv-folder\",",
        "\"type\": \"csv-folder\", " + extraSource + ",");
  }

  /**
   * The store's JDBC URL ({@code jdbc:duckdb:<folder>/store.duckdb}, or the PostgreSQL database's URL with its
   * user as a parameter), for a second connection or a configuration.
   */
  public String url() {
    running(folder);
    return database == null ? "jdbc:duckdb:" + file() : SharedPostgres.url(database);
  }

  /** The URL of this fixture's second store {@code name}, made on first use. */
  private String otherUrl(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a store name is lower-case letters, digits and _, found '" + name + "'");
    }
    running(folder);
    if (database == null) {
      return "jdbc:duckdb:" + folder.resolve(name + ".duckdb");
    }
    String other = database + "_" + name;
    SharedPostgres.createIfMissing(other);
    return SharedPostgres.url(other);
  }

  /** The model's {@code store} value: a DuckDB URL as a string, a PostgreSQL store as the object the configuration takes. */
  private static String storeOperand(String url) {
    return url.startsWith("jdbc:postgresql:")
        ? "{\"url\": \"" + url + "\", \"user\": \"" + SharedPostgres.USER + "\"}"
        : "\"" + url.replace("\\", "/") + "\"";
  }

  /** The store's DuckDB file (on DuckDB runs). */
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

  /**
   * The one PostgreSQL server of a test run on PostgreSQL: started on first use, a database per store, stopped
   * when the JVM exits. Logins need no password (the server listens on 127.0.0.1 only), so a store's URL carries
   * just its user.
   */
  private static final class SharedPostgres {
    static final String USER = "postgres";
    private static PostgresCluster cluster;

    private SharedPostgres() {
    }

    private static synchronized PostgresCluster cluster() {
      if (cluster == null) {
        PostgresCluster started = PostgresCluster.trust();
        try {
          started.start();
        } catch (IOException e) {
          throw new IllegalStateException("starting the test run's PostgreSQL server failed", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("starting the test run's PostgreSQL server was interrupted", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException | InterruptedException e) {
            // the JVM is exiting: the temporary folder is all that can be left behind
          }
        }, "stop test PostgreSQL"));
        cluster = started;
      }
      return cluster;
    }

    static String url(String database) {
      return cluster().url(database) + "?user=" + USER;
    }

    static void create(String database) {
      execute("CREATE DATABASE \"" + database + "\"", database);
    }

    static void createIfMissing(String database) {
      try (Connection c = cluster().connection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) {
          return;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("looking for database " + database + " on the test PostgreSQL server failed", e);
      }
      create(database);
    }

    /** Drops the database and the other stores made beside it; FORCE ends connections a test left open. */
    static void drop(String database) {
      try (Connection c = cluster().connection(); Statement s = c.createStatement()) {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname = '" + database
            + "' OR datname LIKE '" + database + "\\_%'")) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        for (String name : names) {
          s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        }
      } catch (SQLException e) {
        throw new IllegalStateException("dropping database " + database + " on the test PostgreSQL server failed", e);
      }
    }

    private static void execute(String sql, String database) {
      try (Connection c = cluster().connection(); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + " on the test PostgreSQL server failed for " + database, e);
      }
    }
  }
}
