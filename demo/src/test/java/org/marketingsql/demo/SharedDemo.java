package org.marketingsql.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/**
 * The demo company's exports and a DuckDB store over them with the default settings, generated and built once per
 * test JVM for the test classes that only read them: the store is built by the first query of the first class and
 * reused, unchanged, by the others. Deleted when the JVM ends.
 */
final class SharedDemo {
  private static Path root;

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

  /** The model of a store over {@link #exports()}, with no settings beyond the fixtures' defaults. */
  static String model() throws IOException {
    Path exports = exports();
    return Fixtures.model(exports, exports.resolveSibling("store.duckdb"), "");
  }
}
