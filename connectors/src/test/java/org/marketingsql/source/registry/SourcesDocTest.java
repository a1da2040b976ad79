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
  /** The page, from the connectors module's folder, where Maven runs the tests. */
  private static final Path PAGE = Path.of("..", "docs", "sources.md");
  private static final String WRITE = "marketingsql.docs.write";

  @Test
  void docsSourcesMdIsTheRegistryRendered() throws IOException {
    String rendered = SourcesDoc.render(SourceRegistry.all());
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(PAGE), PAGE.toAbsolutePath() + " is missing; write it with: mvn -pl connectors -am verify"
        + " -Dtest=SourcesDocTest -D" + WRITE + "=true");
    assertEquals(rendered, Files.readString(PAGE, StandardCharsets.UTF_8), PAGE.toAbsolutePath()
        + " is stale: the registry changed; write it again with: mvn -pl connectors -am verify -Dtest=SourcesDocTest -D"
        + WRITE + "=true, and commit it");
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
