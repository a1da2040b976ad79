package org.marketingsql.users;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a plain password, as HTTP BASIC logins send it, against the users file. The file holds SCRAM
 * verifiers, not passwords, so the check derives StoredKey and ServerKey from the password with the
 * stored salt and iteration count and compares them ({@link ScramVerifier#matches}). An unknown user
 * costs the same derivation against a made-up verifier, so timing does not tell which names exist.
 */
public final class PasswordCheck {
  private final UsersFile users;
  private final ScramVerifier decoy;

  public PasswordCheck(UsersFile users, SecureRandom random) {
    this.users = Objects.requireNonNull(users, "users");
    this.decoy = ScramVerifier.create(randomPassword(Objects.requireNonNull(random, "random")), random);
  }

  /**
   * The user when {@code password} is theirs; empty for a wrong password or an unknown name. The
   * caller clears {@code password} when done. Throws when the users file cannot be read.
   */
  public Optional<User> check(String name, char[] password) {
    Objects.requireNonNull(password, "password");
    Optional<User> user = name == null ? Optional.empty() : users.find(name);
    boolean matches = user.map(User::verifier).orElse(decoy).matches(password);
    return matches ? user : Optional.empty();
  }

  private static char[] randomPassword(SecureRandom random) {
    char[] chars = new char[32];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('!' + random.nextInt(94));
    }
    return chars;
  }
}
