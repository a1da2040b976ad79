package org.marketingsql.pgwire;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * A PostgreSQL-protocol server on a free port of 127.0.0.1 for a port test: a users file with the logins asked for
 * (user alice, password s3cret, by default), the store's JDBC URL and the limits a test asks for; {@link #connect}
 * logs in with pgJDBC, {@link #close} stops it.
 * <pre>
 * server = TestServer.over(fixture.csvUrl(), temp, TestServer.ALICE, TestServer.FIN);
 * try (Connection c = server.connect("fin", "f1n")) { … }
 * </pre>
 * It does not read the catalog ahead at start as {@code serve} does (on the {@code catalog-reader} thread), so that
 * the read does not compete for the machine with a test's first statements: the first session that asks reads it.
 * {@code -Dmarketingsql.test.catalogReadAhead=true} starts these servers with the read ahead, as {@code serve} does.
 */
final class TestServer implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret";
  /** alice, who reads every schema. */
  static final Login ALICE = new Login(USER, PASSWORD, List.of("*"));
  /** fin (password f1n), who reads only finance. */
  static final Login FIN = new Login("fin", "f1n", List.of("finance"));
  final PgServer server;
  /** For a class's server: the home before it, given back on close; null otherwise. */
  private final Optional<String> homeBefore;
  /** The system property that makes these servers read the catalog ahead at start, as {@code serve} does. */
  static final String READ_AHEAD = "marketingsql.test.catalogReadAhead";

  /** A user of the server's users file: name, password and the schemas granted. */
  record Login(String user, String password, List<String> schemas) {
    Login {
      if (user == null || user.isBlank() || password == null || password.isEmpty()) {
        throw new IllegalArgumentException("a login needs a user and a password: " + user);
      }
      schemas = List.copyOf(schemas);
    }
  }

  private TestServer(PgServer server) {
    this(server, null);
  }

  private TestServer(PgServer server, Optional<String> homeBefore) {
    this.server = server;
    this.homeBefore = homeBefore;
  }

  /** Over the hand-checked finance export folder. */
  static TestServer finance(Path temp, PgLimits limits) throws Exception {
    return start(temp, Fixtures.copy("finance", temp.resolve("exports")), limits);
  }

  /** Over {@code rows} orders, enough for a cross join that runs long or returns without end. */
  static TestServer bigOrders(Path temp, int rows, PgLimits limits) throws Exception {
    Path folder = Files.createDirectories(temp.resolve("big"));
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("orders.csv"))) {
      out.write("order_id,customer_id,order_date,amount,currency\n");
      for (int i = 0; i < rows; i++) {
        out.write("o" + i + ",c" + (i % 5000) + ",2025-01-0" + (1 + i % 9) + ",10.00,USD\n");
      }
    }
    return start(temp, folder, limits);
  }

  private static TestServer start(Path temp, Path exports, PgLimits limits) throws Exception {
    return start("jdbc:marketing:csv=" + exports, temp, limits, List.of(ALICE));
  }

  /** Over a store's JDBC URL with the default limits and these logins, in {@code temp/users}. */
  static TestServer over(String jdbcUrl, Path temp, Login... logins) throws Exception {
    return start(jdbcUrl, temp, PgLimits.defaults(), List.of(logins));
  }

  /**
   * One server for a whole test class whose tests only read, started in {@code @BeforeAll} and closed in
   * {@code @AfterAll}: the class gets a home of its own in {@code temp/home} while it runs (as {@code IsolatedHome}
   * gives one to each test), so the store of the exports is loaded once for all its tests.
   */
  static TestServer forClass(String jdbcUrl, Path temp, Login... logins) throws Exception {
    Optional<String> before = Optional.ofNullable(System.setProperty("marketingsql.home",
        Files.createDirectories(temp.resolve("home")).toString()));
    try {
      return new TestServer(start(jdbcUrl, temp, PgLimits.defaults(), List.of(logins)).server, before);
    } catch (Exception | Error e) {
      restoreHome(before);
      throw e;
    }
  }

  private static void restoreHome(Optional<String> before) {
    before.ifPresentOrElse(home -> System.setProperty("marketingsql.home", home),
        () -> System.clearProperty("marketingsql.home"));
  }

  private static TestServer start(String jdbcUrl, Path temp, PgLimits limits, List<Login> logins) throws Exception {
    Path users = temp.resolve("users");
    UsersFile file = new UsersFile(users);
    for (Login login : logins) {
      file.add(new User(login.user(), ScramVerifier.create(login.password().toCharArray(), new SecureRandom()),
          login.schemas()));
    }
    return new TestServer(PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 50).withLimits(limits),
        org.marketingsql.users.LoginThrottle.standard(), Boolean.getBoolean(READ_AHEAD)));
  }

  int port() {
    return server.port();
  }

  /** pgJDBC logged in as alice. */
  Connection connect() throws SQLException {
    return connect(USER, PASSWORD);
  }

  /** pgJDBC logged in as this user, without TLS. */
  Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/marketing", p);
  }

  RawPgClient raw(int timeoutMillis) throws IOException {
    return new RawPgClient(port(), timeoutMillis);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      if (homeBefore != null) {
        restoreHome(homeBefore);
      }
    }
  }
}
