package org.marketingsql.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * The demo company's exports and a DuckDB store over them with the default settings, generated and built once per
 * test JVM for the test classes that only read them: the store is built by the first query of the first class and
 * reused, unchanged, by the others. Deleted when the JVM ends.
 */
final class SharedDemo {
  private static Path root;
  private static boolean built;

  private SharedDemo() {}

  /** The folder {@link DemoCompany#generate} wrote. */
  static synchronized Path exports() throws IOException {
    if (root == null) {
      Path created = Files.createTempDirectory("marketingsql-shared-demo-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> IsolatedHome.deleteTree(created)));
      DemoCompany.generate(created.resolve("demo"));
      root = created;
    }
    return root.resolve("demo");
  }

  /**
   * A copy of the shared store, refreshed (published) once, in {@code folder}: a test that tries other settings on the
   * demo refreshes the copy, which reuses what the settings leave unchanged (the exports loaded, the facts), instead
   * of building a store of its own from the exports.
   */
  static Path storeCopy(Path folder) throws Exception {
    synchronized (SharedDemo.class) {
      if (!built) {
        Sql.calcite(model()).query("SELECT COUNT(*) FROM finance.orders").scalar();
        built = true;
      }
    }
    Path from = exports().getParent();
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path relative = from.relativize(path);
        if (relative.startsWith("demo")) {
          continue;
        }
        Path target = folder.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return folder.resolve("store.duckdb");
  }

  /** The model of a store over {@link #exports()}, with no settings beyond the fixtures' defaults. */
  static String model() throws IOException {
    Path exports = exports();
    return Fixtures.model(exports, exports.resolveSibling("store.duckdb"), "");
  }
}
