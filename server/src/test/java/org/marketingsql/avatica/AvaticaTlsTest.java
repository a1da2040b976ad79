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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;
import org.marketingsql.tls.TlsKeystore;
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
  /** The class's keystore, made once: keytool is a JVM of its own. */
  @TempDir
  static Path keys;
  static Path keystore;
  AvaticaServer server;

  @BeforeAll
  static void makeKeystore() throws Exception {
    keystore = keys.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
  }

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    String jdbcUrl = fixture.csvUrl();
    server = AvaticaServer.start(AvaticaServerSettings.defaults(jdbcUrl, users).withPort(0).withFailedLoginDelayMillis(0)
        .withTls(new TlsKeystore(keystore, "changeit".toCharArray())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String url(String scheme) {
    // the keystore's own certificate is the one the client trusts
    return "jdbc:avatica:remote:url=" + scheme + "://127.0.0.1:" + server.port() + ";serialization=PROTOBUF"
        + ";authentication=BASIC;avatica_user=alice;avatica_password=s3cret;truststore=" + keystore
        + ";truststore_password=changeit;keystore_type=PKCS12";
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
