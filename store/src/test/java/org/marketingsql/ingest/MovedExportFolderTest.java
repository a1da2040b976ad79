package org.marketingsql.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.store.Store;
import org.marketingsql.testing.StoreFixture;

/**
 * The store knows an export file by its path inside the source's folder: the folder moved or copied elsewhere, with
 * its files unchanged, loads nothing again; a file that changed there loads again; a store that knew its files by
 * their absolute paths still knows them.
 */
class MovedExportFolderTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.duckDb();
  Store store;
  Path folder;
  /** The files a loader read to load them. */
  final List<Path> read = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    store = fixture.store();
    folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("notes.csv"), "id,amount\n1,2.50\n2,3.00\n");
    Files.writeString(folder.resolve("costs.csv"), "id,cost\n1,10.00\n");
    assertTrue(loader(folder).refresh());
    assertEquals(2, read.size(), "both files loaded at first");
    read.clear();
  }

  private ExportFolderLoader loader(Path at) {
    return new ExportFolderLoader(store, source(at), read::add);
  }

  private static SourceConfig source(Path at) {
    return new SourceConfig("exports", SourceType.CSV_FOLDER, at, null, null, null, null, Map.of(), null, null, false);
  }

  private Path copy(Path to, boolean keepTimes) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        if (keepTimes) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        } else {
          Files.copy(file, to.resolve(file.getFileName()));
          Files.setLastModifiedTime(to.resolve(file.getFileName()), FileTime.fromMillis(1_000_000_000_000L));
        }
      }
    }
    return to;
  }

  private List<String> notes() {
    return store.read(h -> h.createQuery("SELECT id || '=' || CAST(amount AS VARCHAR) FROM exports.notes ORDER BY id")
        .mapTo(String.class).list());
  }

  private List<String> paths() {
    return store.read(h -> h.createQuery("SELECT file_path FROM \"_marketing\".load_state ORDER BY file_path")
        .mapTo(String.class).list());
  }

  @Test
  void theStoreNamesEachFileByItsPathInsideTheFolder() {
    assertEquals(List.of("costs.csv", "notes.csv"), paths());
  }

  @Test
  void aFolderMovedWithItsFilesUnchangedLoadsNothingAgain() throws Exception {
    Path moved = copy(temp.resolve("elsewhere").resolve("exports"), true);
    assertFalse(loader(moved).changed(), "nothing pending in the moved folder");
    assertFalse(loader(moved).refresh(), "nothing loaded or dropped");
    assertEquals(List.of(), read);
    assertEquals(List.of("1=2.50", "2=3.00"), notes());
  }

  @Test
  void aCopyThatLostTheModificationTimesIsRecognisedByContentAndLoadsNothingAgain() throws Exception {
    Path copied = copy(temp.resolve("copy"), false);
    loader(copied).refresh();
    assertEquals(List.of(), read, "the same content: the hash says so, no file is read to load it");
    assertFalse(loader(copied).changed(), "the new times are remembered");
  }

  @Test
  void aFileChangedInTheMovedFolderLoadsAgainAndOnlyIt() throws Exception {
    Path moved = copy(temp.resolve("moved"), true);
    Files.writeString(moved.resolve("notes.csv"), "id,amount\n1,2.50\n2,3.00\n3,4.00\n");
    assertTrue(loader(moved).refresh());
    assertEquals(List.of(moved.resolve("notes.csv")), read);
    assertEquals(List.of("1=2.50", "2=3.00", "3=4.00"), notes());
  }

  @Test
  void aStoreThatNamedItsFilesByTheirAbsolutePathsStillKnowsThem() throws Exception {
    store.write("naming the files as earlier versions did", h -> h.execute("UPDATE \"_marketing\".load_state"
        + " SET file_path = ? || '/' || file_path", folder.toAbsolutePath().toString()));
    assertFalse(loader(folder).changed());
    assertFalse(loader(folder).refresh());
    assertEquals(List.of(), read);
    Files.writeString(folder.resolve("notes.csv"), "id,amount\n1,2.50\n");
    Files.delete(folder.resolve("costs.csv"));
    assertTrue(loader(folder).refresh());
    assertEquals(List.of(folder.resolve("notes.csv")), read, "the changed file loads again, under the same table");
    assertEquals(List.of("1=2.50"), notes());
    assertEquals(List.of("notes.csv"), paths(), "the gone file's state is dropped; the loaded one is named anew");
  }
}
