package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** {@code serve}'s refusals (each says what to fix and exits non-zero before listening), and what it serves. */
@ExtendWith(IsolatedHome.class)
class ServeCommandTest {
  @TempDir
  Path temp;
  PrintStream stderr = System.err;
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void captureStderr() {
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(stderr);
  }

  @Test
  void aKeystoreWithoutItsPasswordVariableIsRefusedNamingTheVariable() throws Exception {
    Path keystore = Files.writeString(temp.resolve("k.p12"), "x");
    int code = Main.run("serve", "--demo", "--pg-port", "0", "--users", temp.resolve("users").toString(),
        "--tls-keystore", keystore.toString(), "--tls-password-env", "NO_SUCH_VARIABLE_FOR_THIS_TEST");
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("NO_SUCH_VARIABLE_FOR_THIS_TEST"), text);
    assertTrue(text.contains("marketing-sql users add"), "an empty users file is pointed out: " + text);
  }

  @Test
  void nonsenseLoginAndSessionLimitsAreRefusedNamingTheOption() {
    String users = temp.resolve("users").toString();
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--login-failures", "0"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("maxFailures must be at least 1"), err.toString());
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--login-window", "sixty"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--login-window"), err.toString());
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--http-port", "0",
        "--portal-idle", "0s"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--portal-idle must be positive"), err.toString());
  }

  @Test
  void oneAuthenticationDeadlineServesTheThrottleAndTheProtocol() {
    String users = temp.resolve("users").toString();
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--auth-timeout", "60s"),
        "the throttle's wait is the authentication deadline, not an option of its own");
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--authentication-timeout", "0"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--authentication-timeout must be more than 0"), err.toString());
  }

  @Test
  void durationsAreAWholeNumberWithAUnit() {
    Durations d = new Durations();
    assertEquals(Duration.ofSeconds(90), d.convert("90s"));
    assertEquals(Duration.ofMinutes(30), d.convert("30m"));
    assertEquals(Duration.ofHours(8), d.convert("8H"));
    assertEquals(Duration.ofDays(1), d.convert("1d"));
    assertEquals(Duration.ofMinutes(30), d.convert("30min"), "PostgreSQL's spelling of minutes");
    assertEquals(Duration.ofMillis(500), d.convert("500ms"));
    for (String bad : List.of("", "s", "5", "-5s", "1.5m", "5w", "99999999999999999999s")) {
      org.junit.jupiter.api.Assertions.assertThrows(picocli.CommandLine.TypeConversionException.class,
          () -> d.convert(bad), bad);
    }
  }

  @Test
  void aLimitOutOfRangeOrUnreadableIsRefusedNamingItsOption() {
    String users = temp.resolve("users").toString();
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--max-connections", "0"));
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--statement-timeout", "soon"));
    assertEquals(2, Main.run("serve", "--demo", "--pg-port", "0", "--users", users, "--max-message-size", "1kB"));
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("--max-connections must be at least 1, found 0"), text);
    assertTrue(text.contains("--statement-timeout: \"soon\" is not a duration"), text);
    assertTrue(text.contains("--max-message-size must be at least 10000, found 1024"), text);
  }

  @Test
  void choosingTwoDataSourcesIsRefused() {
    assertEquals(2, Main.run("serve", "--demo", "--csv", temp.toString(), "--users", temp.resolve("users").toString()));
  }

  @Test
  void withAJdbcPortTheThinDriverQueriesTheSameSchema() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    Path exports = Fixtures.copy("finance", temp.resolve("exports"));
    Thread serve = new Thread(() -> Main.run("serve", "--csv", exports.toString(), "--pg-port", "0", "--jdbc-port", "0",
        "--users", users.toString()), "serve-under-test");
    serve.start();
    try {
      Pattern listening = Pattern.compile("over Avatica on 127\\.0\\.0\\.1:(\\d+)");
      Matcher m = listening.matcher("");
      for (int i = 0; i < 600 && !m.find(); i++) {
        assertTrue(serve.isAlive(), "serve stopped: " + err.toString(StandardCharsets.UTF_8));
        TimeUnit.MILLISECONDS.sleep(100);
        m = listening.matcher(err.toString(StandardCharsets.UTF_8));
      }
      String port = m.group(1);
      try (Connection c = DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + port
          + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=alice;avatica_password=s3cret");
          ResultSet rs = c.createStatement().executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
    } finally {
      serve.interrupt();
      serve.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
