package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: one line per user, replaced by name, malformed lines named. */
class UsersFileTest {
  @TempDir
  Path temp;

  static User user(String name, String... schemas) {
    return new User(name, ScramVerifier.create("pw".toCharArray(), new SecureRandom()), List.of(schemas));
  }

  @Test
  void aMissingFileHasNoUsers() {
    assertTrue(new UsersFile(temp.resolve("none")).users().isEmpty());
  }

  @Test
  void aLineReadsBackAsTheUserWithItsSchemas() {
    UsersFile file = new UsersFile(temp.resolve("users"));
    User alice = user("alice", "finance", "exports");
    file.add(alice);
    User back = file.find("alice").orElseThrow();
    assertEquals(alice, back);
    assertTrue(back.mayRead("FINANCE"));
    assertFalse(back.mayRead("stripe"));
    assertTrue(user("root", "*").mayRead("stripe"));
  }

  @Test
  void aMalformedLineIsAnErrorNamingFileAndLine() throws Exception {
    Path path = temp.resolve("users");
    Files.writeString(path, "# team logins\nalice:not-a-verifier:*\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UsersFile(path).users());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void aNameWithAColonIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> user("a:b", "*"));
  }
}
