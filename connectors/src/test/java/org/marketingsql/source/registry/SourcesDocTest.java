package org.marketingsql.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/sources.md} is what the registry says. When a source, key, table or column changes,
 * this test fails until the page is written again with {@code -Dmarketingsql.docs.write=true}.
 */
class SourcesDocTest {
  /** The flag the docs generators share (the finance views' page has the same). */
  private static final String WRITE = "marketingsql.docs.write";

  @Test
  void docsSourcesMdIsTheRegistryRendered() throws IOException {
    String rendered = SourcesDoc.render(SourceRegistry.all());
    Path page = docsFolder().resolve("sources.md");
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(page, rendered, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
    assertEquals(rendered, committed, page + " is stale: a source, key, table or column changed. Rewrite it with"
        + " mvn -o -pl connectors -am verify -Dtest=SourcesDocTest -D" + WRITE + "=true"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false, and commit it");
  }

  private static Path docsFolder() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("connectors"))) {
        return dir.resolve("docs");
      }
    }
    throw new IOException("no docs/ folder of the project above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everySourceKeyAndTableAndColumnIsOnThePage() {
    String rendered = SourcesDoc.render(SourceRegistry.all());
    for (var source : SourceRegistry.all()) {
      assertTrue(rendered.contains("(`" + source.type().key() + "`)"), source.type().key());
      source.type().keys().forEach(k -> assertTrue(rendered.contains("| `" + k.name() + "` |"), k.name()));
      for (var table : source.tables()) {
        assertTrue(rendered.contains("### " + table.name() + "\n"), table.name());
        table.columns().forEach(c -> assertTrue(rendered.contains("| `" + c.name() + "` | " + c.sqlType() + " | "
            + c.description().replace("|", "\\|")), table.name() + "." + c.name()));
      }
    }
  }
}
