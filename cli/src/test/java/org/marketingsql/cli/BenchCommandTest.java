package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark's own run, on a few rows: every figure it promises is printed. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class BenchCommandTest {

  @Test
  void benchOnAFewRowsPrintsTheLoadAgainstDuckDbTheFirstQueryAndARatioPerQuery() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("bench", "--rows", "2000", "--iterations", "3", "--warm-up", "0");
    } finally {
      System.setOut(stdout);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);
    assertTrue(Pattern.compile("DuckDB alone reading the file into a table: [0-9.]+ s, [0-9]+ MB/s; ratio [0-9.]+")
        .matcher(printed).find(), printed);
    assertTrue(Pattern.compile("first query in a fresh JVM on the existing store: [0-9.]+ s").matcher(printed).find(),
        printed);
    if (BenchCommand.shadedDriverJar() != null) { // the reactor packages the driver before these tests
      assertTrue(Pattern.compile("BI tool's first answer \\(a fresh JVM with only the driver jar, getConnection to the first"
          + " row of finance.channel_roi\\): [0-9.]+ s \\(median of 3; connect [0-9.]+ s, JVM start to main [0-9.]+ s not"
          + " included\\); warm connection [0-9.]+ ms, ratio [0-9]+").matcher(printed).find(), printed);
    }
    for (String query : new String[] {"ROI by platform", "platform x month over a quarter",
        "top 20 campaigns by ROAS (HAVING)", "one campaign's row count"}) {
      assertTrue(Pattern.compile(Pattern.quote(query) + " +[0-9.]+ +[0-9.]+ +[0-9.]+").matcher(printed).find(),
          query + " has no line with two times and a ratio in:\n" + printed);
    }
  }
}
