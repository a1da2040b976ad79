package org.marketingsql.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.store.Store;
import org.marketingsql.testing.StoreFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


/**
 * What of an export folder becomes a table: regular files inside it, each read as itself. Links out of
 * the folder, FIFOs, directories and files whose names are glob patterns are attacks on that.
 */
class ExportFolderEntriesTest {
  @TempDir
  Path temp;
  Path folder;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.duckDb();
  Store store;
  SourceConfig source;

  @BeforeEach
  void setUp() throws Exception {
    folder = Files.createDirectories(temp.resolve("ex[p]orts"));
    store = fixture.store();
    source = new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of());
  }

  /** Every loaded file's name with the values of its table's first column. */
  private Map<String, String> loaded() {
    Map<String, String> out = new TreeMap<>();
    List<List<String>> states = store.read(h -> h.createQuery(
        "SELECT file_path, table_name, status FROM \"_marketing\".load_state WHERE source_name = 'exports'")
        .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list());
    for (List<String> state : states) {
      assertEquals("ok", state.get(2), state.toString());
      String values = store.read(h -> h.createQuery("SELECT string_agg(CAST(v AS VARCHAR), '|' ORDER BY v) FROM exports."
          + org.marketingsql.store.Sql.quote(state.get(1))).mapTo(String.class).one());
      out.put(Path.of(state.get(0)).getFileName().toString(), values);
    }
    return out;
  }

  @Test
  void aFileNamedLikeAGlobPatternLoadsItsOwnRowsNotThoseOfTheFilesItWouldMatch() throws Exception {
    folder = Files.createDirectories(temp.resolve("exports"));
    source = new SourceConfig("exports", SourceType.CSV_FOLDER, folder, null, null, null, null, Map.of());
    globNamedFilesLoadTheirOwnRows();
  }

  @Test
  void inAFolderNamedLikeAGlobPatternEveryFileLoadsItsOwnRows() throws Exception {
    Files.createDirectories(temp.resolve("exports")); // what the folder's name would match
    globNamedFilesLoadTheirOwnRows();
  }

  private void globNamedFilesLoadTheirOwnRows() throws Exception {
    Map<String, String> expected = new TreeMap<>();
    String[] names = {"spend1.csv", "spend[1].csv", "spend2.csv", "spend[12].csv", "s*.csv", "q1.csv", "q?.csv",
        "{q1,s}.csv", "x]].csv"};
    for (int i = 0; i < names.length; i++) {
      // enough rows for the store's bulk reader to be the one that loads them
      StringBuilder csv = new StringBuilder("v,w\n");
      for (int row = 0; row < 3; row++) {
        csv.append(i * 100 + row).append(",x\n");
      }
      Files.writeString(folder.resolve(names[i]), csv);
      expected.put(names[i], (i * 100) + "|" + (i * 100 + 1) + "|" + (i * 100 + 2));
    }
    new ExportFolderLoader(store, source).refresh();
    assertEquals(expected, loaded());
  }

  @Test
  void aSymbolicLinkToAFileOutsideTheFolderIsSkippedAndNamedByCheck() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret.csv"), "v\nsecret\n");
    Files.createSymbolicLink(folder.resolve("leak.csv"), secret);
    Files.createSymbolicLink(folder.resolve("relative.csv"), Path.of("../secret.csv"));
    Files.writeString(folder.resolve("own.csv"), "v\nmine\n");
    new ExportFolderLoader(store, source).refresh();
    assertEquals(Map.of("own.csv", "mine"), loaded());
    List<String> verdicts = ExportFolderLoader.inspect(source).stream().map(Object::toString).toList();
    assertTrue(verdicts.stream().anyMatch(v -> v.startsWith("leak.csv: skipped: a symbolic link to")
        && v.contains("outside the folder")), verdicts.toString());
    assertTrue(verdicts.stream().anyMatch(v -> v.startsWith("relative.csv: skipped:")), verdicts.toString());
    assertTrue(verdicts.stream().anyMatch(v -> v.startsWith("own.csv: no known format")), verdicts.toString());
  }

  @Test
  void aSymbolicLinkToAFileInsideTheFolderLoads() throws Exception {
    Files.createDirectories(folder.resolve("archive"));
    Files.writeString(folder.resolve("archive/march.data"), "v\nmarch\n");
    Files.createSymbolicLink(folder.resolve("march.csv"), Path.of("archive/march.data"));
    new ExportFolderLoader(store, source).refresh();
    assertEquals(Map.of("march.csv", "march"), loaded());
  }

  @Test
  void aFifoADirectoryAndADanglingLinkNamedCsvAreSkippedWithTheirReasonAndBlockNothing() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe.csv").toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
    Files.createDirectories(folder.resolve("folder.csv"));
    Files.createSymbolicLink(folder.resolve("dangling.csv"), temp.resolve("nothing.csv"));
    Files.writeString(folder.resolve("own.csv"), "v\nmine\n");
    new ExportFolderLoader(store, source).refresh();
    assertEquals(Map.of("own.csv", "mine"), loaded());
    Map<String, String> skipped = new TreeMap<>();
    for (ExportFolderLoader.FileVerdict v : ExportFolderLoader.inspect(source)) {
      if (v.skipped() != null) {
        skipped.put(v.file().getFileName().toString(), v.skipped());
      }
    }
    assertEquals(List.of("dangling.csv", "folder.csv", "pipe.csv"), List.copyOf(skipped.keySet()));
    assertTrue(skipped.get("pipe.csv").contains("not a regular file"), skipped.toString());
    assertTrue(skipped.get("folder.csv").contains("directory"), skipped.toString());
    assertTrue(skipped.get("dangling.csv").contains("symbolic link to nothing"), skipped.toString());
  }

  @Test
  void anUnreadableFileIsSkipped() throws Exception {
    assumeFalseRoot();
    Path file = Files.writeString(folder.resolve("locked.csv"), "v\nlocked\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    new ExportFolderLoader(store, source).refresh();
    assertEquals(Map.of(), loaded());
    assertTrue(ExportFolderLoader.inspect(source).get(0).toString().contains("skipped: cannot be read"));
  }

  private static void assumeFalseRoot() {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
  }

  @Test
  void aFileSwappedForALinkOutOfTheFolderIsDroppedAtTheNextRefresh() throws Exception {
    Files.writeString(folder.resolve("leak.csv"), "v\nmine\n");
    ExportFolderLoader loader = new ExportFolderLoader(store, source);
    loader.refresh();
    assertEquals(Map.of("leak.csv", "mine"), loaded());
    Files.delete(folder.resolve("leak.csv"));
    Files.createSymbolicLink(folder.resolve("leak.csv"), Files.writeString(temp.resolve("secret.csv"), "v\nsecret\n"));
    loader.refresh();
    assertFalse(loaded().containsKey("leak.csv"), loaded().toString());
  }
}
