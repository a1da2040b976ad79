package org.marketingsql.avatica;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names an error whose detail only the server's log holds: the client's one line says {@code (the server's log has
 * the detail under error 5f3a9c21)}, the log line starts {@code error 5f3a9c21:}. Random, so two nodes or two
 * runs of one do not give the same id to different errors.
 */
final class ErrorIds {
  private ErrorIds() {
  }

  static String next() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** What the client's line ends with for the error named {@code id}. */
  static String pointer(String id) {
    return " (the server's log has the detail under error " + id + ")";
  }
}
