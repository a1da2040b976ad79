package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** The PostgreSQL port's query log: who, from where, what, how many rows, how long; refusals; no values unless asked. */
@ExtendWith(IsolatedHome.class)
class QueryLogLinesTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  final PrintStream stderr = System.err;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    // slf4j-simple writes to System.err as it is at the time of each line
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(stderr);
  }

  List<String> lines() {
    assertTrue(org.marketingsql.audit.QueryLogQueue.queries().drain(java.time.Duration.ofSeconds(10)), "the query log drains");
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("pgwire.queries")).toList();
  }

  PgServer start(boolean logParameters) throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("fin", ScramVerifier.create("f1n".toCharArray(), new SecureRandom()), List.of("finance")));
    String jdbcUrl = fixture.csvUrl();
    return PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 0).withLogParameters(logParameters));
  }

  Connection connect(PgServer server) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "fin");
    p.setProperty("password", "f1n");
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
  }

  void runBoundAndRefused(PgServer server) throws SQLException {
    try (Connection c = connect(server)) {
      try (PreparedStatement ps = c.prepareStatement("select order_id from finance.orders where customer_id = ?")) {
        ps.setString(1, "c-secret-42");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      }
      assertEquals("42501", assertThrows(SQLException.class,
          () -> c.createStatement().executeQuery("select * from exports.orders")).getSQLState());
    }
  }

  @Test
  void aBoundStatementIsLoggedWithItsPlaceholdersAndARefusalWithItsReason() throws Exception {
    try (PgServer server = start(false)) {
      runBoundAndRefused(server);
    }
    String bound = lines().stream().filter(l -> l.contains("finance.orders where customer_id")).findFirst().orElseThrow();
    assertTrue(bound.contains("user=fin") && bound.contains("address=127.0.0.1") && bound.contains("rows=0")
        && bound.contains(" ms="), bound);
    assertTrue(bound.contains("customer_id = $1"), bound);
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("c-secret-42"), "no parameter value anywhere in the log");
    String refused = lines().stream().filter(l -> l.contains("exports.orders")).findFirst().orElseThrow();
    assertTrue(refused.contains("user=fin") && refused.contains("refused=[42501] permission denied for schema exports"),
        refused);
  }

  @Test
  void parameterValuesAreLoggedWhenTheServerIsAskedTo() throws Exception {
    try (PgServer server = start(true)) {
      runBoundAndRefused(server);
    }
    assertTrue(lines().stream().anyMatch(l -> l.contains("c-secret-42")), lines().toString());
  }
}
