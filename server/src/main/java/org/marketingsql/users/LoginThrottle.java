package org.marketingsql.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing per client address: after {@code maxFailures} failed logins within
 * {@code window}, further attempts from that address are refused unchecked until the oldest failure
 * leaves the window. A successful login clears the address's record. Shared by every login the
 * server offers over HTTP, so parallel requests cannot multiply the guesses.
 */
public final class LoginThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, found " + maxFailures);
    }
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, found " + window);
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Five failures a minute per address: enough for typos, far too few for guessing. */
  public static LoginThrottle standard() {
    return new LoginThrottle(5, Duration.ofMinutes(1), Clock.systemUTC());
  }

  /** Whether a login from {@code address} may be checked now. */
  public boolean allows(String address) {
    Deque<Instant> recent = failures.get(key(address));
    if (recent == null) {
      return true;
    }
    synchronized (recent) {
      prune(recent);
      return recent.size() < maxFailures;
    }
  }

  /** Records a failed login from {@code address}. */
  public void failed(String address) {
    Deque<Instant> recent = failures.computeIfAbsent(key(address), k -> new ArrayDeque<>());
    synchronized (recent) {
      prune(recent);
      recent.addLast(clock.instant());
    }
    if (failures.size() > 10_000) {
      forgetQuietAddresses();
    }
  }

  /** Records a successful login from {@code address}, which forgets its failures. */
  public void succeeded(String address) {
    failures.remove(key(address));
  }

  private void prune(Deque<Instant> recent) {
    Instant oldest = clock.instant().minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(oldest)) {
      recent.removeFirst();
    }
  }

  /** Keeps the map bounded when many addresses fail once and never come back. */
  private void forgetQuietAddresses() {
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue());
        return e.getValue().isEmpty();
      }
    });
  }

  private static String key(String address) {
    return address == null ? "" : address;
  }
}
