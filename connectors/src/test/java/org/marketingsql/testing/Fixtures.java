package org.marketingsql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Copies fixture folders into a test's temporary folder and writes models over them. */
public final class Fixtures {
  private Fixtures() {
  }

  /** Copies {@code src/test/resources/fixtures/<name>} into {@code target}. */
  public static Path copy(String name, Path target) {
    try {
      URI uri = Fixtures.class.getResource("/fixtures/" + name).toURI();
      if (uri.getScheme().equals("jar")) {
        // Other modules read the fixtures from the test-jar.
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException open) {
          // already open: Path.of finds it
        }
      }
      Path source = Path.of(uri);
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(source)) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName().toString()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Like {@link #model}, with extra keys on the source, e.g. {@code "currency": "EUR"}. */
  public static String model(Path folder, Path store, String extraOperand, String extraSource) {
    return model(folder, store, extraOperand).replace("\"type\": \"csv-folder\",",
        "\"type\": \"csv-folder\", " + extraSource + ",");
  }

  /** An inline Calcite model: one csv-folder source named exports over {@code folder}, store in {@code store}. */
  public static String model(Path folder, Path store, String extraOperand) {
    return modelOn(folder, "\"jdbc:duckdb:" + store.toString().replace("\\", "/") + "\"", extraOperand);
  }

  /**
   * An inline Calcite model: one csv-folder source named exports over {@code folder}, its store as the JSON
   * value {@code storeOperand} (a quoted DuckDB URL, or a PostgreSQL store's object).
   */
  public static String modelOn(Path folder, String storeOperand, String extraOperand) {
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": %s, %s "sources": [{"name": "exports", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(storeOperand, extraOperand.isEmpty() ? "" : extraOperand + ",",
        folder.toString().replace("\\", "/"));
  }
}
