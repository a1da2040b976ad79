package org.marketingsql.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query log's queue: statements never wait for the log, lines keep their order, drops are counted. */
class QueryLogQueueTest {
  private static final Logger LOG = LoggerFactory.getLogger("org.marketingsql.test.queries");

  @Test
  void aSlowLogDoesNotSlowTheStatementsThatLog() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    QueryLogQueue queue = new QueryLogQueue(100, (logger, line) -> {
      try {
        release.await(); // a stderr nobody reads
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.add(line);
    });
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      queue.offer(LOG, "statement " + i);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 500, "50 lines took " + millis + " ms to log while the log was stuck");
    assertFalse(queue.drain(Duration.ofMillis(50)), "nothing is written while the log is stuck");
    release.countDown();
    assertTrue(queue.drain(Duration.ofSeconds(10)));
    assertEquals(50, written.size());
  }

  @Test
  void theLinesArriveInTheOrderTheStatementsLoggedThem() {
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    QueryLogQueue queue = new QueryLogQueue(10_000, (logger, line) -> written.add(line));
    List<String> offered = IntStream.range(0, 5_000).mapToObj(i -> "statement " + i).toList();
    offered.forEach(line -> queue.offer(LOG, line));
    assertTrue(queue.drain(Duration.ofSeconds(10)));
    assertEquals(offered, written);
  }

  @Test
  void aFullQueueDropsLinesAndTheLogSaysHowMany() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstTaken = new CountDownLatch(1);
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    QueryLogQueue queue = new QueryLogQueue(3, (logger, line) -> {
      firstTaken.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.add(line);
    });
    queue.offer(LOG, "a"); // taken by the writer, which is stuck on it
    assertTrue(firstTaken.await(10, java.util.concurrent.TimeUnit.SECONDS));
    for (String line : List.of("b", "c", "d", "e", "f", "g")) {
      queue.offer(LOG, line); // b, c, d fill the queue; e, f, g are dropped
    }
    release.countDown();
    assertTrue(queue.drain(Duration.ofSeconds(10)));
    queue.offer(LOG, "h");
    assertTrue(queue.drain(Duration.ofSeconds(10)));
    assertEquals(List.of("a", "b", "c", "d", "3 query log lines were dropped: the log could not keep up with the statements",
        "h"), written.size() == 6 ? written : List.copyOf(written));
  }

  @Test
  void aQueueThatHoldsNoLineIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new QueryLogQueue(0, (logger, line) -> { }));
  }
}
