package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * Cuts the byte stream into messages. Until the startup message has been read a message has no type
 * byte. SSLRequest and GSSENCRequest are answered here, on the I/O thread, because after an 'S' the
 * next bytes are the TLS handshake and the TLS handler must be in place before they are read.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
  private final SslContext tls;

  /** {@code tls} null: answer SSLRequest with 'N'. */
  PgFrameDecoder(SslContext tls) {
    this.tls = tls;
  }

  /** Large enough for any query text a BI tool writes; guards against a garbage length. */
  private static final int MAX_MESSAGE = 64 * 1024 * 1024;
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private boolean started;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int header = started ? 5 : 4;
    if (in.readableBytes() < header) {
      return;
    }
    int start = in.readerIndex();
    char type = started ? (char) in.getByte(start) : FrontendMessage.STARTUP;
    int length = in.getInt(start + header - 4);
    if (length < 4 || length > MAX_MESSAGE) {
      throw new CorruptedFrameException("message length " + length + " is out of range");
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
}
