package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Failed logins per address within a window, on a clock the test moves. */
class LoginThrottleTest {
  /** A clock that stands still until told to move. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-01-05T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final StepClock clock = new StepClock();
  final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(1), clock);

  @Test
  void anAddressIsRefusedAfterTooManyFailuresWhileOthersStillMayTry() {
    for (int i = 0; i < 3; i++) {
      assertTrue(throttle.allows("10.0.0.1"), "attempt " + i);
      throttle.failed("10.0.0.1");
    }
    assertFalse(throttle.allows("10.0.0.1"));
    assertTrue(throttle.allows("10.0.0.2"));
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.now = clock.now.plusSeconds(59);
    assertFalse(throttle.allows("10.0.0.1"));
    clock.now = clock.now.plusSeconds(1);
    assertTrue(throttle.allows("10.0.0.1"));
  }

  @Test
  void aSuccessfulLoginForgetsTheAddressesFailures() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.succeeded("10.0.0.1");
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    assertTrue(throttle.allows("10.0.0.1"));
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(1), clock));
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(3, Duration.ZERO, clock));
  }
}
