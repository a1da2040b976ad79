package org.marketingsql.users;

import java.util.Objects;
import java.util.Optional;

/**
 * Checks a plain password, as HTTP BASIC logins send it, against the users file. The file holds SCRAM
 * verifiers, not passwords, so the check derives StoredKey and ServerKey from the password with the
 * stored salt and iteration count and compares them ({@link ScramVerifier#matches}). An unknown user
 * costs the same derivation against its made-up verifier ({@link DecoyVerifiers}), so timing does not
 * tell which names exist.
 */
public final class PasswordCheck {
  private final UsersFile users;
  private final DecoyVerifiers decoys;

  public PasswordCheck(UsersFile users, DecoyVerifiers decoys) {
    this.users = Objects.requireNonNull(users, "users");
    this.decoys = Objects.requireNonNull(decoys, "decoys");
  }

  /**
   * The user when {@code password} is theirs; empty for a wrong password or an unknown name. The
   * caller clears {@code password} when done. Throws when the users file cannot be read.
   */
  public Optional<User> check(String name, char[] password) {
    Objects.requireNonNull(password, "password");
    String given = name == null ? "" : name;
    Optional<User> user = users.find(given);
    boolean matches = user.map(User::verifier).orElseGet(() -> decoys.forName(given)).matches(password);
    return matches && user.isPresent() ? user : Optional.empty();
  }
}
