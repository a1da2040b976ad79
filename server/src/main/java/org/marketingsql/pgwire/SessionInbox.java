package org.marketingsql.pgwire;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The messages a session has received and not yet handled, handed from the I/O thread to the session's
 * own thread in their order. A client that sends faster than its session works is stopped at the socket:
 * past {@code pauseAtBytes} (or {@link #PAUSE_AT_MESSAGES}) waiting, the channel stops reading until the
 * session has taken every waiting message.
 */
final class SessionInbox {
  static final int PAUSE_AT_MESSAGES = 1024;
  private static final FrontendMessage CLOSED = new FrontendMessage('\uffff', Unpooled.EMPTY_BUFFER);
  private final Channel channel;
  private final long pauseAtBytes;
  private final LinkedBlockingQueue<FrontendMessage> queue = new LinkedBlockingQueue<>();
  private long waitingBytes;
  private boolean paused;
  private volatile boolean closed;

  SessionInbox(Channel channel, long pauseAtBytes) {
    this.channel = Objects.requireNonNull(channel, "channel");
    if (pauseAtBytes < 1) {
      throw new IllegalArgumentException("pauseAtBytes must be positive, found " + pauseAtBytes);
    }
    this.pauseAtBytes = pauseAtBytes;
  }

  /** On the I/O thread: queues {@code m}, whose body the session releases; released here once closed. */
  void offer(FrontendMessage m) {
    if (closed) {
      m.body().release();
      return;
    }
    queue.add(m);
    if (closed) {
      drain(); // the session ended meanwhile
      return;
    }
    synchronized (this) {
      waitingBytes += m.body().readableBytes();
      if (!paused && (waitingBytes >= pauseAtBytes || queue.size() >= PAUSE_AT_MESSAGES)) {
        paused = true;
        channel.config().setAutoRead(false);
      }
    }
  }

  /**
   * On the session's thread: the next message, waiting at most {@code idle} (zero: without end). Empty
   * when the idle time passed; {@link #isEnd} when the connection has closed.
   */
  FrontendMessage take(Duration idle) throws InterruptedException {
    FrontendMessage m = idle.isZero() ? queue.take() : queue.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
    if (m == null || m == CLOSED) {
      return m;
    }
    // under the same lock as the decision to pause, so a pause is never decided after the last resume
    synchronized (this) {
      waitingBytes -= m.body().readableBytes();
      if (paused && queue.isEmpty()) {
        paused = false;
        channel.config().setAutoRead(true);
      }
    }
    return m;
  }

  /** The message {@link #take} returns once the connection has closed. */
  static boolean isEnd(FrontendMessage m) {
    return m == CLOSED;
  }

  /** On the I/O thread when the connection closes: wakes the session's thread. */
  void close() {
    closed = true;
    queue.add(CLOSED);
  }

  /** On the session's thread as it ends: frees what was never handled, and what comes later. */
  void drain() {
    closed = true;
    FrontendMessage m;
    while ((m = queue.poll()) != null) {
      m.body().release();
    }
  }
}
