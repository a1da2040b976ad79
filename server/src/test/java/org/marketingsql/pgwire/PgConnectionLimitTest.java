package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.marketingsql.testing.IsolatedHome;

/**
 * Many connection attempts at once: each is served or refused with 53300 at once, none is left waiting.
 * {@code -Dmarketingsql.connections.attempts=500} for the full run; the default run makes 110.
 */
@ExtendWith(IsolatedHome.class)
class PgConnectionLimitTest {
  private static final int ATTEMPTS = Integer.getInteger("marketingsql.connections.attempts", 110);
  @TempDir
  Path temp;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Outcome(int served, int refused, List<String> other) {
  }

  /** {@code attempts} clients log in at once and stay until every one has its answer. */
  private Outcome attempt(int attempts) throws Exception {
    // the first login builds the store; the storm measures the limits, not that
    try (RawPgClient first = server.raw(60_000)) {
      assertTrue(RawPgClient.readyIn(first.login("alice", "s3cret")));
    }
    long start = System.nanoTime();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    AtomicInteger served = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
    CountDownLatch answered = new CountDownLatch(attempts);
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> clients = new ArrayList<>();
    try {
      for (int i = 0; i < attempts; i++) {
        clients.add(pool.submit(() -> {
          try (RawPgClient client = server.raw(60_000)) {
            List<Message> got = client.login("alice", "s3cret");
            if (RawPgClient.readyIn(got)) {
              served.incrementAndGet();
              answered.countDown();
              release.await();
              assertTrue(RawPgClient.readyIn(client.query("select 1")));
            } else {
              if ("53300".equals(RawPgClient.errorState(got))) {
                refused.incrementAndGet();
              } else {
                other.add(got.toString());
              }
              answered.countDown();
            }
          } catch (Exception e) {
            other.add(e.toString());
            answered.countDown();
          }
          return null;
        }));
      }
      assertTrue(answered.await(120, TimeUnit.SECONDS), "clients left without an answer: " + answered.getCount());
      release.countDown();
      for (Future<?> f : clients) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    System.out.printf("%d connection attempts answered in %d ms%n", attempts, (System.nanoTime() - start) / 1_000_000);
    return new Outcome(served.get(), refused.get(), List.copyOf(other));
  }

  @Test
  void atTheDefaultLimitAHundredAreServedAndTheRestRefusedWith53300AtOnce() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
    Outcome outcome = attempt(ATTEMPTS);
    assertEquals(List.of(), outcome.other());
    assertEquals(100, outcome.served());
    assertEquals(ATTEMPTS - 100, outcome.refused());
  }

  @Test
  void withTheLimitRaisedEveryAttemptIsServed() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxConnections(ATTEMPTS).withMaxConnectionsPerUser(ATTEMPTS));
    Outcome outcome = attempt(ATTEMPTS);
    assertEquals(List.of(), outcome.other());
    assertEquals(ATTEMPTS, outcome.served());
  }

  @Test
  void aUserAtTheirOwnLimitIsRefusedWhileOthersStillLogIn() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults().withMaxConnectionsPerUser(2));
    try (RawPgClient a = server.raw(30_000); RawPgClient b = server.raw(30_000); RawPgClient c = server.raw(30_000)) {
      assertTrue(RawPgClient.readyIn(a.login("alice", "s3cret")));
      assertTrue(RawPgClient.readyIn(b.login("alice", "s3cret")));
      List<Message> got = c.login("alice", "s3cret");
      assertEquals("53300", RawPgClient.errorState(got), got.toString());
      assertTrue(got.get(0).field('M').contains("too many connections for role"), got.toString());
    }
  }
}
