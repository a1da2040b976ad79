package org.marketingsql.pgwire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/**
 * One port server for a whole test class whose tests only read, registered on a static field: before the class's
 * first test it copies the hand-checked finance exports into a folder of its own and starts a
 * {@link TestServer#forClass} over them with these logins (the class's own home, so the exports are loaded into a
 * store once for all its tests); after the last test it stops the server and deletes the folder.
 * <pre>
 * &#64;RegisterExtension
 * static final ClassServer server = ClassServer.finance(TestServer.ALICE, TestServer.FIN);
 * try (Connection c = server.connect("fin", "f1n")) { … }
 * </pre>
 * A test that changes what the server holds for everyone (failed logins, which the throttle counts per address, its
 * limits, the store's rows, the server's life) starts a server of its own instead.
 */
final class ClassServer implements BeforeAllCallback, AfterAllCallback {
  private final List<TestServer.Login> logins;
  private Path folder;
  private TestServer server;

  private ClassServer(List<TestServer.Login> logins) {
    if (logins.isEmpty()) {
      throw new IllegalArgumentException("a class's server needs at least one login, e.g. TestServer.ALICE");
    }
    this.logins = List.copyOf(logins);
  }

  /** Over a copy of the finance exports, with these logins. */
  static ClassServer finance(TestServer.Login... logins) {
    return new ClassServer(List.of(logins));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    folder = Files.createTempDirectory("marketingsql-class-");
    try {
      server = TestServer.forClass("jdbc:marketing:csv=" + Fixtures.copy("finance", folder.resolve("exports")), folder,
          logins.toArray(TestServer.Login[]::new));
    } catch (Exception | Error e) {
      IsolatedHome.deleteTree(folder);
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      IsolatedHome.deleteTree(folder);
    }
  }

  private TestServer server() {
    if (server == null) {
      throw new IllegalStateException("the class's server is not running: register the ClassServer on a static field");
    }
    return server;
  }

  int port() {
    return server().port();
  }

  /** The running server itself, e.g. for its catalog. */
  PgServer pgServer() {
    return server().server;
  }

  /** The driver's URL over the exports the server reads. */
  String exportsUrl() {
    return "jdbc:marketing:csv=" + folder.resolve("exports");
  }

  /** pgJDBC logged in as alice. */
  Connection connect() throws SQLException {
    return server().connect();
  }

  /** pgJDBC logged in as this user, without TLS. */
  Connection connect(String user, String password) throws SQLException {
    return server().connect(user, password);
  }

  /** pgJDBC logged in as alice, in a session whose TimeZone is UTC. */
  Connection connectInUtc() throws SQLException {
    Connection connection = connect();
    try (Statement s = connection.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** pgJDBC logged in as alice, asking for results in binary from a statement's first execution. */
  Connection connectInBinary() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", TestServer.USER);
    p.setProperty("password", TestServer.PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("prepareThreshold", "-1");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/marketing", p);
  }

  RawPgClient raw(int timeoutMillis) throws IOException {
    return server().raw(timeoutMillis);
  }
}
