package org.marketingsql.users;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Limits password guessing per client address and, separately, per user name: within the window at
 * most {@link LoginLimits#maxFailures} logins of either may fail. An attempt holds a place in both counts
 * from its start (before any password is looked at) until it is decided: a failure keeps the place for
 * the window, a success frees it and forgets its own user name's failures (never the address's), an
 * attempt abandoned before its password was checked frees it, and an attempt still undecided at the
 * deadline counts as a failure from then on. So parallel attempts cannot exceed the
 * limit: when no place is free, a new attempt waits for the undecided ones, up to the deadline, and is
 * refused when no place came free; it is refused at once when every place is held by a failure.
 *
 * <p>One throttle serves every login path of a server (PostgreSQL protocol, Avatica, report portal),
 * so switching protocols or reconnecting does not reset a count. IPv6 addresses count per /64, the
 * block one client usually holds.
 */
public final class LoginThrottle {
  /** The counts of one address or one user name. */
  private static final class Count {
    /** When each failure happened, earliest first out (a stale attempt's may be older than the newest). */
    final PriorityQueue<Instant> failures = new PriorityQueue<>();
    final Set<Attempt> open = new LinkedHashSet<>();
  }

  private record Waiter(String address, String user, CompletableFuture<Optional<Attempt>> result) {
  }

  private record Completion(CompletableFuture<Optional<Attempt>> future, Optional<Attempt> value) {
    void run() {
      future.complete(value);
    }
  }

  private final LoginLimits limits;
  private final Clock clock;
  private final Map<String, Count> counts = new HashMap<>();
  private final List<Waiter> waiters = new ArrayList<>();

  public LoginThrottle(LoginLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@link LoginLimits#standard()} on the system clock. */
  public static LoginThrottle standard() {
    return new LoginThrottle(LoginLimits.standard(), Clock.systemUTC());
  }

  public LoginLimits limits() {
    return limits;
  }

  /**
   * Asks for a place for a login of {@code user} from {@code address}. The future completes with the
   * attempt once the place is held (the caller then checks the password and decides the attempt), or
   * with empty when the login is refused; it always completes within the deadline.
   */
  public CompletableFuture<Optional<Attempt>> admit(String address, String user) {
    Waiter waiter = new Waiter("address " + addressKey(address), "user " + Objects.requireNonNullElse(user, ""),
        new CompletableFuture<>());
    Completion done;
    synchronized (this) {
      done = decide(waiter, false);
      if (done == null) {
        waiters.add(waiter);
      }
    }
    if (done != null) {
      done.run();
    } else {
      // run on the JDK's timer thread itself: expiring is short and must not queue behind a busy common pool
      CompletableFuture.delayedExecutor(limits.deadline().toMillis(), TimeUnit.MILLISECONDS, Runnable::run)
          .execute(() -> expire(waiter));
    }
    return waiter.result();
  }

  /** {@link #admit}, waiting for the answer on this thread (for servers with a thread per request). */
  public Optional<Attempt> await(String address, String user) {
    CompletableFuture<Optional<Attempt>> result = admit(address, user);
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // the place may be granted after all: give it back
      result.thenAccept(a -> a.ifPresent(Attempt::abandoned));
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the login throttle failed", e.getCause());
    }
  }

  /** One login holding a place; decided exactly once (later calls change nothing). */
  public final class Attempt {
    private final String address;
    private final String user;
    private final Instant started;
    private boolean decided;

    private Attempt(String address, String user, Instant started) {
      this.address = address;
      this.user = user;
      this.started = started;
    }

    /** The password was right: the place is freed and the user name's failures are forgotten. */
    public void succeeded() {
      release(this, Outcome.SUCCEEDED);
    }

    /** The password was wrong (or the user unknown): the place stays taken for the window. */
    public void failed() {
      release(this, Outcome.FAILED);
    }

    /** The client left before its password was checked: the place is freed, nothing is counted. */
    public void abandoned() {
      release(this, Outcome.ABANDONED);
    }
  }

  private enum Outcome { SUCCEEDED, FAILED, ABANDONED }

  private void release(Attempt attempt, Outcome outcome) {
    List<Completion> done;
    synchronized (this) {
      if (attempt.decided) {
        return;
      }
      attempt.decided = true;
      Instant now = clock.instant();
      for (String key : List.of(attempt.address, attempt.user)) {
        Count count = counts.computeIfAbsent(key, k -> new Count());
        count.open.remove(attempt);
        if (outcome == Outcome.FAILED) {
          count.failures.add(now);
        }
      }
      if (outcome == Outcome.SUCCEEDED) {
        counts.get(attempt.user).failures.clear();
      }
      forgetIfEmpty(attempt.address);
      forgetIfEmpty(attempt.user);
      done = wake();
    }
    done.forEach(Completion::run);
  }

  /** Re-decides the waiters in the order they came, now that a place may be free. */
  private List<Completion> wake() {
    List<Completion> done = new ArrayList<>();
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Completion c = decide(it.next(), false);
      if (c != null) {
        done.add(c);
        it.remove();
      }
    }
    return done;
  }

  private void expire(Waiter waiter) {
    Completion done;
    synchronized (this) {
      if (!waiters.remove(waiter)) {
        return;
      }
      done = decide(waiter, true);
    }
    done.run();
  }

  /**
   * Admits the waiter when both its counts have room; refuses it when one has none and nothing undecided
   * could free a place (or its time is up); otherwise null: it keeps waiting.
   */
  private Completion decide(Waiter waiter, boolean timeUp) {
    Instant now = clock.instant();
    Count address = count(waiter.address(), now);
    Count user = count(waiter.user(), now);
    if (room(address) && room(user)) {
      Attempt attempt = new Attempt(waiter.address(), waiter.user(), now);
      counts.computeIfAbsent(waiter.address(), k -> address).open.add(attempt);
      counts.computeIfAbsent(waiter.user(), k -> user).open.add(attempt);
      if (counts.size() > 10_000) {
        forgetQuietKeys(now);
      }
      return new Completion(waiter.result(), Optional.of(attempt));
    }
    boolean hopeless = (!room(address) && address.open.isEmpty()) || (!room(user) && user.open.isEmpty());
    return timeUp || hopeless ? new Completion(waiter.result(), Optional.empty()) : null;
  }

  private boolean room(Count count) {
    return count.failures.size() + count.open.size() < limits.maxFailures();
  }

  /** The key's count with old failures dropped and attempts undecided past the deadline made failures. */
  private Count count(String key, Instant now) {
    Count count = counts.get(key);
    if (count == null) {
      return new Count();
    }
    prune(count, now);
    return count;
  }

  private void prune(Count count, Instant now) {
    // a client that neither finishes nor leaves within the deadline keeps its place, as a failure
    Instant stale = now.minus(limits.deadline());
    for (Attempt a : List.copyOf(count.open)) {
      if (!a.started.isAfter(stale)) {
        a.decided = true;
        Instant at = a.started.plus(limits.deadline());
        // a count that holds an open attempt is in the map, this one included
        for (String key : List.of(a.address, a.user)) {
          Count c = counts.get(key);
          if (c != null) {
            c.open.remove(a);
            c.failures.add(at);
          }
        }
      }
    }
    Instant oldest = now.minus(limits.window());
    while (!count.failures.isEmpty() && !count.failures.peek().isAfter(oldest)) {
      count.failures.poll();
    }
  }

  private void forgetIfEmpty(String key) {
    Count count = counts.get(key);
    if (count != null) {
      prune(count, clock.instant());
      if (count.failures.isEmpty() && count.open.isEmpty()) {
        counts.remove(key);
      }
    }
  }

  /** Keeps the map bounded when many addresses or names fail once and never come back. */
  private void forgetQuietKeys(Instant now) {
    counts.values().removeIf(c -> {
      prune(c, now);
      return c.failures.isEmpty() && c.open.isEmpty();
    });
  }

  /** The address as counted: IPv4 as is, IPv6 by its /64 network. */
  static String addressKey(String address) {
    if (address == null || address.isEmpty()) {
      return "";
    }
    if (address.indexOf(':') >= 0) {
      try {
        // an IPv6 literal is parsed, never looked up
        InetAddress inet = InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]");
        byte[] bytes = inet.getAddress();
        if (bytes.length == 16) {
          StringBuilder prefix = new StringBuilder();
          for (int i = 0; i < 8; i += 2) {
            prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
          }
          return prefix.append(":/64").toString();
        }
        return inet.getHostAddress();
      } catch (UnknownHostException e) {
        return address;
      }
    }
    return address;
  }
}
