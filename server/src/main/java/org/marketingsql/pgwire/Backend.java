package org.marketingsql.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Writes the server's messages (PostgreSQL protocol 3.0, "Message Formats"). */
final class Backend {
  private final ByteBufAllocator alloc;

  Backend(ByteBufAllocator alloc) {
    this.alloc = alloc;
  }

  /** A message in a buffer of its own: type byte, then a length that counts itself; the body is filled by {@code body}. */
  ByteBuf message(char type, Consumer<ByteBuf> body) {
    ByteBuf buf = alloc.buffer();
    message(buf, type, body);
    return buf;
  }

  /**
   * A message written at the end of {@code into}, a buffer of several messages (a session's {@link Outbound}), so that
   * the messages of every statement need no buffer of their own.
   */
  static void message(ByteBuf into, char type, Consumer<ByteBuf> body) {
    into.writeByte(type);
    int lengthAt = into.writerIndex();
    into.writeInt(0);
    body.accept(into);
    into.setInt(lengthAt, into.writerIndex() - lengthAt);
  }

  ByteBuf authentication(int code, byte[] data) {
    return message('R', b -> {
      b.writeInt(code);
      b.writeBytes(data);
    });
  }

  /** AuthenticationSASL offering SCRAM-SHA-256 only (no channel binding, so no -PLUS). */
  ByteBuf authenticationSasl() {
    return message('R', b -> {
      b.writeInt(10);
      cstring(b, "SCRAM-SHA-256");
      b.writeByte(0);
    });
  }

  ByteBuf parameterStatus(String name, String value) {
    return message('S', b -> {
      cstring(b, name);
      cstring(b, value);
    });
  }

  ByteBuf backendKeyData(int processId, int secret) {
    return message('K', b -> {
      b.writeInt(processId);
      b.writeInt(secret);
    });
  }

  /** {@code status}: 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
  void readyForQuery(ByteBuf into, char status) {
    message(into, 'Z', b -> b.writeByte(status));
  }

  void rowDescription(ByteBuf into, List<Column> columns) {
    message(into, 'T', b -> {
      b.writeShort(columns.size());
      for (Column c : columns) {
        cstring(b, c.name());
        b.writeInt(c.tableOid());
        b.writeShort(c.columnNumber());
        b.writeInt(c.type().oid());
        b.writeShort(c.type().size());
        b.writeInt(-1); // type modifier
        b.writeShort(c.binary() ? 1 : 0);
      }
    });
  }

  void dataRow(ByteBuf into, List<byte[]> values) {
    message(into, 'D', b -> {
      b.writeShort(values.size());
      for (byte[] v : values) {
        if (v == null) {
          b.writeInt(-1);
        } else {
          b.writeInt(v.length);
          b.writeBytes(v);
        }
      }
    });
  }

  void commandComplete(ByteBuf into, String tag) {
    message(into, 'C', b -> cstring(b, tag));
  }

  ByteBuf emptyQueryResponse() {
    return message('I', b -> { });
  }

  void parseComplete(ByteBuf into) {
    message(into, '1', b -> { });
  }

  void bindComplete(ByteBuf into) {
    message(into, '2', b -> { });
  }

  void closeComplete(ByteBuf into) {
    message(into, '3', b -> { });
  }

  void noData(ByteBuf into) {
    message(into, 'n', b -> { });
  }

  ByteBuf portalSuspended() {
    return message('s', b -> { });
  }

  void parameterDescription(ByteBuf into, int[] oids) {
    message(into, 't', b -> {
      b.writeShort(oids.length);
      for (int oid : oids) {
        b.writeInt(oid);
      }
    });
  }

  ByteBuf error(String sqlState, String text) {
    return notice('E', "ERROR", sqlState, text, 0, null);
  }

  /** An ErrorResponse for {@code e}: its SQLSTATE, message, Position (when it has one) and HINT (when it has one). */
  ByteBuf error(PgException e) {
    return notice('E', "ERROR", e.sqlState(), e.getMessage(), e.position(), e.hint());
  }

  /** A NoticeResponse of severity WARNING, as BEGIN inside a transaction block sends. */
  ByteBuf warning(String sqlState, String text) {
    return notice('N', "WARNING", sqlState, text, 0, null);
  }

  ByteBuf fatal(String sqlState, String text) {
    return notice('E', "FATAL", sqlState, text, 0, null);
  }

  /**
   * The fields of a notice or error; the message and the hint cut to {@value #MAX_TEXT} characters, whatever made
   * them, so no error sends a client a page of text.
   */
  private ByteBuf notice(char type, String severity, String sqlState, String text, int position, String hint) {
    return message(type, b -> {
      b.writeByte('S');
      cstring(b, severity);
      b.writeByte('V');
      cstring(b, severity);
      b.writeByte('C');
      cstring(b, sqlState);
      b.writeByte('M');
      cstring(b, bounded(text == null ? "" : text));
      if (hint != null) {
        b.writeByte('H');
        cstring(b, bounded(hint));
      }
      if (position > 0) {
        b.writeByte('P');
        cstring(b, Integer.toString(position));
      }
      b.writeByte(0);
    });
  }

  /** The most characters of an error's message or hint a client is sent. */
  static final int MAX_TEXT = 1000;

  static String bounded(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    int end = MAX_TEXT - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026";
  }

  static void cstring(ByteBuf b, String s) {
    b.writeBytes(s.replace('\0', ' ').getBytes(StandardCharsets.UTF_8));
    b.writeByte(0);
  }

  /** Reads a NUL-terminated UTF-8 string. */
  static String readCString(ByteBuf b) {
    int end = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new io.netty.handler.codec.CorruptedFrameException("string without its terminating NUL");
    }
    String s = b.toString(b.readerIndex(), end - b.readerIndex(), StandardCharsets.UTF_8);
    b.readerIndex(end + 1);
    return s;
  }
}
