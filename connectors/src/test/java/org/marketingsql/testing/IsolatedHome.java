package org.marketingsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own cache and data folders ({@code marketingsql.home}), so demo and
 * quick-start stores never touch the user's, and tests never see each other's. The folder is deleted
 * after the test, so a long run does not fill the temporary folder with stores.
 *
 * <p>A class whose tests only read what they build there (the store of the same export folder, say) may share
 * one home among them instead, made before its first test and deleted after its last, so the store is built once:
 * <pre>
 * &#64;ExtendWith(IsolatedHome.class)                                // a home for each test
 * &#64;RegisterExtension
 * static final IsolatedHome home = IsolatedHome.perClass();         // one home for the class's tests
 * </pre>
 */
public final class IsolatedHome implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final String PROPERTY = "marketingsql.home";
  private final boolean perClass;
  /** The class's home while it runs; null for a home per test. */
  private Path classHome;

  /** A home for each test, as {@code @ExtendWith(IsolatedHome.class)} makes it. */
  public IsolatedHome() {
    this(false);
  }

  private IsolatedHome(boolean perClass) {
    this.perClass = perClass;
  }

  /** One home for all the tests of a class, registered on a static field: for tests that only read what it holds. */
  public static IsolatedHome perClass() {
    return new IsolatedHome(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (perClass) {
      classHome = Files.createTempDirectory("marketingsql-home-");
      System.setProperty(PROPERTY, classHome.toString());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass && classHome != null) {
      System.clearProperty(PROPERTY);
      deleteTree(classHome);
      classHome = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (perClass) {
      if (classHome == null) {
        throw new IllegalStateException("IsolatedHome.perClass() serves a class: register it on a static field");
      }
      return;
    }
    System.setProperty(PROPERTY, Files.createTempDirectory("marketingsql-home-").toString());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (perClass) {
      return;
    }
    String home = System.clearProperty(PROPERTY);
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
    return Path.of(System.getProperty(PROPERTY));
  }
}
