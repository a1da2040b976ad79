package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/** The SQL prompt, fed a script through a pipe as a scheduled job would. */
class ShellCommandTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  @TempDir
  Path temp;

  @Test
  void aScriptPipedIntoTheShellPrintsItsTablesWithTheirValues() throws Exception {
    Path exports = fixture.exports();
    Path script = Files.writeString(temp.resolve("script.sql"),
        "SELECT platform, COUNT(*) AS days FROM finance.ad_spend_daily GROUP BY platform ORDER BY 1;\n!quit\n");
    Process shell = ChildJvm.of(temp.resolve("home"), temp.resolve("tmp"), "shell", "--csv", exports.toString())
        .processBuilder().redirectInput(script.toFile()).redirectErrorStream(true).start();
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(shell.waitFor(120, TimeUnit.SECONDS), output);
    assertEquals(0, shell.exitValue(), output);
    assertTrue(output.contains("| google_ads | 2    |"), output);
    assertTrue(output.contains("| meta_ads   | 2    |"), output);
  }
}
