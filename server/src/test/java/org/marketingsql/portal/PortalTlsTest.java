package org.marketingsql.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.tls.TlsKeystore;
import org.marketingsql.testing.SharedDemoHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** Over HTTPS the portal's cookies are Secure, so a browser never sends them in the clear. */
@ExtendWith(SharedDemoHome.class) // reads the demo company only: its store is built once per test JVM
class PortalTlsTest {
  @TempDir
  Path temp;

  @Test
  void overTlsTheLoginFormsAndTheSessionsCookiesAreSecureHttpOnlyAndSameSiteStrict() throws Exception {
    Path keystore = temp.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, keytool.exitValue(), new String(keytool.getInputStream().readAllBytes()));
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("cfo", ScramVerifier.create("pw".toCharArray(), new SecureRandom()), List.of("*")));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    try (PortalServer portal = PortalServer.start(PortalSettings.defaults("jdbc:marketing:demo", users, 0)
        .withTls(new TlsKeystore(keystore, "changeit".toCharArray())))) {
      String base = "https://127.0.0.1:" + portal.port();
      HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      String loginCookie = form.headers().allValues("Set-Cookie").get(0);
      String token = PortalSecurityTest.formToken(form.body());
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", loginCookie.split(";", 2)[0])
          .POST(HttpRequest.BodyPublishers.ofString("user=cfo&password=pw&_token=" + token)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(302, login.statusCode(), login.body());
      String session = login.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith("marketing_sql_session=")).findFirst().orElseThrow();
      for (String c : List.of(loginCookie, session)) {
        assertTrue(c.contains("Secure") && c.contains("HttpOnly") && c.contains("SameSite=Strict"), c);
      }
      assertEquals("DENY", login.headers().firstValue("X-Frame-Options").orElse(null));
    }
  }
}
