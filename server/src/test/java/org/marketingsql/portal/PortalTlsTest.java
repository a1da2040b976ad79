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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.tls.TestKeystore;
import org.marketingsql.testing.SharedDemoHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** Over HTTPS the portal's cookies are Secure, so a browser never sends them in the clear. */
@ExtendWith(SharedDemoHome.class) // reads the demo company only: its store is built once per test JVM
class PortalTlsTest {
  @RegisterExtension
  static final TestKeystore KEYS = new TestKeystore();
  @TempDir
  Path temp;

  @Test
  void overTlsTheLoginFormsAndTheSessionsCookiesAreSecureHttpOnlyAndSameSiteStrict() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("cfo", ScramVerifier.create("pw".toCharArray(), new SecureRandom()), List.of("*")));
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(KEYS.file())) {
      trusted.load(in, KEYS.password().toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    try (PortalServer portal = PortalServer.start(PortalSettings.defaults("jdbc:marketing:demo", users, 0)
        .withTls(KEYS.tls()))) {
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
