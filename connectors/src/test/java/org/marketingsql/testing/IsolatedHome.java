package org.marketingsql.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own cache and data folders ({@code marketingsql.home}), so demo and
 * quick-start stores never touch the user's, and tests never see each other's.
 */
public final class IsolatedHome implements BeforeEachCallback, AfterEachCallback {
  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    System.setProperty("marketingsql.home", Files.createTempDirectory("marketingsql-home-").toString());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.clearProperty("marketingsql.home");
  }

  /** The current test's home. */
  public static Path home() {
    return Path.of(System.getProperty("marketingsql.home"));
  }
}
