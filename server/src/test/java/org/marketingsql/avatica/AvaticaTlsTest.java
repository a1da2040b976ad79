package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
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

/** With a keystore the Avatica server speaks HTTPS only, with the same PKCS#12 file the PostgreSQL side uses. */
@ExtendWith(IsolatedHome.class)
class AvaticaTlsTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  static final TestKeystore KEYS = new TestKeystore();
  AvaticaServer server;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    String jdbcUrl = fixture.csvUrl();
    server = AvaticaServer.start(AvaticaServerSettings.defaults(jdbcUrl, users).withPort(0).withFailedLoginDelayMillis(0)
        .withTls(KEYS.tls()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String url(String scheme) {
    // the keystore's own certificate is the one the client trusts
    return "jdbc:avatica:remote:url=" + scheme + "://127.0.0.1:" + server.port() + ";serialization=PROTOBUF"
        + ";authentication=BASIC;avatica_user=alice;avatica_password=s3cret;truststore=" + KEYS.file()
        + ";truststore_password=" + KEYS.password() + ";keystore_type=PKCS12";
  }

  @Test
  void aClientTrustingTheCertificateQueriesOverHttps() throws Exception {
    try (Connection c = DriverManager.getConnection(url("https"));
        ResultSet rs = c.createStatement().executeQuery("select count(*) from finance.orders")) {
      assertTrue(rs.next());
      assertEquals(5, rs.getInt(1));
    }
  }

  @Test
  void aClientInTheClearIsToldToUseHttps() {
    Exception e = assertThrows(Exception.class, () -> DriverManager.getConnection(url("http")).close());
    assertTrue(String.valueOf(e.getMessage()).contains("HTTP/400"), e.getMessage());
  }
}
