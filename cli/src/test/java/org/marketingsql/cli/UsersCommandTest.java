package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.PgServer;
import org.marketingsql.pgwire.PgServerSettings;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** {@code users add}: the line it writes is one a SCRAM login accepts, and holds no password. */
@ExtendWith(IsolatedHome.class)
class UsersCommandTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  InputStream stdin = System.in;

  @AfterEach
  void restoreStdin() {
    System.setIn(stdin);
  }

  int addUser(String password, String... args) {
    System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
    return Main.run(args);
  }

  @Test
  void usersAddWritesAnOwnerOnlyLineThatAScramLoginAccepts() throws Exception {
    Path users = temp.resolve("conf/users");
    assertEquals(0, addUser("pa ss-wörd", "users", "add", "bob", "--schemas", "finance,exports", "--users", users.toString()));

    List<String> lines = Files.readAllLines(users);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).matches("bob:SCRAM-SHA-256\\$4096:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:finance,exports"),
        lines.get(0));
    assertFalse(lines.get(0).contains("pa ss"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
    Path secret = temp.resolve("conf/users.secret");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)),
        "the server secret is made beside the users file, owner-only");
    String key = Files.readString(secret);
    assertEquals(0, addUser("other", "users", "add", "carol", "--users", users.toString()));
    assertEquals(key, Files.readString(secret), "and kept when another user is added");

    String url = fixture.csvUrl();
    try (PgServer server = PgServer.start(new PgServerSettings(url, "127.0.0.1", 0, users, 0))) {
      Properties p = new Properties();
      p.setProperty("user", "bob");
      p.setProperty("password", "pa ss-wörd");
      try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
          Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) > 0);
      }
    }
  }

  @Test
  void addingAnExistingNameReplacesItsLine() throws Exception {
    Path users = temp.resolve("users");
    assertEquals(0, addUser("one", "users", "add", "bob", "--users", users.toString()));
    assertEquals(0, addUser("x", "users", "add", "carol", "--users", users.toString()));
    String before = Files.readAllLines(users).get(0);
    assertEquals(0, addUser("two", "users", "add", "bob", "--schemas", "finance", "--users", users.toString()));

    List<String> lines = Files.readAllLines(users);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("bob:") && lines.get(0).endsWith(":finance"), lines.get(0));
    assertFalse(lines.get(0).equals(before));
    assertTrue(lines.get(1).startsWith("carol:"));
  }

  @Test
  void anEmptyPasswordIsRefused() {
    Path users = temp.resolve("users");
    assertEquals(1, addUser("", "users", "add", "bob", "--users", users.toString()));
    assertFalse(Files.exists(users));
  }
}
