package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * Cuts the byte stream into messages. Until the startup message has been read a message has no type
 * byte. SSLRequest and GSSENCRequest are answered here, on the I/O thread, because after an 'S' the
 * next bytes are the TLS handshake and the TLS handler must be in place before they are read.
 *
 * <p>A message's length is checked before its body is waited for, so a client cannot make the server
 * hold more than one message's worth of its bytes: until the login is done, PostgreSQL's limit on the
 * startup packet ({@link PgLimits#MAX_STARTUP_MESSAGE_BYTES}) holds for every message; after it, the
 * configured one. A message over the limit closes the connection with FATAL 08P01.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private final SslContext tls;
  private final int maxMessageBytes;
  /** Set by the session once its client has logged in; read on the I/O thread. */
  private volatile boolean loggedIn;
  private boolean started;
  private boolean failed;

  /** {@code tls} null: answer SSLRequest with 'N'. {@code maxMessageBytes}: the limit after login. */
  PgFrameDecoder(SslContext tls, int maxMessageBytes) {
    if (maxMessageBytes < PgLimits.MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be at least " + PgLimits.MIN_MESSAGE_BYTES
          + ", found " + maxMessageBytes);
    }
    this.tls = tls;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** From now on a message may be as long as the configured limit. */
  void loggedIn() {
    loggedIn = true;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int header = started ? 5 : 4;
    if (in.readableBytes() < header) {
      return;
    }
    int start = in.readerIndex();
    char type = started ? (char) in.getByte(start) : FrontendMessage.STARTUP;
    int length = in.getInt(start + header - 4);
    int max = loggedIn ? maxMessageBytes : PgLimits.MAX_STARTUP_MESSAGE_BYTES;
    if (length < (started ? 4 : 8) || length > max) {
      fail(ctx, in, started ? "invalid message length " + length + " (at most " + max + " bytes)"
          : "invalid length of startup packet " + length + " (at most " + max + " bytes)");
      return;
    }
    if (in.readableBytes() < header - 4 + length) {
      return;
    }
    in.skipBytes(header);
    ByteBuf body = in.readRetainedSlice(length - 4);
    if (!started) {
      int code = body.getInt(body.readerIndex());
      if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
        // Another untyped startup message follows, inside TLS or in the clear.
        body.release();
        boolean startTls = code == SSL_REQUEST && tls != null && ctx.pipeline().get(SslHandler.class) == null;
        if (startTls && in.isReadable()) {
          // Bytes sent before the handshake would be read as if TLS protected them (CVE-2021-23214).
          fail(ctx, in, "received unencrypted data after SSL request");
          return;
        }
        ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(startTls ? 'S' : 'N'));
        if (startTls) {
          ctx.pipeline().addFirst("tls", tls.newHandler(ctx.alloc()));
        }
        return;
      }
      started = true;
    }
    out.add(new FrontendMessage(type, body));
  }

  /** Drops what the client sent and will send, answers FATAL 08P01 and closes. */
  private void fail(ChannelHandlerContext ctx, ByteBuf in, String message) {
    failed = true;
    in.skipBytes(in.readableBytes());
    ctx.writeAndFlush(new Backend(ctx.alloc()).fatal("08P01", message)).addListener(ChannelFutureListener.CLOSE);
  }
}
