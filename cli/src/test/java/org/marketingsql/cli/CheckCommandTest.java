package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/** {@code check} says, from the snapshot connections read, each source's last load and its tables' errors, with what to do. */
@ExtendWith(IsolatedHome.class)
class CheckCommandTest {
  @TempDir
  Path temp;
  Path exports;
  Path model;
  PrintStream stdout;
  PrintStream stderr;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    exports = Fixtures.copy("finance", temp.resolve("exports"));
    model = temp.resolve("marketing.yaml");
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: "jdbc:duckdb:%s"
              grossMargin: 0.6
              sources:
                - { name: exports, type: csv-folder, path: "%s" }
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"),
        exports.toString().replace("\\", "/")));
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private String check() {
    out.reset();
    Main.run("check", "--model", model.toString());
    return out.toString(StandardCharsets.UTF_8);
  }

  private void refresh() {
    assertEquals(0, Main.run("refresh", "--model", model.toString()), err.toString());
  }

  @Test
  void aGoodStoreShowsEachSourcesLastLoadAndNoWarning() {
    refresh();
    String text = check();
    assertTrue(text.contains("  store: snapshot 1 of "), text);
    assertTrue(text.matches("(?s).*\\n  exports: \\d+ tables, last loaded \\d{4}-\\d{2}-\\d{2}T[0-9:]+ UTC\\n.*"), text);
    assertTrue(!text.contains("warning: exports."), text);
  }

  @Test
  void aFileThatFailsToLoadIsNamedWithItsErrorAndWhatToDo() throws Exception {
    refresh();
    Path orders = exports.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders) + "o9,c9,2025-02-09,twelve,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
    refresh();
    String text = check();
    String warning = text.lines().filter(l -> l.startsWith("  warning: exports.orders: ")).findFirst()
        .orElseThrow(() -> new AssertionError("no warning for exports.orders in\n" + text));
    assertTrue(warning.contains("twelve"), warning);
    assertTrue(text.contains("    what to do: fix " + orders + " where the message says"), text);
  }

  @Test
  void aFailedRefreshIsShownWithWhatToDo() throws Exception {
    refresh();
    Path orders = exports.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders) + "o6,c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
    // Something the refresher cannot remove stands where it builds the next snapshot.
    Path store = temp.resolve("store");
    Files.createDirectories(store.resolve("work.duckdb").resolve("in-the-way"));
    assertEquals(1, Main.run("refresh", "--model", model.toString()));
    String text = check();
    assertTrue(text.contains("  warning: the last refresh failed at "), text);
    assertTrue(text.contains("failed, so connections go on reading snapshot 1"), text);
    assertTrue(text.contains("    what to do: fix what the message names, then run marketing-sql refresh"), text);
  }
}
