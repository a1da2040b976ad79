package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BASIC password checked against the SCRAM verifier the users file keeps. */
class PasswordCheckTest {
  @TempDir
  Path temp;
  PasswordCheck check;

  @BeforeEach
  void users() {
    UsersFile file = new UsersFile(temp.resolve("users"));
    file.add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("finance")));
    check = new PasswordCheck(file, new DecoyVerifiers(ServerSecret.beside(file.path())));
  }

  @Test
  void theRightPasswordYieldsTheUserWithHerSchemas() {
    User alice = check.check("alice", "s3cret".toCharArray()).orElseThrow();
    assertEquals(List.of("finance"), alice.schemas());
  }

  @Test
  void aWrongPasswordYieldsNobody() {
    assertTrue(check.check("alice", "S3cret".toCharArray()).isEmpty());
    assertTrue(check.check("alice", new char[0]).isEmpty());
  }

  @Test
  void anUnknownOrMissingNameYieldsNobody() {
    assertTrue(check.check("mallory", "s3cret".toCharArray()).isEmpty());
    assertTrue(check.check(null, "s3cret".toCharArray()).isEmpty());
  }
}
