package org.marketingsql.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.marketingsql.schema.RefreshPhases;

/**
 * One node of the several-node tests: the real {@code marketing-sql serve} main in a JVM of its own, which
 * prints each refresh phase it begins on stdout ({@code phase NAME MILLIS}) and, while the file named by
 * {@code -Dmarketingsql.test.hold} exists, holds its refresh at the start of the facts ({@code holding}),
 * lease taken and exports loaded but nothing committed, so that the test can kill it there.
 */
public final class ServeNode {
  private ServeNode() {
  }

  public static void main(String[] args) {
    Path hold = Path.of(System.getProperty("marketingsql.test.hold"));
    RefreshPhases.listen(phase -> {
      System.out.println("phase " + phase + " " + System.currentTimeMillis());
      if (phase.equals("facts") && Files.exists(hold)) {
        System.out.println("holding");
        while (Files.exists(hold)) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    });
    Main.main(Arrays.copyOf(args, args.length));
  }
}
