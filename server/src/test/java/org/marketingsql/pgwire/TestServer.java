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
import java.util.Properties;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** A server over test data with user alice (password s3cret) and the limits a test asks for. */
final class TestServer implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "s3cret";
  final PgServer server;

  private TestServer(PgServer server) {
    this.server = server;
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
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User(USER, ScramVerifier.create(PASSWORD.toCharArray(), new SecureRandom()), List.of("*")));
    return new TestServer(PgServer.start(new PgServerSettings("jdbc:marketing:csv=" + exports, "127.0.0.1", 0, users, 50)
        .withLimits(limits)));
  }

  int port() {
    return server.port();
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
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
    server.close();
  }
}
