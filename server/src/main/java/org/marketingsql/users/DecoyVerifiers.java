package org.marketingsql.users;

import java.util.Arrays;
import java.util.Objects;

/**
 * Verifiers for user names that do not exist, so a login to one looks like a login to a real user: the
 * iteration count {@code users add} writes and a salt of the same length, derived from the name under the
 * server secret, so the same name always gets the same salt (from try to try and across restarts) and
 * different names different ones. No password matches one: its keys are derived from the secret too.
 */
public final class DecoyVerifiers {
  private final ServerSecret secret;

  public DecoyVerifiers(ServerSecret secret) {
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /** The made-up verifier of {@code name}. */
  public ScramVerifier forName(String name) {
    Objects.requireNonNull(name, "name");
    byte[] salt = Arrays.copyOf(secret.hmac("scram salt", name), ScramVerifier.SALT_BYTES);
    return new ScramVerifier(ScramVerifier.ITERATIONS, salt, secret.hmac("scram stored key", name),
        secret.hmac("scram server key", name));
  }
}
