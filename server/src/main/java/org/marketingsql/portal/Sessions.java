package org.marketingsql.portal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in to the portal: a random 256-bit token per login, held in a cookie, forgotten
 * after {@code idle} without a request. Tokens live in memory only, so a restart logs everyone out.
 */
final class Sessions {
  private record Session(String user, Instant lastSeen) {
  }

  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Duration idle;
  private final Clock clock;

  Sessions(SecureRandom random, Duration idle, Clock clock) {
    this.random = Objects.requireNonNull(random, "random");
    this.idle = Objects.requireNonNull(idle, "idle");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  String open(String user) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byToken.put(token, new Session(user, clock.instant()));
    return token;
  }

  /** The user a token belongs to, when it is known and not idle for too long; touching it keeps it alive. */
  Optional<String> user(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session s = byToken.get(token);
    Instant now = clock.instant();
    if (s == null || s.lastSeen().plus(idle).isBefore(now)) {
      byToken.remove(token);
      return Optional.empty();
    }
    byToken.put(token, new Session(s.user(), now));
    return Optional.of(s.user());
  }

  void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }
}
