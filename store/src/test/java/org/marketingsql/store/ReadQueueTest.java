package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The queue of reads waiting for a read session: shortest expected first, with aging, timeouts and cancels. */
class ReadQueueTest {
  private static final String COSTLY = "SELECT costly";
  private static final String CHEAP = "SELECT cheap";
  /** The queue's time, moved by the test alone. */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private ReadQueue queue(int permits, Duration passBound) {
    return new ReadQueue(permits, passBound, 16, now::get);
  }

  /** Teaches {@code queue} that a read of {@code shape} holds its permit {@code held}. */
  private void learn(ReadQueue queue, String shape, Duration held) throws Exception {
    ReadQueue.Waiter read = queue.enter(shape);
    read.await(Duration.ofSeconds(5));
    now.addAndGet(held.toNanos());
    read.release();
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void aCheapReadArrivingAfterACostlyOneIsGivenTheFreedPermitFirst() throws Exception {
    ReadQueue queue = queue(1, Duration.ofMillis(250));
    learn(queue, COSTLY, Duration.ofMillis(50));
    learn(queue, CHEAP, Duration.ofMillis(1));
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter costly = queue.enter(COSTLY);
    advance(Duration.ofMillis(10));
    ReadQueue.Waiter cheap = queue.enter(CHEAP);
    assertTrue(holder.granted());
    assertFalse(costly.granted());
    assertFalse(cheap.granted());
    holder.release();
    assertTrue(cheap.granted(), "the cheap read goes first");
    assertFalse(costly.granted());
    cheap.release();
    assertTrue(costly.granted(), "then the costly one");
  }

  @Test
  void withAPassBoundOfZeroTheWaitersAreServedInTheirOrderOfArrival() throws Exception {
    ReadQueue queue = queue(1, Duration.ZERO);
    learn(queue, COSTLY, Duration.ofMillis(50));
    learn(queue, CHEAP, Duration.ofMillis(1));
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter costly = queue.enter(COSTLY);
    advance(Duration.ofMillis(10));
    ReadQueue.Waiter cheap = queue.enter(CHEAP);
    holder.release();
    assertTrue(costly.granted(), "the first to come goes first");
    assertFalse(cheap.granted());
  }

  @Test
  void aWaiterIsNotPassedByReadsArrivingLaterThanThePassBoundAfterIt() throws Exception {
    ReadQueue queue = queue(1, Duration.ofMillis(100));
    learn(queue, COSTLY, Duration.ofSeconds(2));
    learn(queue, CHEAP, Duration.ofMillis(1));
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter costly = queue.enter(COSTLY);
    advance(Duration.ofMillis(90));
    ReadQueue.Waiter early = queue.enter(CHEAP);
    advance(Duration.ofMillis(20));
    ReadQueue.Waiter late = queue.enter(CHEAP);
    holder.release();
    assertTrue(early.granted(), "a cheap read within the pass bound goes first");
    early.release();
    assertTrue(costly.granted(), "one 110 ms after the costly read, beyond the bound of 100 ms, does not");
    assertFalse(late.granted());
  }

  @Test
  void aReadOfAnUnknownTextIsExpectedToCostAsMuchAsTheAverageRead() throws Exception {
    ReadQueue queue = queue(1, Duration.ofSeconds(1));
    learn(queue, COSTLY, Duration.ofMillis(100));
    learn(queue, CHEAP, Duration.ofMillis(2));
    Duration average = queue.expected(null);
    assertTrue(average.toMillis() > 2 && average.toMillis() < 100, "average " + average);
    assertEquals(average, queue.expected("SELECT never seen"));
    assertEquals(Duration.ofMillis(100), queue.expected(COSTLY));
  }

  @Test
  void theTextsRememberedAreBoundedTheLeastRecentlyUsedForgotten() throws Exception {
    ReadQueue queue = queue(1, Duration.ofSeconds(1));
    learn(queue, "SELECT 0", Duration.ofMillis(500));
    for (int i = 1; i <= 16; i++) {
      learn(queue, "SELECT " + i, Duration.ofMillis(1));
    }
    assertEquals(queue.expected(null), queue.expected("SELECT 0"), "the first text is forgotten");
    assertEquals(Duration.ofMillis(1), queue.expected("SELECT 16"));
    String huge = "SELECT '" + "x".repeat(ReadQueue.LONGEST_SHAPE) + "'";
    learn(queue, huge, Duration.ofMillis(700));
    assertEquals(queue.expected(null), queue.expected(huge), "a text too long is not remembered");
  }

  @Test
  void aReadThatWaitsInVainGivesUpAfterItsWaitAndLeavesTheQueue() throws Exception {
    ReadQueue queue = new ReadQueue(1, Duration.ofMillis(250), 16);
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter waiter = queue.enter(CHEAP);
    long started = System.nanoTime();
    ReadQueue.NotGranted failed = assertThrows(ReadQueue.NotGranted.class, () -> waiter.await(Duration.ofMillis(300)));
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertFalse(failed.cancelled());
    assertTrue(waited >= 290, "waited " + waited + " ms");
    assertEquals(0, queue.waiting());
    holder.release();
    assertEquals(1, queue.free(), "the permit is free, not kept for the read that gave up");
  }

  @Test
  void aCancelStopsAWaitingReadAtOnceAndThePermitIsNotLost() throws Exception {
    ReadQueue queue = new ReadQueue(1, Duration.ofMillis(250), 16);
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter waiter = queue.enter(CHEAP);
    CompletableFuture<ReadQueue.NotGranted> outcome = CompletableFuture.supplyAsync(() -> {
      try {
        waiter.await(Duration.ofSeconds(30));
        return null;
      } catch (ReadQueue.NotGranted e) {
        return e;
      }
    });
    while (!outcome.isDone() && !waiter.parked()) {
      Thread.onSpinWait();
    }
    long started = System.nanoTime();
    waiter.cancel();
    ReadQueue.NotGranted failed = outcome.get(10, TimeUnit.SECONDS);
    assertTrue(failed != null && failed.cancelled(), "the wait ends as cancelled");
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "at once, not after its wait of 30 s");
    assertEquals(0, queue.waiting());
    holder.release();
    assertEquals(1, queue.free());
  }

  @Test
  void aReadCancelledAfterItWasGrantedButBeforeItsAwaitHandsThePermitOn() throws Exception {
    ReadQueue queue = queue(1, Duration.ofMillis(250));
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter cancelled = queue.enter(CHEAP);
    ReadQueue.Waiter next = queue.enter(CHEAP);
    holder.release();
    assertTrue(cancelled.granted());
    cancelled.cancel();
    assertTrue(assertThrows(ReadQueue.NotGranted.class, () -> cancelled.await(Duration.ofSeconds(1))).cancelled());
    assertTrue(next.granted(), "the permit went on to the next waiter");
    ReadQueue.Waiter after = queue.enter(CHEAP);
    assertTrue(assertThrows(ReadQueue.NotGranted.class, () -> cancelled.await(Duration.ofSeconds(1))).cancelled());
    cancelled.abandon();
    assertFalse(after.granted(), "a second await or an abandon hands on nothing more");
    cancelled.release();
    next.release();
    assertTrue(after.granted());
    after.release();
    assertEquals(1, queue.free(), "and came back once");
  }

  @Test
  void aCancelOfAReadHoldingItsPermitChangesNothingAndASecondReleaseDoesNothing() throws Exception {
    ReadQueue queue = queue(2, Duration.ofMillis(250));
    ReadQueue.Waiter read = queue.enter(CHEAP);
    read.await(Duration.ofSeconds(1));
    read.cancel();
    assertEquals(1, queue.free());
    read.release();
    read.release();
    assertEquals(2, queue.free());
  }

  @Test
  void anInterruptedWaiterLeavesTheQueueKeepingTheInterrupt() throws Exception {
    ReadQueue queue = new ReadQueue(1, Duration.ofMillis(250), 16);
    ReadQueue.Waiter holder = queue.enter(null);
    ReadQueue.Waiter waiter = queue.enter(CHEAP);
    AtomicInteger outcome = new AtomicInteger();
    Thread thread = new Thread(() -> {
      try {
        waiter.await(Duration.ofSeconds(30));
        outcome.set(1);
      } catch (ReadQueue.NotGranted e) {
        outcome.set(e.cancelled() && Thread.currentThread().isInterrupted() ? 2 : 3);
      }
    });
    thread.start();
    thread.interrupt();
    thread.join(10_000);
    assertEquals(2, outcome.get(), "cancelled, interrupt kept");
    assertEquals(0, queue.waiting());
    holder.release();
    assertEquals(1, queue.free());
  }

  @Test
  void thirtyTwoReadersWithCancelsAndTimeoutsNeverHoldMoreThanThePermitsAndLoseNone() throws Exception {
    ReadQueue queue = new ReadQueue(4, Duration.ofMillis(50), 8);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger granted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService readers = Executors.newFixedThreadPool(32);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < 32; r++) {
        done.add(readers.submit(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int n = 0; n < 200; n++) {
            ReadQueue.Waiter read = queue.enter("SELECT " + random.nextInt(12));
            if (random.nextInt(10) == 0) {
              read.cancel();
            }
            try {
              read.await(Duration.ofMillis(random.nextInt(10) == 0 ? 1 : 5_000));
            } catch (ReadQueue.NotGranted e) {
              refused.incrementAndGet();
              continue;
            }
            int now = holding.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            granted.incrementAndGet();
            if (random.nextBoolean()) {
              Thread.yield();
            }
            holding.decrementAndGet();
            read.release();
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      readers.shutdownNow();
    }
    assertTrue(most.get() <= 4, "at most 4 held at once, found " + most.get());
    assertEquals(32 * 200, granted.get() + refused.get());
    assertTrue(refused.get() >= 32 * 200 / 10 / 2, "the cancelled reads were refused: " + refused.get());
    assertEquals(4, queue.free(), "every permit came back");
    assertEquals(0, queue.waiting());
  }
}
