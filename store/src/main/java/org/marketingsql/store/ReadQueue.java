package org.marketingsql.store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who gets the next free read session: a fixed number of permits, one per session, and the reads that wait for one,
 * served shortest expected first with aging. A read's expected cost is how long reads of the same shape (the SQL text
 * sent to the store) held their session before, an exponentially weighted average; a shape never seen, or a read
 * that names none, is expected to hold its session as long as the average read. A waiter's place is its arrival time
 * plus its expected cost times {@value #STRETCH}, that plus at most {@code passBound}: so a waiter is passed only by
 * reads that arrive within {@code passBound} after it and are expected to be that much shorter, and a read that has
 * waited {@code passBound} goes before every read arriving later, whatever their costs. A pass bound of zero serves
 * the waiters in their order of arrival.
 *
 * <p>A permit is handed straight from the read that releases it to the waiter it chooses, so a read arriving meanwhile
 * cannot take it. The shapes remembered are bounded ({@code shapesKept}, least recently used forgotten, texts longer
 * than {@value #LONGEST_SHAPE} characters not remembered), since clients choose the texts.
 */
final class ReadQueue {
  /** How many times its expected cost a waiter lets shorter reads that arrive after it go first. */
  static final int STRETCH = 4;
  /** The longest SQL text remembered as a shape; a longer one is an unknown shape. */
  static final int LONGEST_SHAPE = 8192;
  /** The weight of a new hold time in a shape's average: about the last ten count. */
  private static final double WEIGHT = 0.2;
  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
  private final long passBound;
  private final LongSupplier clock;
  private final Map<String, double[]> costs;
  private int free;
  private long arrivals;
  /** The average hold time of every read, in ns: what an unknown shape is expected to cost. */
  private double averageCost;

  ReadQueue(int permits, Duration passBound, int shapesKept) {
    this(permits, passBound, shapesKept, System::nanoTime);
  }

  /** With {@code clock} giving the time in nanoseconds, as {@code System.nanoTime} does. */
  ReadQueue(int permits, Duration passBound, int shapesKept, LongSupplier clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (permits < 1) {
      throw new IllegalArgumentException("a read queue needs at least 1 permit, not " + permits);
    }
    Objects.requireNonNull(passBound, "passBound");
    if (passBound.isNegative()) {
      throw new IllegalArgumentException("a read queue's pass bound cannot be negative: " + passBound);
    }
    if (shapesKept < 1) {
      throw new IllegalArgumentException("a read queue remembers at least 1 shape, not " + shapesKept);
    }
    this.free = permits;
    this.passBound = passBound.toNanos();
    this.costs = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
        return size() > shapesKept;
      }
    };
  }

  /** Why a read got no permit: it waited {@code maxWait} in vain, or its statement was cancelled while it waited. */
  static final class NotGranted extends Exception {
    private final boolean cancelled;

    NotGranted(boolean cancelled) {
      super(cancelled ? "cancelled while waiting for a read session" : "no read session became free in time", null,
          false, false);
      this.cancelled = cancelled;
    }

    boolean cancelled() {
      return cancelled;
    }
  }

  /**
   * Enters the queue for a read of {@code shape} (null when unknown): granted at once when a permit is free and none
   * waits, else a waiter to {@link Waiter#await} its turn.
   */
  Waiter enter(String shape) {
    String key = shape != null && shape.length() <= LONGEST_SHAPE ? shape : null;
    lock.lock();
    try {
      long now = clock.getAsLong();
      double[] cost = key == null ? null : costs.get(key);
      long expected = (long) (cost != null ? cost[0] : averageCost);
      Waiter waiter = new Waiter(key, now + Math.min(expected * STRETCH, passBound), arrivals++);
      if (free > 0 && waiting.isEmpty()) {
        free--;
        waiter.granted(now);
      } else {
        waiting.add(waiter);
      }
      return waiter;
    } finally {
      lock.unlock();
    }
  }

  /** The expected hold time of a read of {@code shape}, as {@link #enter} would use it now. */
  Duration expected(String shape) {
    lock.lock();
    try {
      double[] cost = shape == null ? null : costs.get(shape);
      return Duration.ofNanos((long) (cost != null ? cost[0] : averageCost));
    } finally {
      lock.unlock();
    }
  }

  /** How many reads wait now. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many permits are free now. */
  int free() {
    lock.lock();
    try {
      return free;
    } finally {
      lock.unlock();
    }
  }

  /** Hands a permit to the first waiter, else makes it free. Under the lock. */
  private void handOn(long now) {
    Waiter next = waiting.poll();
    if (next == null) {
      free++;
    } else {
      next.granted(now);
    }
  }

  /** Learns how long a read of {@code shape} held its permit. Under the lock. */
  private void learn(String shape, long held) {
    averageCost = averageCost == 0 ? held : averageCost + WEIGHT * (held - averageCost);
    if (shape != null) {
      double[] cost = costs.get(shape);
      if (cost == null) {
        costs.put(shape, new double[] {held});
      } else {
        cost[0] += WEIGHT * (held - cost[0]);
      }
    }
  }

  /** One read's place in the queue, then its permit; {@link #release} hands the permit on, exactly once. */
  final class Waiter implements Comparable<Waiter> {
    private final String shape;
    private final long place;
    private final long order;
    private final Condition turn = lock.newCondition();
    /** Guarded by the lock, as the fields below. */
    private long grantedAt;
    private boolean granted;
    private boolean cancelled;
    /** Whether {@link #await} returned holding the permit. */
    private boolean holding;
    private boolean done;

    private Waiter(String shape, long place, long order) {
      this.shape = shape;
      this.place = place;
      this.order = order;
    }

    private void granted(long now) {
      granted = true;
      grantedAt = now;
      turn.signal();
    }

    @Override
    public int compareTo(Waiter other) {
      int byPlace = Long.compare(place - other.place, 0);
      return byPlace != 0 ? byPlace : Long.compare(order, other.order);
    }

    /**
     * Waits for the permit at most {@code maxWait}; returns holding it, else throws, holding nothing (a permit granted
     * to a waiter that was cancelled is handed on). Interrupted, it leaves the queue and keeps the interrupt.
     */
    void await(Duration maxWait) throws NotGranted {
      lock.lock();
      try {
        long left = maxWait.toNanos();
        while (!granted && !cancelled && left > 0) {
          try {
            left = turn.awaitNanos(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
          }
        }
        if (cancelled) {
          leave();
          throw new NotGranted(true);
        }
        if (!granted) {
          leave();
          throw new NotGranted(false);
        }
        holding = true;
      } finally {
        lock.unlock();
      }
    }

    /** Out of the queue, or the permit granted meanwhile handed on, once. Under the lock. */
    private void leave() {
      if (done) {
        return;
      }
      done = true;
      if (granted) {
        handOn(clock.getAsLong());
      } else {
        waiting.remove(this);
      }
    }

    /** Stops a wait from another thread: {@link #await} throws. Does nothing to a read that holds its permit. */
    void cancel() {
      lock.lock();
      try {
        if (!done && !holding && !cancelled) {
          cancelled = true;
          turn.signal();
        }
      } finally {
        lock.unlock();
      }
    }

    /** Whether {@link #await} would return at once now. */
    boolean granted() {
      lock.lock();
      try {
        return granted && !cancelled;
      } finally {
        lock.unlock();
      }
    }

    /** Leaves the queue without waiting, handing on a permit granted meanwhile: for a read given up before its wait. */
    void abandon() {
      lock.lock();
      try {
        if (!done && !holding) {
          cancelled = true;
          leave();
        }
      } finally {
        lock.unlock();
      }
    }

    /** Whether a thread is parked in {@link #await} for this read's turn now. */
    boolean parked() {
      lock.lock();
      try {
        return lock.hasWaiters(turn);
      } finally {
        lock.unlock();
      }
    }

    /**
     * Hands the permit back, learning how long the read held it, and on to the waiter that goes next; a second call
     * does nothing.
     */
    void release() {
      lock.lock();
      try {
        if (done || !granted) {
          return;
        }
        done = true;
        long now = clock.getAsLong();
        learn(shape, now - grantedAt);
        handOn(now);
      } finally {
        lock.unlock();
      }
    }
  }
}
