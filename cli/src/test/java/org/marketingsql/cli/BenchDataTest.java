package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDataTest {
  @TempDir Path folder;

  @Test
  void writesTheRequestedRowCountAndReportsTheBytesWritten() throws IOException {
    Path file = folder.resolve("bench.csv");
    long bytes = BenchData.writeAdSpend(file, 100_000, 42);
    assertEquals(Files.size(file), bytes);
    Set<String> campaigns = new HashSet<>();
    long rows = 0;
    String previousDate = "";
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      assertEquals("date,platform,account_id,campaign_id,campaign_name,impressions,clicks,spend,"
          + "currency,conversions,conversion_value", in.readLine());
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rows++;
        String[] f = line.split(",", -1);
        assertEquals(11, f.length, line);
        assertTrue(f[0].compareTo(previousDate) >= 0, "rows are in date order");
        previousDate = f[0];
        assertEquals("USD", f[8]);
        assertTrue(f[7].matches("\\d+\\.\\d{2}") && f[9].matches("\\d+\\.\\d{2}")
            && f[10].matches("\\d+\\.\\d{2}") && f[5].matches("\\d+") && f[6].matches("\\d+"), line);
        assertTrue(Long.parseLong(f[6]) <= Long.parseLong(f[5]), "clicks never exceed impressions");
        campaigns.add(f[1] + "/" + f[3]);
      }
    }
    assertEquals(100_000, rows);
    assertEquals(1000, campaigns.size());
    assertTrue(previousDate.equals("2025-12-31"), "days spread over the two years");
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedDifferentOnes() throws IOException {
    BenchData.writeAdSpend(folder.resolve("a.csv"), 20_000, 7);
    BenchData.writeAdSpend(folder.resolve("b.csv"), 20_000, 7);
    BenchData.writeAdSpend(folder.resolve("c.csv"), 20_000, 8);
    assertEquals(-1L, Files.mismatch(folder.resolve("a.csv"), folder.resolve("b.csv")));
    assertTrue(Files.mismatch(folder.resolve("a.csv"), folder.resolve("c.csv")) >= 0);
  }

  @Test
  void zeroRowsGivesJustTheHeader() throws IOException {
    Path file = folder.resolve("empty.csv");
    long bytes = BenchData.writeAdSpend(file, 0, 1);
    assertEquals(Files.readString(file).length(), bytes);
    assertTrue(Files.readString(file).startsWith("date,platform,"));
    assertEquals(1, Files.readAllLines(file).size());
  }

  @Test
  void rejectsANegativeRowCount() {
    assertThrows(IllegalArgumentException.class,
        () -> BenchData.writeAdSpend(folder.resolve("x.csv"), -1, 1));
  }
}
