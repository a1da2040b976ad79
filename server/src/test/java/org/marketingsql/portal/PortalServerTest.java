package org.marketingsql.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The portal over real HTTP, and once in a real headless browser (Debian's chromium and chromedriver). */
@ExtendWith(SharedDemoHome.class) // reads the demo company only: its store is built once per test JVM
class PortalServerTest {
  private static Path home;
  private static PortalServer portal;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    home = Files.createTempDirectory("marketingsql-portal-");
    Path users = home.resolve("users");
    new UsersFile(users).add(new User("cfo", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    new UsersFile(users).add(new User("ops", ScramVerifier.create("0ps".toCharArray(), new SecureRandom()), List.of("exports")));
    portal = PortalServer.start(PortalSettings.defaults("jdbc:marketing:demo", users, 0));
    base = "http://127.0.0.1:" + portal.port();
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  private static HttpResponse<String> post(String path, String form, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The login form's cookie and the token its form carries, as a browser gets them. */
  static String[] loginForm() throws Exception {
    HttpResponse<byte[]> page = get("/", null);
    String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("marketing_sql_login="))
        .findFirst().orElseThrow().split(";", 2)[0];
    return new String[] {cookie, formToken(new String(page.body(), StandardCharsets.UTF_8))};
  }

  static String formToken(String html) {
    Matcher m = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  static HttpResponse<String> tryLogin(String user, String password) throws Exception {
    String[] form = loginForm();
    return post("/login", "user=" + user + "&password=" + password + "&_token=" + form[1], form[0]);
  }

  static String login(String user, String password) throws Exception {
    HttpResponse<String> r = tryLogin(user, password);
    assertEquals(302, r.statusCode(), r.body());
    return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("marketing_sql_session="))
        .findFirst().orElseThrow().split(";", 2)[0];
  }

  /** The form token of the logged-in page {@code cookie} sees. */
  static String token(String cookie) throws Exception {
    return formToken(new String(get("/", cookie).body(), StandardCharsets.UTF_8));
  }

  static HttpResponse<byte[]> render(String cookie, String form) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/reports/quarterly-roi"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void withoutALoginEveryPageIsTheLoginFormAndReportsAreNotRendered() throws Exception {
    HttpResponse<byte[]> index = get("/", null);
    assertTrue(new String(index.body(), StandardCharsets.UTF_8).contains("name=\"password\""));
    assertEquals(302, get("/reports/quarterly-roi?format=pdf", null).statusCode());
    assertEquals(302, post("/reports/quarterly-roi", "format=pdf", null).statusCode());
  }

  @Test
  void aWrongPasswordIsRefusedAndSetsNoSession() throws Exception {
    HttpResponse<String> r = tryLogin("cfo", "wrong");
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("marketing_sql_session")));
  }

  @Test
  void aUserWhoMayNotReadFinanceIsToldSoAtLogin() throws Exception {
    HttpResponse<String> r = tryLogin("ops", "0ps");
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("may not read the finance schema"), r.body());
    assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("marketing_sql_session")),
        "no session, so no report renders for them");
    assertEquals(302, post("/reports/quarterly-roi", "format=pdf", null).statusCode());
  }

  @Test
  void aReaderOfFinanceRendersUntilTheGrantIsWithdrawnThenNotAnyMore() throws Exception {
    Path users = home.resolve("users");
    new UsersFile(users).add(new User("temp", ScramVerifier.create("t3mp".toCharArray(), new SecureRandom()),
        List.of("finance")));
    String cookie = login("temp", "t3mp");
    assertEquals(200, render(cookie, "format=html&quarter=2025-Q3&_token=" + token(cookie)).statusCode(),
        "finance alone is enough for every report");
    String token = token(cookie);
    new UsersFile(users).add(new User("temp", ScramVerifier.create("t3mp".toCharArray(), new SecureRandom()),
        List.of("exports")));
    HttpResponse<byte[]> r = render(cookie, "format=html&quarter=2025-Q3&_token=" + token);
    assertTrue(r.statusCode() == 302 || r.statusCode() == 403, "no report once finance is withdrawn: " + r.statusCode());
  }

  @Test
  void aLoggedInUserSeesEveryBundledReportAndGetsAnXlsxDownload() throws Exception {
    String cookie = login("cfo", "s3cret");
    String index = new String(get("/", cookie).body(), StandardCharsets.UTF_8);
    for (String name : List.of("annual-budget-review", "quarterly-roi", "weekly-cash-and-pacing", "customer-ltv-cohorts",
        "nps-and-loyalty")) {
      assertTrue(index.contains("id=\"report-" + name + "\""), name);
    }
    HttpResponse<byte[]> xlsx = render(cookie, "format=xlsx&quarter=2025-Q3&_token=" + token(cookie));
    assertEquals(200, xlsx.statusCode());
    assertTrue(xlsx.headers().firstValue("Content-Disposition").orElse("").contains("quarterly-roi-2025-Q3.xlsx"));
    assertEquals("PK", new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII));
  }

  @Test
  void anUnknownParameterValueTypeOrFormatIsAnErrorPageNotAnEmptyDocument() throws Exception {
    String cookie = login("cfo", "s3cret");
    HttpResponse<byte[]> r = render(cookie, "format=pptx&_token=" + token(cookie));
    assertEquals(400, r.statusCode());
    assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("unknown report format"));
  }

  @Test
  void inARealBrowserAUserLogsInPicksAReportSetsAQuarterAndGetsThePdf() throws Exception {
    Optional<Path> chromium = onPath("chromium");
    Optional<Path> driverBinary = onPath("chromedriver");
    require(chromium.isPresent() && driverBinary.isPresent(),
        "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
    Path downloads = Files.createTempDirectory(home, "downloads-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.get().toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(base + "/");
      browser.findElement(By.id("user")).sendKeys("cfo");
      browser.findElement(By.id("password")).sendKeys("s3cret");
      browser.findElement(By.id("login")).click();
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("report-quarterly-roi")).isEmpty());
      browser.findElement(By.id("quarterly-roi-quarter")).clear();
      browser.findElement(By.id("quarterly-roi-quarter")).sendKeys("2025-Q3");
      new Select(browser.findElement(By.id("quarterly-roi-format"))).selectByValue("pdf");
      browser.findElement(By.id("quarterly-roi-open")).click();
      Path pdf = downloads.resolve("quarterly-roi-2025-Q3.pdf");
      new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> Files.isRegularFile(pdf));
      byte[] bytes = Files.readAllBytes(pdf);
      assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
    } finally {
      browser.quit();
    }
  }

  private static Optional<Path> onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
