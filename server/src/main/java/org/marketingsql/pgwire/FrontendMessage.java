package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;

/**
 * One message from the client. {@code type} is the protocol's type byte, or {@link #STARTUP} for the
 * untyped first message (startup, SSLRequest, CancelRequest). The receiver releases {@code body}.
 */
record FrontendMessage(char type, ByteBuf body) {
  static final char STARTUP = 0;
}
