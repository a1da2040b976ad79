package org.marketingsql.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Places for login attempts per address and per user name, on a clock the test moves. */
class LoginThrottleTest {
  /** A clock that stands still until told to move. */
  static final class StepClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-05T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final StepClock clock = new StepClock();
  final LoginThrottle throttle = new LoginThrottle(new LoginLimits(3, Duration.ofMinutes(1), Duration.ofSeconds(2)),
      clock);

  LoginThrottle.Attempt admitted(String address, String user) {
    return throttle.await(address, user).orElseThrow(() -> new AssertionError(user + "@" + address + " was refused"));
  }

  void fail(String address, String user, int times) {
    for (int i = 0; i < times; i++) {
      admitted(address, user).failed();
    }
  }

  @Test
  void anAddressIsRefusedAfterTooManyFailuresWhileOtherAddressesStillMayTry() {
    fail("10.0.0.1", "alice", 1);
    fail("10.0.0.1", "bob", 1);
    fail("10.0.0.1", "carol", 1);
    assertTrue(throttle.await("10.0.0.1", "dave").isEmpty());
    admitted("10.0.0.2", "dave").succeeded();
  }

  @Test
  void aUserNameIsRefusedAfterTooManyFailuresFromWhateverAddresses() {
    fail("10.0.0.1", "alice", 1);
    fail("10.0.0.2", "alice", 1);
    fail("10.0.0.3", "alice", 1);
    assertTrue(throttle.await("10.0.0.4", "alice").isEmpty());
    admitted("10.0.0.4", "bob").succeeded();
  }

  @Test
  void aRefusalBecauseEveryPlaceHoldsAFailureIsImmediate() {
    fail("10.0.0.1", "alice", 3);
    long start = System.nanoTime();
    assertTrue(throttle.await("10.0.0.1", "alice").isEmpty());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "waited for nothing");
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    fail("10.0.0.1", "alice", 3);
    clock.now = clock.now.plusSeconds(59);
    assertTrue(throttle.await("10.0.0.1", "alice").isEmpty());
    clock.now = clock.now.plusSeconds(1);
    admitted("10.0.0.1", "alice").succeeded();
  }

  @Test
  void aSuccessOfAnotherUserFromTheSameAddressDoesNotClearTheAddress() {
    fail("10.0.0.1", "alice", 2);
    admitted("10.0.0.1", "bob").succeeded();
    admitted("10.0.0.1", "carol").failed();
    assertTrue(throttle.await("10.0.0.1", "dave").isEmpty(), "2 + 1 failures: the address is full");
  }

  @Test
  void aSuccessForgetsItsOwnUsersFailures() {
    fail("10.0.0.1", "alice", 2);
    admitted("10.0.0.2", "alice").succeeded();
    fail("10.0.0.3", "alice", 2);
    admitted("10.0.0.4", "alice").succeeded();
    assertTrue(throttle.await("10.0.0.1", "zoe").isPresent());
    assertTrue(throttle.await("10.0.0.3", "zoe").isPresent());
  }

  @Test
  void undecidedAttemptsHoldTheirPlacesSoParallelAttemptsCannotExceedTheLimit() throws Exception {
    List<LoginThrottle.Attempt> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(admitted("10.0.0.1", "alice"));
    }
    CompletableFuture<Optional<LoginThrottle.Attempt>> fourth = throttle.admit("10.0.0.1", "alice");
    Thread.sleep(200);
    assertFalse(fourth.isDone(), "the fourth attempt waits for the undecided three");
    open.get(0).failed();
    open.get(1).failed();
    Thread.sleep(100);
    assertFalse(fourth.isDone(), "two failures decided, one attempt still undecided");
    open.get(2).failed();
    assertEquals(Optional.empty(), fourth.get(1, TimeUnit.SECONDS), "all three failed: refused without waiting on");
  }

  @Test
  void aWaitingAttemptGetsThePlaceASuccessFrees() throws Exception {
    List<LoginThrottle.Attempt> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      open.add(admitted("10.0.0.1", "alice"));
    }
    CompletableFuture<Optional<LoginThrottle.Attempt>> fourth = throttle.admit("10.0.0.1", "alice");
    open.get(1).succeeded();
    assertTrue(fourth.get(1, TimeUnit.SECONDS).isPresent());
  }

  @Test
  void anAbandonedAttemptFreesItsPlaceWithoutCountingAsAFailure() {
    for (int i = 0; i < 10; i++) {
      admitted("10.0.0.1", "alice").abandoned();
    }
    fail("10.0.0.1", "alice", 2);
    admitted("10.0.0.1", "alice").succeeded();
  }

  @Test
  void anAttemptIsDecidedOnceSoASecondVerdictChangesNothing() {
    LoginThrottle.Attempt a = admitted("10.0.0.1", "alice");
    a.failed();
    a.succeeded();
    a.failed();
    fail("10.0.0.1", "alice", 2);
    assertTrue(throttle.await("10.0.0.1", "alice").isEmpty());
  }

  @Test
  void anAttemptStillUndecidedAtTheDeadlineKeepsItsPlaceAsAFailure() {
    List<LoginThrottle.Attempt> stalled = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stalled.add(admitted("10.0.0.1", "alice"));
    }
    clock.now = clock.now.plusSeconds(2);
    assertTrue(throttle.await("10.0.0.1", "bob").isEmpty(), "refused at once: three failures now");
    assertTrue(throttle.await("10.0.0.2", "alice").isEmpty());
    stalled.forEach(LoginThrottle.Attempt::succeeded); // too late to count
    assertTrue(throttle.await("10.0.0.1", "bob").isEmpty());
    clock.now = clock.now.plusSeconds(60);
    admitted("10.0.0.1", "bob").succeeded();
  }

  @Test
  void anAttemptWaitsNoLongerThanTheDeadlineAndIsThenRefused() throws Exception {
    for (int i = 0; i < 3; i++) {
      admitted("10.0.0.1", "alice");
    }
    long start = System.nanoTime();
    assertTrue(throttle.await("10.0.0.1", "alice").isEmpty());
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(waited >= 1900 && waited < 10_000, "waited " + waited + " ms for a 2 s deadline");
  }

  @Test
  void manyParallelCorrectLoginsFromOneAddressAllGetAPlace() throws Exception {
    List<CompletableFuture<Boolean>> logins = new ArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 300; i++) {
        logins.add(CompletableFuture.supplyAsync(() -> {
          Optional<LoginThrottle.Attempt> a = throttle.await("10.0.0.1", "alice");
          a.ifPresent(LoginThrottle.Attempt::succeeded);
          return a.isPresent();
        }, threads));
      }
      for (CompletableFuture<Boolean> login : logins) {
        assertTrue(login.get(30, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void ipv6AddressesCountPerSlash64() {
    assertEquals(LoginThrottle.addressKey("2001:db8:1:2::1"), LoginThrottle.addressKey("2001:db8:1:2:ffff::9"));
    assertFalse(LoginThrottle.addressKey("2001:db8:1:2::1").equals(LoginThrottle.addressKey("2001:db8:1:3::1")));
    assertEquals("192.0.2.7", LoginThrottle.addressKey("192.0.2.7"));
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LoginLimits(0, Duration.ofMinutes(1), Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> new LoginLimits(3, Duration.ZERO, Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> new LoginLimits(3, Duration.ofMinutes(1), Duration.ofSeconds(-1)));
  }
}
