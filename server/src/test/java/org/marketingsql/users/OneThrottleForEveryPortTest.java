package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.avatica.AvaticaServer;
import org.marketingsql.avatica.AvaticaServerSettings;
import org.marketingsql.pgwire.PgServer;
import org.marketingsql.pgwire.PgServerSettings;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** Guesses over Avatica's BASIC count against the PostgreSQL port too, as serve shares one throttle. */
@ExtendWith(IsolatedHome.class)
class OneThrottleForEveryPortTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  PgServer pg;
  AvaticaServer avatica;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    for (String name : List.of("alice", "bob", "carol")) {
      new UsersFile(users).add(new User(name, ScramVerifier.create((name + "-pw").toCharArray(), new SecureRandom()),
          List.of("*")));
    }
    String jdbcUrl = fixture.csvUrl();
    LoginThrottle throttle = LoginThrottle.standard();
    pg = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 0), throttle);
    avatica = AvaticaServer.start(AvaticaServerSettings.defaults(jdbcUrl, users).withPort(0)
        .withFailedLoginDelayMillis(0), throttle);
  }

  @AfterEach
  void stop() {
    avatica.close();
    pg.close();
  }

  int basic(String from, String user, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().localAddress(InetAddress.getByName(from)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + avatica.port() + "/"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
            .getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  String pgLogin(String from, String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    p.setProperty("localSocketAddress", from);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/marketing", p)) {
      return "ok";
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  @Test
  void parallelBasicGuessesFillTheAddressAndTheUserNameForThePostgresqlPortToo() throws Exception {
    List<CompletableFuture<Integer>> guesses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String guess = "guess" + i;
      guesses.add(CompletableFuture.supplyAsync(() -> {
        try {
          return basic("127.0.8.1", "alice", guess);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<Integer> g : guesses) {
      assertEquals(401, g.get(2, TimeUnit.MINUTES));
    }
    assertEquals("28000", pgLogin("127.0.8.1", "bob", "bob-pw"), "the address is full");
    assertEquals("28000", pgLogin("127.0.8.2", "alice", "alice-pw"), "so is the user name");
    assertEquals("ok", pgLogin("127.0.8.2", "carol", "carol-pw"));
    assertEquals(401, basic("127.0.8.2", "alice", "alice-pw"), "refused unchecked over BASIC as well");
  }
}
