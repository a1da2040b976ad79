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

  /** A message: type byte, then a length that counts itself; the body is filled by {@code body}. */
  ByteBuf message(char type, Consumer<ByteBuf> body) {
    ByteBuf buf = alloc.buffer();
    buf.writeByte(type);
    int lengthAt = buf.writerIndex();
    buf.writeInt(0);
    body.accept(buf);
    buf.setInt(lengthAt, buf.writerIndex() - lengthAt);
    return buf;
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
  ByteBuf readyForQuery(char status) {
    return message('Z', b -> b.writeByte(status));
  }

  ByteBuf rowDescription(List<Column> columns) {
    return message('T', b -> {
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

  ByteBuf dataRow(List<byte[]> values) {
    return message('D', b -> {
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

  ByteBuf commandComplete(String tag) {
    return message('C', b -> cstring(b, tag));
  }

  ByteBuf emptyQueryResponse() {
    return message('I', b -> { });
  }

  ByteBuf parseComplete() {
    return message('1', b -> { });
  }

  ByteBuf bindComplete() {
    return message('2', b -> { });
  }

  ByteBuf closeComplete() {
    return message('3', b -> { });
  }

  ByteBuf noData() {
    return message('n', b -> { });
  }

  ByteBuf portalSuspended() {
    return message('s', b -> { });
  }

  ByteBuf parameterDescription(int[] oids) {
    return message('t', b -> {
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
