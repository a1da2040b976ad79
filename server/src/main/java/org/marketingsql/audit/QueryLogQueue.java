package org.marketingsql.audit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * The query log's lines on their way to the log, so that logging never makes a statement wait: a statement
 * only puts its line in a bounded queue ({@link #offer}), and one thread of its own writes the lines to their
 * loggers in the order they came. When the log cannot keep up (a slow stderr, a full pipe) and the queue is
 * full, a line is dropped rather than waited for, and the next line that gets through is preceded by a line
 * that says how many were dropped (so is an idle moment, at the latest a second later). At 32 clients the
 * synchronised stderr stream of slf4j-simple had made statements wait 4.9 s in all (docs/performance.md).
 */
public final class QueryLogQueue {
  /** Lines a burst of statements may queue before lines are dropped. */
  static final int CAPACITY = 8192;
  private static final QueryLogQueue QUERIES = new QueryLogQueue(CAPACITY, (logger, line) -> logger.info("{}", line));

  /** One line for one logger, after {@code droppedBefore} lines that found the queue full. */
  private record Entry(Logger logger, String line, long droppedBefore) {
  }

  private final BlockingQueue<Entry> queue;
  private final BiConsumer<Logger, String> sink;
  private final AtomicLong dropped = new AtomicLong();
  /** Lines offered and not yet written or dropped: what {@link #drain} waits for. */
  private final AtomicLong pending = new AtomicLong();
  private volatile Logger lastLogger;

  /**
   * @param capacity lines the queue holds before it drops
   * @param sink writes one line to its logger; called on the queue's own thread only, in the order offered
   */
  QueryLogQueue(int capacity, BiConsumer<Logger, String> sink) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the query log's queue must hold at least one line, not " + capacity);
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sink = Objects.requireNonNull(sink, "sink");
    Thread writer = new Thread(this::write, "marketing-sql query log");
    writer.setDaemon(true);
    writer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(Duration.ofSeconds(1)),
        "marketing-sql query log, last lines"));
  }

  /** The process's query log: every statement of the PostgreSQL port and of the Avatica server logs here. */
  public static QueryLogQueue queries() {
    return QUERIES;
  }

  /** Queues one line for {@code logger}; never waits: drops the line if the queue is full. */
  public void offer(Logger logger, String line) {
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(line, "line");
    pending.incrementAndGet();
    long droppedBefore = dropped.getAndSet(0);
    if (!queue.offer(new Entry(logger, line, droppedBefore))) {
      dropped.addAndGet(droppedBefore + 1);
      pending.decrementAndGet();
    }
  }

  /**
   * Waits up to {@code timeout} until every line offered so far is written (or dropped); for tests and for
   * the end of the process. Returns whether it was.
   */
  public boolean drain(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0 || dropped.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void write() {
    while (true) {
      try {
        Entry entry = queue.poll(1, TimeUnit.SECONDS);
        if (entry == null) {
          long idle = dropped.getAndSet(0);
          if (idle > 0 && lastLogger != null) {
            writeDropped(lastLogger, idle);
          }
          continue;
        }
        if (entry.droppedBefore() > 0) {
          writeDropped(entry.logger(), entry.droppedBefore());
        }
        lastLogger = entry.logger();
        try {
          sink.accept(entry.logger(), entry.line());
        } finally {
          pending.decrementAndGet();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // a sink that fails loses its line, not the log
      }
    }
  }

  private void writeDropped(Logger logger, long count) {
    sink.accept(logger, count + " query log line" + (count == 1 ? " was" : "s were")
        + " dropped: the log could not keep up with the statements");
  }
}
