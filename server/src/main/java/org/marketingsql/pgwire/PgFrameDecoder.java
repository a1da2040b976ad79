package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Cuts the byte stream into messages. Until the startup message has been read a message has no type
 * byte; SSLRequest is answered by the session and followed by another untyped startup message.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
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
      // Only a real startup message ends the untyped phase; SSL and GSS requests are followed by another.
      started = code != SSL_REQUEST && code != GSSENC_REQUEST;
    }
    out.add(new FrontendMessage(type, body));
  }
}
