package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * Logins over the PostgreSQL protocol under attack: parallel guesses, guesses spread over addresses
 * (each test connects from its own loopback addresses, 127.0.0.0/8 all being this machine), and the
 * SCRAM salt a user name that does not exist is shown.
 */
@ExtendWith(IsolatedHome.class)
class PgLoginTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  PgServer server;
  String url;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    for (String name : List.of("alice", "bob", "carol")) {
      new UsersFile(users).add(new User(name, ScramVerifier.create((name + "-pw").toCharArray(), new SecureRandom()),
          List.of("*")));
    }
    String jdbcUrl = fixture.csvUrl();
    // room for the 150 parallel logins below: the throttle is tested here, max_connections in PgConnectionLimitTest
    server = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 50)
        .withLimits(PgLimits.defaults().withMaxConnections(200).withMaxConnectionsPerUser(200)));
    url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Connection connect(String from, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    p.setProperty("localSocketAddress", from);
    p.setProperty("connectTimeout", "120");
    p.setProperty("loginTimeout", "120");
    return DriverManager.getConnection(url, p);
  }

  /** The SQLSTATE of a login, "ok" when it succeeded. */
  String login(String from, String user, String password) {
    try (Connection c = connect(from, user, password)) {
      return "ok";
    } catch (SQLException e) {
      if ("28000".equals(e.getSQLState())) {
        assertTrue(e.getMessage().contains("too many failed logins"), e.getMessage());
      }
      return e.getSQLState();
    }
  }

  /** Runs {@code n} logins at once; the count of each outcome. */
  Map<String, Long> parallel(int n, Function<Integer, Callable<String>> login) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Callable<String> one = login.apply(i);
        outcomes.add(pool.submit(() -> {
          go.await();
          return one.call();
        }));
      }
      go.countDown();
      List<String> results = new ArrayList<>();
      for (Future<String> f : outcomes) {
        results.add(f.get(3, TimeUnit.MINUTES));
      }
      return results.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDatabaseOtherThanMarketingIsRefusedAsPostgresqlRefusesOneThatDoesNotExist() {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "alice-pw");
    p.setProperty("sslmode", "disable");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/sales", p).close());
    assertEquals("3D000", e.getSQLState());
    assertTrue(e.getMessage().contains("database \"sales\" does not exist"), e.getMessage());
  }

  @Test
  void withoutADatabaseNameTheUserNameIsTheDatabaseAsInPostgresql() {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "alice-pw");
    p.setProperty("sslmode", "disable");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/", p).close());
    assertEquals("3D000", e.getSQLState());
    assertTrue(e.getMessage().contains("database \"alice\" does not exist"), e.getMessage());
  }

  @Test
  void aWrongPasswordIsToldBeforeAnUnknownDatabase() {
    Properties p = new Properties();
    p.setProperty("user", "carol");
    p.setProperty("password", "wrong");
    p.setProperty("sslmode", "disable");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/sales", p).close());
    assertEquals("28P01", e.getSQLState());
  }

  @Test
  void thirtyParallelWrongPasswordsFromOneAddressGetFiveTriesAndTheRestAreRefusedUnchecked() throws Exception {
    Map<String, Long> outcomes = parallel(30, i -> () -> login("127.0.0.2", "alice", "guess" + i));
    assertEquals(Map.of("28P01", 5L, "28000", 25L), outcomes);
  }

  @Test
  void parallelWrongPasswordsForOneUserFromManyAddressesGetFiveTries() throws Exception {
    Map<String, Long> outcomes = parallel(30, i -> () -> login("127.0.1." + (i + 1), "bob", "guess" + i));
    assertEquals(Map.of("28P01", 5L, "28000", 25L), outcomes);
    assertEquals("28000", login("127.0.1.200", "bob", "bob-pw"), "bob is refused even with his password, unchecked");
    assertEquals("ok", login("127.0.1.200", "carol", "carol-pw"), "another user from a fresh address is not");
  }

  @Test
  void aSuccessfulLoginOfAnotherUserFromTheSameAddressDoesNotClearItsFailures() {
    for (int i = 0; i < 4; i++) {
      assertEquals("28P01", login("127.0.2.1", "alice", "guess" + i));
    }
    assertEquals("ok", login("127.0.2.1", "carol", "carol-pw"));
    assertEquals("28P01", login("127.0.2.1", "alice", "guess4"));
    assertEquals("28000", login("127.0.2.1", "carol", "carol-pw"));
  }

  @Test
  void aSuccessfulLoginClearsItsOwnUsersFailuresFromOtherAddresses() {
    for (int i = 0; i < 4; i++) {
      assertEquals("28P01", login("127.0.3." + (i + 1), "alice", "guess" + i));
    }
    assertEquals("ok", login("127.0.3.10", "alice", "alice-pw"));
    for (int i = 0; i < 4; i++) {
      assertEquals("28P01", login("127.0.3." + (i + 20), "alice", "guess" + i));
    }
    assertEquals("ok", login("127.0.3.30", "alice", "alice-pw"));
  }

  @Test
  void manyParallelCorrectLoginsFromOneAddressAllSucceed() throws Exception {
    Map<String, Long> outcomes = parallel(150, i -> () -> login("127.0.4.1", i % 2 == 0 ? "alice" : "bob",
        i % 2 == 0 ? "alice-pw" : "bob-pw"));
    assertEquals(Map.of("ok", 150L), outcomes);
  }

  @Test
  void anUnknownUserIsShownTheSameSaltOnEveryTryOfTheLengthAndIterationsOfARealUser() throws Exception {
    String[] mallory = serverFirst("127.0.5.1", "mallory");
    String[] again = serverFirst("127.0.5.2", "mallory");
    String[] alice = serverFirst("127.0.5.3", "alice");
    String[] aliceAgain = serverFirst("127.0.5.4", "alice");
    String[] trudy = serverFirst("127.0.5.5", "trudy");
    assertEquals(mallory[0], again[0]);
    assertEquals(alice[0], aliceAgain[0]);
    assertEquals(alice[1], mallory[1], "iterations");
    assertEquals(Base64.getDecoder().decode(alice[0]).length, Base64.getDecoder().decode(mallory[0]).length);
    assertFalse(mallory[0].equals(trudy[0]));
  }

  @Test
  void anUnknownUsersSaltIsTheSameAfterARestart() throws Exception {
    String[] before = serverFirst("127.0.6.1", "mallory");
    server.close();
    server = PgServer.start(new PgServerSettings("jdbc:marketing:csv=" + temp.resolve("exports"), "127.0.0.1", 0,
        temp.resolve("users"), 50));
    url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
    assertArrayEquals(before, serverFirst("127.0.6.2", "mallory"));
  }

  @Test
  void leavingBeforeTheProofCountsAsNoFailure() throws Exception {
    for (int i = 0; i < 12; i++) {
      serverFirst("127.0.7.1", "alice");
    }
    assertEquals("ok", login("127.0.7.1", "alice", "alice-pw"));
  }

  /**
   * Starts a SCRAM exchange by hand and leaves after the server's first message; its salt and
   * iteration count.
   */
  String[] serverFirst(String from, String user) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port(), InetAddress.getByName(from), 0)) {
      socket.setSoTimeout(30_000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] params = ("user\0" + user + "\0database\0marketing\0\0").getBytes(StandardCharsets.UTF_8);
      out.writeInt(8 + params.length);
      out.writeInt(196608);
      out.write(params);
      out.flush();
      byte[] sasl = message(in, 'R');
      assertEquals(10, ByteBuffer.wrap(sasl).getInt(), "AuthenticationSASL");
      byte[] mechanism = "SCRAM-SHA-256\0".getBytes(StandardCharsets.US_ASCII);
      byte[] clientFirst = "n,,n=,r=abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.US_ASCII);
      out.writeByte('p');
      out.writeInt(4 + mechanism.length + 4 + clientFirst.length);
      out.write(mechanism);
      out.writeInt(clientFirst.length);
      out.write(clientFirst);
      out.flush();
      byte[] cont = message(in, 'R');
      assertEquals(11, ByteBuffer.wrap(cont).getInt(), "AuthenticationSASLContinue");
      String first = new String(cont, 4, cont.length - 4, StandardCharsets.UTF_8);
      Map<String, String> attrs = Arrays.stream(first.split(",")).collect(Collectors.toMap(a -> a.substring(0, 1),
          a -> a.substring(2)));
      return new String[] {attrs.get("s"), attrs.get("i")};
    }
  }

  private static byte[] message(DataInputStream in, char expected) throws IOException {
    char type = (char) in.readByte();
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    assertEquals(expected, type, () -> "message " + type + ": " + new String(body, StandardCharsets.UTF_8));
    return body;
  }
}
