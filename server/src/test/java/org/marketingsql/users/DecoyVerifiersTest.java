package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Made-up verifiers of unknown user names, and the server secret they come from. */
class DecoyVerifiersTest {
  @TempDir
  Path temp;

  @Test
  void anUnknownNameGetsTheSameSaltEveryTimeEvenAfterARestart() {
    Path users = temp.resolve("users");
    ScramVerifier first = new DecoyVerifiers(ServerSecret.beside(users)).forName("mallory");
    ScramVerifier again = new DecoyVerifiers(ServerSecret.beside(users)).forName("mallory");
    assertArrayEquals(first.salt(), again.salt());
  }

  @Test
  void anUnknownNamesSaltHasTheLengthAndIterationsOfARealUsersVerifier() {
    ScramVerifier real = ScramVerifier.create("s3cret".toCharArray(), new SecureRandom());
    ScramVerifier decoy = new DecoyVerifiers(ServerSecret.beside(temp.resolve("users"))).forName("mallory");
    assertEquals(real.salt().length, decoy.salt().length);
    assertEquals(real.iterations(), decoy.iterations());
  }

  @Test
  void differentNamesAndDifferentSecretsGiveDifferentSalts() {
    DecoyVerifiers here = new DecoyVerifiers(ServerSecret.beside(temp.resolve("a/users")));
    DecoyVerifiers there = new DecoyVerifiers(ServerSecret.beside(temp.resolve("b/users")));
    assertFalse(Arrays.equals(here.forName("mallory").salt(), here.forName("trudy").salt()));
    assertFalse(Arrays.equals(here.forName("mallory").salt(), there.forName("mallory").salt()));
  }

  @Test
  void noPasswordMatchesAMadeUpVerifier() {
    ScramVerifier decoy = new DecoyVerifiers(ServerSecret.beside(temp.resolve("users"))).forName("mallory");
    for (String guess : List.of("", "mallory", "password")) {
      assertFalse(decoy.matches(guess.toCharArray()), guess);
    }
  }

  @Test
  void theSecretIsMadeOnceBesideTheUsersFileReadableByItsOwnerOnly() throws Exception {
    Path users = temp.resolve("home/users");
    Path secret = ServerSecret.beside(users).path();
    assertEquals(temp.resolve("home/users.secret").toAbsolutePath(), secret);
    String content = Files.readString(secret);
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret));
    ServerSecret.beside(users);
    assertEquals(content, Files.readString(secret), "an existing secret is kept");
    try (var files = Files.list(secret.getParent())) {
      assertEquals(List.of("users.secret"), files.map(p -> p.getFileName().toString()).toList(), "no temporary left");
    }
  }

  @Test
  void aSecretOthersMayReadIsRefusedNamingTheFile() throws Exception {
    Path users = temp.resolve("users");
    Path secret = ServerSecret.beside(users).path();
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    var e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
        () -> ServerSecret.beside(users));
    assertTrue(e.getMessage().contains("users.secret") && e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void aDamagedSecretIsAnErrorNamingTheFile() throws Exception {
    Path users = temp.resolve("users");
    Files.writeString(ServerSecret.pathBeside(users), "short\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class,
        () -> ServerSecret.beside(users));
    assertTrue(e.getMessage().contains("users.secret"), e.getMessage());
    assertFalse(e.getMessage().contains("short"), "the content is not repeated");
  }
}
