package org.marketingsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own cache and data folders ({@code marketingsql.home}), so demo and
 * quick-start stores never touch the user's, and tests never see each other's. The folder is deleted
 * after the test, so a long run does not fill the temporary folder with stores.
 */
public final class IsolatedHome implements BeforeEachCallback, AfterEachCallback {
  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    System.setProperty("marketingsql.home", Files.createTempDirectory("marketingsql-home-").toString());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    String home = System.clearProperty("marketingsql.home");
    if (home != null) {
      deleteTree(Path.of(home));
    }
  }

  /**
   * Deletes a folder and everything in it, as far as it can: a background refresh that a test left
   * running may still add or remove files, and cleaning up must never fail the test that ran.
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // what is left is left in the temporary folder; the next test gets a new home anyway
    }
  }

  /** The current test's home. */
  public static Path home() {
    return Path.of(System.getProperty("marketingsql.home"));
  }
}
