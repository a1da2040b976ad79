package org.marketingsql.pgwire;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;
import org.marketingsql.tls.TestKeystore;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** With a keystore the server answers SSLRequest with 'S', runs TLS, and refuses clients in the clear. */
@ExtendWith(IsolatedHome.class)
class TlsTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  static final TestKeystore KEYS = new TestKeystore();
  PgServer server;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    String jdbcUrl = fixture.csvUrl();
    server = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 0).withTls(KEYS.tls()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Connection connect(String sslmode) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", sslmode);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
  }

  @Test
  void aClientAskingForTlsGetsItAndQueries() throws Exception {
    try (Connection c = connect("require"); ResultSet rs = c.createStatement().executeQuery("select count(*) from finance.orders")) {
      assertTrue(rs.next());
      assertEquals(5, rs.getInt(1));
    }
  }

  @Test
  void aClientInTheClearIsRefused() {
    SQLException e = assertThrows(SQLException.class, () -> connect("disable").close());
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("requires TLS"), e.getMessage());
  }

  @Test
  void bytesSentAfterTheSslRequestAndBeforeTheHandshakeCloseTheConnectionUnread() throws Exception {
    // a man in the middle would append a startup message in the clear (the pattern of CVE-2021-23214)
    byte[] sslRequest = RawPgClient.untyped(ByteBuffer.allocate(4).putInt(80877103).array());
    byte[] startup = RawPgClient.startupMessage("alice");
    byte[] both = Arrays.copyOf(sslRequest, sslRequest.length + startup.length);
    System.arraycopy(startup, 0, both, sslRequest.length, startup.length);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(both);
      socket.getOutputStream().flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      assertTrue(answer.length > 0 && answer[0] == 'E', "answered " + HexFormat.of().formatHex(answer));
      String text = new String(answer, StandardCharsets.UTF_8);
      assertTrue(text.contains("08P01") && text.contains("unencrypted data after SSL request"), text);
    }
    try (Connection c = connect("require")) {
      assertTrue(c.isValid(5));
    }
  }

  @Test
  void onlyTls12AndNewerAreOffered() {
    javax.net.ssl.SSLEngine engine = KEYS.tls().context().newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
    assertEquals(Set.of("TLSv1.2", "TLSv1.3"), Set.of(engine.getEnabledProtocols()));
  }
}
