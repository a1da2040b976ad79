package org.marketingsql.users;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed logins a client address, and separately a user name, may have within {@code window}
 * ({@code serve --login-failures}, {@code --login-window}), and how long an attempt may wait for a place
 * and stay undecided (the authentication deadline, {@code serve --authentication-timeout}).
 */
public record LoginLimits(int maxFailures, Duration window, Duration deadline) {
  public LoginLimits {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, found " + maxFailures);
    }
    positive(window, "window");
    positive(deadline, "deadline");
  }

  /** Five failures a minute: enough for typos, far too few for guessing; a minute to finish a login. */
  public static LoginLimits standard() {
    return new LoginLimits(5, Duration.ofMinutes(1), Duration.ofMinutes(1));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, found " + d);
    }
  }
}
