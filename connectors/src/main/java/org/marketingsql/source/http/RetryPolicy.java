package org.marketingsql.source.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link ApiHttpClient} tries: stripe-java's rules (back-off from 500 ms, doubled per attempt,
 * capped, with jitter; a server's {@code Retry-After} wins when it asks for longer, up to the cap).
 *
 * @param maxAttempts attempts per request, the first included (≥ 1)
 * @param initialDelay wait before the second attempt
 * @param maxDelay longest wait between attempts, also the cap on {@code Retry-After}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a whole response
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration connectTimeout,
    Duration requestTimeout) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("delays must satisfy 0 ≤ initialDelay ≤ maxDelay: " + initialDelay + ", " + maxDelay);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive: " + connectTimeout + ", " + requestTimeout);
    }
  }

  /** Production defaults: 4 attempts, 500 ms doubling to 5 s, 10 s to connect, 60 s per response. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(60));
  }

  /**
   * The wait before attempt {@code attempt + 1}: exponential from {@link #initialDelay}, capped, with
   * jitter between half and all of it so many clients do not retry in step.
   */
  Duration backoff(int attempt, double random) {
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    return Duration.ofMillis((long) (capped * (0.5 + random / 2)));
  }
}
