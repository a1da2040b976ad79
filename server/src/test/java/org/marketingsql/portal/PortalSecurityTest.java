package org.marketingsql.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.marketingsql.testing.SharedDemoHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * The portal's sessions against the attacks a web login meets: revoked users, stale logins, forged
 * forms, framing, and error pages that say too much. Sessions here last 3 s idle and 6 s at most.
 */
@ExtendWith(SharedDemoHome.class) // reads the demo company only: its store is built once per test JVM
class PortalSecurityTest {
  private static final Duration IDLE = Duration.ofSeconds(3);
  private static final Duration MAX_AGE = Duration.ofSeconds(6);
  private static Path home;
  private static Path users;
  private static PortalServer portal;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    home = Files.createTempDirectory("marketingsql-portal-security-");
    users = home.resolve("users");
    for (String name : List.of("cfo", "gone", "demoted", "busy", "idle", "forged", "rotated")) {
      add(name, "pw-" + name, List.of("*"));
    }
    portal = PortalServer.start(PortalSettings.defaults("jdbc:marketing:demo", users, 0).withSessions(IDLE, MAX_AGE));
    base = "http://127.0.0.1:" + portal.port();
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  static void add(String name, String password, List<String> schemas) {
    new UsersFile(users).add(new User(name, ScramVerifier.create(password.toCharArray(), new SecureRandom()), schemas));
  }

  static void remove(String name) throws Exception {
    List<String> kept = Files.readAllLines(users).stream().filter(l -> !l.startsWith(name + ":")).toList();
    Files.write(users, kept);
  }

  static HttpResponse<String> send(String method, String path, String form, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (form != null) {
      b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String cookie(HttpResponse<?> r, String name) {
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers())).split(";", 2)[0];
  }

  static String formToken(String html) {
    Matcher m = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  /** Logs in as a browser does: the form first, then its post. */
  static String login(String user) throws Exception {
    HttpResponse<String> form = send("GET", "/", null, null);
    String loginCookie = cookie(form, "marketing_sql_login");
    HttpResponse<String> r = send("POST", "/login", "user=" + user + "&password=pw-" + user + "&_token="
        + formToken(form.body()), loginCookie);
    assertEquals(302, r.statusCode(), r.body());
    return cookie(r, "marketing_sql_session");
  }

  static boolean loggedIn(String session) throws Exception {
    HttpResponse<String> r = send("GET", "/", null, session);
    return r.statusCode() == 200 && r.body().contains("id=\"logout\"");
  }

  @Test
  void aUserRemovedFromTheUsersFileIsLoggedOutAtTheNextRequest() throws Exception {
    String session = login("gone");
    assertTrue(loggedIn(session));
    remove("gone");
    HttpResponse<String> r = send("GET", "/", null, session);
    assertTrue(r.body().contains("name=\"password\""), r.body());
    assertTrue(r.body().contains("logged out"), r.body());
    add("gone", "pw-gone", List.of("*"));
    assertFalse(loggedIn(session), "the login stays ended when the user comes back");
  }

  @Test
  void aUserWhoseFinanceGrantWasRemovedIsLoggedOutAtTheNextRequest() throws Exception {
    String session = login("demoted");
    assertTrue(loggedIn(session));
    add("demoted", "pw-demoted", List.of("exports"));
    String token = formToken(send("GET", "/", null, login("cfo")).body());
    HttpResponse<String> r = send("POST", "/reports/quarterly-roi", "format=html&_token=" + token, session);
    assertEquals(302, r.statusCode(), "no report for a user who may no longer read finance");
    assertFalse(loggedIn(session));
  }

  @Test
  void aUserGivenANewPasswordIsLoggedOutAtTheNextRequest() throws Exception {
    String session = login("rotated");
    add("rotated", "pw-rotated", List.of("*")); // same password, new salt: a new verifier
    assertFalse(loggedIn(session));
  }

  @Test
  void aLoginIdleLongerThanTheIdleTimeIsForgotten() throws Exception {
    String session = login("idle");
    assertTrue(loggedIn(session));
    Thread.sleep(IDLE.toMillis() + 500);
    assertFalse(loggedIn(session));
  }

  @Test
  void aBusyLoginEndsAtItsMaximumAgeAnyway() throws Exception {
    String session = login("busy");
    long start = System.nanoTime();
    while (System.nanoTime() - start < MAX_AGE.toNanos() - 1_000_000_000L) {
      assertTrue(loggedIn(session), "still within the maximum age");
      Thread.sleep(1000);
    }
    Thread.sleep(1500);
    assertFalse(loggedIn(session));
  }

  @Test
  void aPostWithoutThisLoginsFormTokenIsRefusedAndChangesNothing() throws Exception {
    String session = login("forged");
    String other = formToken(send("GET", "/", null, login("cfo")).body());
    for (String form : List.of("", "_token=", "_token=" + other, "_token=" + other.substring(1))) {
      assertEquals(403, send("POST", "/logout", form, session).statusCode(), form);
      assertEquals(403, send("POST", "/reports/quarterly-roi", form + "&format=html", session).statusCode(), form);
    }
    assertTrue(loggedIn(session), "the forged logouts did not log out");
    assertEquals(302, send("POST", "/logout", "_token=" + formToken(send("GET", "/", null, session).body()), session)
        .statusCode());
    assertFalse(loggedIn(session));
  }

  @Test
  void aLoginPostWithoutTheLoginFormsCookieAndTokenIsRefused() throws Exception {
    HttpResponse<String> form = send("GET", "/", null, null);
    String loginCookie = cookie(form, "marketing_sql_login");
    String token = formToken(form.body());
    assertEquals(403, send("POST", "/login", "user=cfo&password=pw-cfo", null).statusCode());
    assertEquals(403, send("POST", "/login", "user=cfo&password=pw-cfo&_token=" + token, null).statusCode());
    assertEquals(403, send("POST", "/login", "user=cfo&password=pw-cfo", loginCookie).statusCode());
    assertEquals(403, send("POST", "/login", "user=cfo&password=pw-cfo&_token=x" + token, loginCookie).statusCode());
    assertEquals(302, send("POST", "/login", "user=cfo&password=pw-cfo&_token=" + token, loginCookie).statusCode());
  }

  @Test
  void reportsAreNotRenderedByAGetWhichAnotherSiteCouldLinkTo() throws Exception {
    HttpResponse<String> r = send("GET", "/reports/quarterly-roi?format=html", null, login("cfo"));
    assertEquals(405, r.statusCode());
  }

  @Test
  void sessionCookiesAreHttpOnlyAndSameSiteStrict() throws Exception {
    HttpResponse<String> form = send("GET", "/", null, null);
    String login = form.headers().allValues("Set-Cookie").get(0);
    HttpResponse<String> r = send("POST", "/login", "user=cfo&password=pw-cfo&_token=" + formToken(form.body()),
        cookie(form, "marketing_sql_login"));
    String session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("marketing_sql_session="))
        .findFirst().orElseThrow();
    for (String c : List.of(login, session)) {
      assertTrue(c.contains("HttpOnly"), c);
      assertTrue(c.contains("SameSite=Strict"), c);
      assertFalse(c.contains("Secure"), "plain HTTP: a Secure cookie would never come back: " + c);
    }
  }

  @Test
  void everyAnswerForbidsFramingAndSniffingAndCaching() throws Exception {
    String session = login("cfo");
    String token = formToken(send("GET", "/", null, session).body());
    List<HttpResponse<String>> answers = new ArrayList<>(List.of(
        send("GET", "/", null, null),
        send("GET", "/nowhere", null, null),
        send("POST", "/login", "user=cfo&password=x", null),
        send("GET", "/", null, session),
        send("GET", "/nowhere", null, session),
        send("GET", "/reports/quarterly-roi", null, session),
        send("POST", "/logout", "_token=wrong", session),
        send("POST", "/reports/none", "_token=" + token, session),
        send("PUT", "/", "x=1", session),
        send("POST", "/logout", "_token=" + token, session)));
    for (HttpResponse<String> r : answers) {
      securityHeaders(r.request().method() + " " + r.uri() + " " + r.statusCode(), r.headers());
    }
  }

  @Test
  void aRequestJettyItselfRefusesGetsTheHeadersAndNoStackTrace() throws Exception {
    for (String raw : List.of("GET /%zz%ZZ HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000) + "\r\n\r\n")) {
      String answer = raw(raw);
      assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
      String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
      assertTrue(head.contains("Content-Security-Policy: frame-ancestors 'none'"), answer);
      assertTrue(head.contains("X-Frame-Options: DENY"), answer);
      noStackTrace(answer);
    }
  }

  @Test
  void whenTheUsersFileCannotBeReadTheAnswerIsAPlainErrorWithoutAStackTrace() throws Exception {
    String session = login("cfo");
    String saved = Files.readString(users);
    try {
      Files.writeString(users, saved + "this line is not a user\n");
      HttpResponse<String> r = send("GET", "/", null, session);
      assertEquals(500, r.statusCode());
      securityHeaders("500", r.headers());
      noStackTrace(r.body());
      assertFalse(r.body().contains("this line"), r.body());
      assertFalse(r.body().contains(users.toString()), "no file names: " + r.body());
    } finally {
      Files.writeString(users, saved);
    }
  }

  private static void securityHeaders(String what, HttpHeaders headers) {
    assertEquals("frame-ancestors 'none'", headers.firstValue("Content-Security-Policy").orElse(null), what);
    assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), what);
    assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), what);
    assertEquals("no-store", headers.firstValue("Cache-Control").orElse(null), what);
    assertTrue(headers.firstValue("Server").isEmpty(), what);
  }

  private static void noStackTrace(String body) {
    for (String sign : List.of("Exception", "\tat ", "at org.", "at java.", "Caused by", "jetty")) {
      assertFalse(body.contains(sign), "'" + sign + "' in " + body);
    }
  }

  private static String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", portal.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer to " + request.lines().findFirst().orElse(""), e);
    }
  }
}
