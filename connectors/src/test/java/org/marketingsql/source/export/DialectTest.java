package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DialectTest {

  private static Dialect sniff(byte[] bytes) {
    return Dialect.sniff(bytes, true, false);
  }

  @Test
  void utf8BomIsSkippedAndMeansUtf8() {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ';', 'b'};
    assertEquals(new Dialect(StandardCharsets.UTF_8, 3, ';'), sniff(bytes));
  }

  @Test
  void utf16BomsDecideTheByteOrder() {
    byte[] le = {(byte) 0xFF, (byte) 0xFE, 'a', 0, '\t', 0, 'b', 0};
    byte[] be = {(byte) 0xFE, (byte) 0xFF, 0, 'a', 0, '\t', 0, 'b'};
    assertEquals(new Dialect(StandardCharsets.UTF_16LE, 2, '\t'), sniff(le));
    assertEquals(new Dialect(StandardCharsets.UTF_16BE, 2, '\t'), sniff(be));
  }

  @Test
  void bytesThatAreNotUtf8AreLatin1() {
    byte[] bytes = "Größe,a".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(StandardCharsets.ISO_8859_1, sniff(bytes).charset());
    assertEquals(StandardCharsets.UTF_8, sniff("Größe,a".getBytes(StandardCharsets.UTF_8)).charset());
  }

  @Test
  void aCharacterCutOffAtTheEndOfTheSampleIsStillUtf8() {
    byte[] utf8 = "aö".getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(utf8, utf8.length - 1);
    assertTrue(Dialect.isUtf8(cut, false));
    assertFalse(Dialect.isUtf8(cut, true));
  }

  @Test
  void delimiterIsTheCandidateSeenMostOftenInTheHeaderLine() {
    assertEquals(';', Dialect.delimiter("a;b;c,d\n1,2,3,4,5,6", false));
    assertEquals('\t', Dialect.delimiter("a\tb\tc", false));
    assertEquals(',', Dialect.delimiter("a,b;c,d", false));
  }

  @Test
  void delimiterIgnoresCandidatesInsideQuotes() {
    assertEquals(';', Dialect.delimiter("\"a,b,c\";\"d,e\";f", false));
    assertEquals(',', Dialect.delimiter("\"multi\nline;;;\",b", false));
  }

  @Test
  void delimiterSkipsBlankLinesBeforeTheHeader() {
    assertEquals(';', Dialect.delimiter("\r\n\n a;b", false));
  }

  @Test
  void tsvFilesDefaultToTab() {
    assertEquals('\t', Dialect.delimiter("single", true));
    assertEquals('\t', Dialect.delimiter("a,b\tc", true));
    assertEquals(',', Dialect.delimiter("single", false));
    assertEquals(',', Dialect.delimiter("a,b", true));
  }

  @Test
  void onlyCommaSemicolonAndTabAreDelimiters() {
    assertThrows(IllegalArgumentException.class, () -> new Dialect(StandardCharsets.UTF_8, 0, '|'));
  }
}
