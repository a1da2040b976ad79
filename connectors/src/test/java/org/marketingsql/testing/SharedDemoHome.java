package org.marketingsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One home ({@code marketingsql.home}) shared by every test class of this JVM that registers this extension,
 * for classes that only read the demo company ({@code jdbc:marketing:demo}): its store is then built once per
 * test JVM (by the first such class) instead of once per class or per test. It still never touches the user's
 * cache, and it is deleted when the JVM's tests end. The demo one JVM built is copied into the shared homes of the
 * later JVMs of the same build ({@link DemoHomeCache}). A class that writes into its home, or checks how the demo is
 * built, takes {@link IsolatedHome} instead.
 */
public final class SharedDemoHome implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedDemoHome.class);
  private static final String PROPERTY = "marketingsql.home";

  @Override
  public void beforeAll(ExtensionContext context) {
    Home home = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Home.class, k -> Home.create(), Home.class);
    String previous = System.getProperty(PROPERTY);
    if (previous != null) {
      context.getStore(NAMESPACE).put(PROPERTY, previous);
    }
    System.setProperty(PROPERTY, home.folder().toString());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Home home = context.getRoot().getStore(NAMESPACE).get(Home.class, Home.class);
    if (home != null) {
      DemoHomeCache.keep(home.folder());
    }
    String previous = context.getStore(NAMESPACE).get(PROPERTY, String.class);
    if (previous != null) {
      System.setProperty(PROPERTY, previous);
    } else {
      System.clearProperty(PROPERTY);
    }
  }

  /** The shared home: closed (deleted) by JUnit after the last test of the JVM. */
  record Home(Path folder) implements AutoCloseable {
    static Home create() {
      try {
        Home home = new Home(Files.createTempDirectory("marketingsql-shared-home-"));
        DemoHomeCache.seed(home.folder());
        return home;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a shared home in " + System.getProperty("java.io.tmpdir"), e);
      }
    }

    @Override
    public void close() {
      IsolatedHome.deleteTree(folder);
    }
  }
}
