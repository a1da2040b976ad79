package org.marketingsql.portal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.marketingsql.users.ScramVerifier;

/**
 * Who is logged in to the portal: a random 256-bit token per login, held in a cookie, forgotten after
 * {@code idle} without a request and {@code maxAge} after the login however busy. Each login has its own
 * random form token, which every form it is shown carries. Tokens live in memory only, so a restart logs
 * everyone out.
 */
final class Sessions {
  /**
   * One login: who, with which verifier (a new password ends it), the token its forms carry, and when it
   * began and was last used.
   */
  record Session(String user, ScramVerifier verifier, String formToken, Instant started, Instant lastSeen) {
    Session {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(formToken, "formToken");
    }

    /** Whether {@code given} is this login's form token, compared in constant time. */
    boolean formTokenIs(String given) {
      return given != null && MessageDigest.isEqual(formToken.getBytes(StandardCharsets.UTF_8),
          given.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Duration idle;
  private final Duration maxAge;
  private final Clock clock;

  Sessions(SecureRandom random, Duration idle, Duration maxAge, Clock clock) {
    this.random = Objects.requireNonNull(random, "random");
    this.idle = Objects.requireNonNull(idle, "idle");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (idle.isNegative() || idle.isZero() || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("idle and maxAge must be positive, found " + idle + " and " + maxAge);
    }
  }

  /** A new random token, URL-safe, 256 bits. */
  String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Logs {@code user} in; the answer is the cookie's token. */
  String open(String user, ScramVerifier verifier) {
    Instant now = clock.instant();
    byToken.values().removeIf(s -> expired(s, now));
    String token = newToken();
    byToken.put(token, new Session(user, verifier, newToken(), now, now));
    return token;
  }

  /** The login a token belongs to, when it is known and has not expired; finding it counts as a request. */
  Optional<Session> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session s = byToken.computeIfPresent(token, (t, old) -> expired(old, now) ? null
        : new Session(old.user(), old.verifier(), old.formToken(), old.started(), now));
    return Optional.ofNullable(s);
  }

  void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  private boolean expired(Session s, Instant now) {
    return !s.lastSeen().plus(idle).isAfter(now) || !s.started().plus(maxAge).isAfter(now);
  }
}
