package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.Objects;

/**
 * A session's messages on their way to the client, gathered on the session's own thread into one buffer and handed
 * to Netty as one write at each {@link #flush}. Each write Netty is given from a thread other than its I/O thread is a
 * task of that thread's: a statement's ParseComplete, BindComplete, RowDescription, rows, CommandComplete and
 * ReadyForQuery were a dozen tasks and, with a flush after each message, five wake-ups of the I/O thread; gathered,
 * they are one of each. Used by the session's thread only.
 */
final class Outbound {
  /** The first size of the buffer messages are gathered in: a typical statement's answers fit. */
  private static final int FIRST_CAPACITY = 1024;
  private final ChannelHandlerContext ctx;
  /** The messages not yet handed to Netty, null when there are none. */
  private ByteBuf pending;

  Outbound(ChannelHandlerContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  /** Appends {@code message} to what the next {@link #flush} sends, and releases it. */
  void write(ByteBuf message) {
    try {
      if (pending == null) {
        pending = ctx.alloc().buffer(Math.max(FIRST_CAPACITY, message.readableBytes()));
      }
      pending.writeBytes(message);
    } finally {
      message.release();
    }
  }

  /**
   * The buffer the next {@link #flush} sends, for the session's thread to write messages straight into ({@link
   * Backend#message(ByteBuf, char, java.util.function.Consumer)}) rather than each into a buffer of its own.
   */
  ByteBuf buffer() {
    if (pending == null) {
      pending = ctx.alloc().buffer(FIRST_CAPACITY);
    }
    return pending;
  }

  /** The bytes written and not yet flushed. */
  int pendingBytes() {
    return pending == null ? 0 : pending.readableBytes();
  }

  /** Hands every message written so far to Netty and flushes the channel. */
  void flush() {
    ByteBuf batch = pending;
    pending = null;
    if (batch != null) {
      ctx.writeAndFlush(batch);
    }
  }

  /** Appends {@code message}, then flushes; the future completes once the whole batch is written. */
  ChannelFuture writeAndFlush(ByteBuf message) {
    write(message);
    ByteBuf batch = pending;
    pending = null;
    return ctx.writeAndFlush(batch);
  }

  /** Drops what was not flushed, as the connection ends. */
  void discard() {
    ByteBuf batch = pending;
    pending = null;
    if (batch != null) {
      batch.release();
    }
  }
}
