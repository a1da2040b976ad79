package org.marketingsql.source.export;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How an export is written: its charset, how many BOM bytes precede the text, and its delimiter.
 *
 * @param charset the charset of the text after the BOM
 * @param bomLength bytes of byte-order mark to skip, 0 without one
 * @param delimiter {@code ,}, {@code ;} or tab
 */
record Dialect(Charset charset, int bomLength, char delimiter) {

  Dialect {
    Objects.requireNonNull(charset, "charset");
    if (bomLength < 0 || bomLength > 3) {
      throw new IllegalArgumentException("bomLength must be 0..3, was " + bomLength);
    }
    if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
      throw new IllegalArgumentException("unsupported delimiter " + (int) delimiter);
    }
  }

  /**
   * Sniffs the dialect from the first bytes of a file.
   *
   * @param prefix the first bytes of the file
   * @param wholeFile whether {@code prefix} is the whole file (so a cut-off character is an error)
   * @param tabByDefault whether tab wins when the header has no delimiter or a tie (.tsv files)
   */
  static Dialect sniff(byte[] prefix, boolean wholeFile, boolean tabByDefault) {
    return sniff(prefix, wholeFile, tabByDefault, 0);
  }

  /**
   * Sniffs the dialect of a file whose header is preceded by {@code preambleLines} physical lines of
   * report text, which decide the charset but not the delimiter.
   */
  static Dialect sniff(byte[] prefix, boolean wholeFile, boolean tabByDefault, long preambleLines) {
    Charset charset;
    int bom;
    if (startsWith(prefix, 0xEF, 0xBB, 0xBF)) {
      charset = StandardCharsets.UTF_8;
      bom = 3;
    } else if (startsWith(prefix, 0xFF, 0xFE)) {
      charset = StandardCharsets.UTF_16LE;
      bom = 2;
    } else if (startsWith(prefix, 0xFE, 0xFF)) {
      charset = StandardCharsets.UTF_16BE;
      bom = 2;
    } else {
      // without a BOM, bytes that are not UTF-8 are most likely a Latin-1 export from an old tool
      charset = isUtf8(prefix, wholeFile) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
      bom = 0;
    }
    String text = skipLines(new String(prefix, bom, prefix.length - bom, charset), preambleLines);
    return new Dialect(charset, bom, delimiter(text, tabByDefault));
  }

  /** The text after its first {@code lines} physical lines (CR, LF or CRLF end a line). */
  static String skipLines(String text, long lines) {
    int i = 0;
    for (long n = 0; n < lines && i < text.length(); n++) {
      while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        i++;
      }
      i++;
    }
    return i >= text.length() ? "" : text.substring(i);
  }

  /** Whether the bytes decode as UTF-8; a character cut off at the end counts as valid unless it is the whole file. */
  static boolean isUtf8(byte[] bytes, boolean wholeFile) {
    CharsetDecoder decoder = strictDecoder(StandardCharsets.UTF_8);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    return !decoder.decode(ByteBuffer.wrap(bytes), out, wholeFile).isError()
        && (!wholeFile || !decoder.flush(out).isError());
  }

  /** A decoder that fails on malformed input instead of silently writing replacement characters. */
  static CharsetDecoder strictDecoder(Charset charset) {
    return charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * The delimiter of the header line: the candidate occurring most often outside quotes in the first
   * non-blank line. Ties and headers without any candidate (one column) fall back to the default.
   */
  static char delimiter(String text, boolean tabByDefault) {
    int i = 0;
    int n = text.length();
    // skip blank lines before the header
    while (i < n && (text.charAt(i) == '\r' || text.charAt(i) == '\n' || text.charAt(i) == ' ')) {
      i++;
    }
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    boolean quoted = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted; // a doubled quote toggles twice, which is what it should do
      } else if (!quoted) {
        if (c == '\n' || c == '\r') {
          break;
        } else if (c == ',') {
          commas++;
        } else if (c == ';') {
          semicolons++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    char fallback = tabByDefault ? '\t' : ',';
    int fallbackCount = tabByDefault ? tabs : commas;
    int best = Math.max(commas, Math.max(semicolons, tabs));
    if (best == 0 || fallbackCount == best) {
      return fallback;
    }
    if (commas == best) {
      return ',';
    }
    return semicolons == best ? ';' : '\t';
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
