package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names DuckDB would take for glob patterns, read by a real DuckDB as the one file they name. */
class DuckDbPathsTest {
  @TempDir
  Path temp;

  /** Files whose names are patterns matching their neighbours, in a folder whose own name is one too. */
  private Map<Path, String> files() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("ex[p]orts *?{}"));
    Files.createDirectories(temp.resolve("exports *?{}"));
    Files.writeString(temp.resolve("exports *?{}").resolve("spend1.csv"), "v\ndecoy\n");
    Map<Path, String> files = new LinkedHashMap<>();
    for (String name : new String[] {"spend1.csv", "spend[1].csv", "spend[!x]1.csv", "s*.csv", "q?.csv", "q1.csv",
        "{a,b}.csv", "a.csv", "spend[[]1].csv", "it's.csv", "r]].csv", "**.csv"}) {
      Path file = folder.resolve(name);
      Files.writeString(file, "v\n" + name.replace("\"", "") + "\n");
      files.put(file, name);
    }
    return files;
  }

  @Test
  void readCsvReadsEachFileNamedWithGlobCharactersAndOnlyIt() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
      for (Map.Entry<Path, String> file : files().entrySet()) {
        try (ResultSet rs = s.executeQuery("SELECT string_agg(v, '|') FROM read_csv("
            + Sql.literal(DuckDbPaths.exact(file.getKey())) + ", header = true, columns = {'v': 'VARCHAR'})")) {
          rs.next();
          assertEquals(file.getValue(), rs.getString(1), file.getKey().toString());
        }
      }
    }
  }

  @Test
  void copyFromReadsEachFileNamedWithGlobCharactersAndOnlyIt() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
      s.execute("CREATE TABLE t (v VARCHAR)");
      for (Map.Entry<Path, String> file : files().entrySet()) {
        s.execute("DELETE FROM t");
        s.execute("COPY t FROM " + Sql.literal(DuckDbPaths.exact(file.getKey())) + " (FORMAT csv, HEADER true)");
        try (ResultSet rs = s.executeQuery("SELECT string_agg(v, '|') FROM t")) {
          rs.next();
          assertEquals(file.getValue(), rs.getString(1), file.getKey().toString());
        }
      }
    }
  }

  @Test
  void aPathWithoutGlobCharactersIsPassedAsItIsBackslashesIncluded() throws Exception {
    Path file = temp.resolve("back\\slash.csv");
    Files.writeString(file, "v\nmine\n");
    assertEquals(file.toAbsolutePath().toString(), DuckDbPaths.exact(file));
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM read_csv(" + Sql.literal(DuckDbPaths.exact(file)) + ")")) {
      rs.next();
      assertEquals("mine", rs.getString(1));
    }
  }

  @Test
  void aPathWithGlobCharactersAndABackslashIsRefusedRatherThanGuessed() {
    assertThrows(IllegalArgumentException.class, () -> DuckDbPaths.exact(temp.resolve("a\\b[1].csv")));
  }
}
