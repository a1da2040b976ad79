package org.marketingsql.pgwire;

import io.netty.channel.Channel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a session's own thread wait while its client does not read: the thread that produces rows waits
 * here until the channel's outbound buffer has drained below Netty's low water mark, or the channel has
 * closed. The I/O thread signals on every change, so no thread but the session's own ever waits.
 */
final class Writability {
  /** A signal can only be missed if the channel changes between the check and the wait; look again this often. */
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final Channel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  Writability(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /** Called by the I/O thread when the channel's writability changes or the channel closes. */
  void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the channel is writable, closed, or {@code deadlineNanos} (System.nanoTime) has passed.
   * True when writable, false when the deadline passed first; throws when the channel closed.
   */
  boolean await(long deadlineNanos) throws ClientGoneException, InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (!channel.isActive()) {
          throw new ClientGoneException();
        }
        if (channel.isWritable()) {
          return true;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, RECHECK_NANOS));
      }
    } finally {
      lock.unlock();
    }
  }

  /** The client closed its connection while a session wrote to it. */
  static final class ClientGoneException extends RuntimeException {
    ClientGoneException() {
      super("the client closed the connection", null, false, false);
    }
  }
}
