package org.marketingsql.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.store.Store;
import org.marketingsql.testing.StoreFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;


/**
 * Reloading a changed export replaces its table in one transaction, whichever reader ends up loading
 * it, and a file that changes while it is read waits for the next refresh.
 */
class ExportReloadTest {
  @TempDir
  Path temp;
  Path folder;
  Path file;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.duckDb();
  Store store;
  SourceConfig source;

  @BeforeEach
  void setUp() throws IOException {
    folder = Files.createDirectories(temp.resolve("exports"));
    file = folder.resolve("notes.csv");
    store = fixture.store();
    source = new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of(), null, null,
        false);
  }

  private List<String> notes() {
    return store.read(h -> h.createQuery("SELECT id || '=' || CAST(amount AS VARCHAR) FROM exports.notes ORDER BY id")
        .mapTo(String.class).list());
  }

  private String status() {
    return store.read(h -> h.createQuery("SELECT status || ':' || COALESCE(error, '') FROM \"_marketing\".load_state"
        + " WHERE table_name = 'notes'").mapTo(String.class).one());
  }

  private void append(String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aCrlfFileWithOneLfLineAppendedReloadsWithEveryRow() throws Exception {
    Files.writeString(file, "id,amount\r\n1,2.50\r\n2,3.00\r\n");
    new ExportFolderLoader(store, source).refresh();
    append("3,4.00\n");
    new ExportFolderLoader(store, source).refresh();
    assertEquals("ok:", status());
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00"), notes());
    append("4,5.00\n");
    new ExportFolderLoader(store, source).refresh();
    assertEquals("ok:", status());
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00", "4=5.00"), notes());
  }

  @Test
  void aCrOnlyFileReloadsWithEveryRow() throws Exception {
    Files.writeString(file, "id,amount\r1,2.50\r2,3.00\r");
    new ExportFolderLoader(store, source).refresh();
    Files.writeString(file, "id,amount\r1,2.50\r2,3.00\r3,4.00\r");
    new ExportFolderLoader(store, source).refresh();
    assertEquals("ok:", status());
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00"), notes());
  }

  @Test
  void aFileThatGrowsWhileItIsReadKeepsItsOldTableAndLoadsOnTheNextRefresh() throws Exception {
    Files.writeString(file, "id,amount\n1,2.50\n");
    new ExportFolderLoader(store, source).refresh();
    Files.writeString(file, "id,amount\n1,2.50\n2,3.00\n");
    new ExportFolderLoader(store, source, read -> append("3,4.00\n")).refresh();
    assertEquals(List.of("1=2.50"), notes(), "a half-read file is not loaded");
    new ExportFolderLoader(store, source).refresh();
    assertEquals("ok:", status());
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00"), notes());
  }
}
