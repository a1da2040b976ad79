package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;

/**
 * A normal run of each command, in a JVM of its own started with the launcher's options, writes nothing on stderr
 * but the project's own lines: no JDK warning (sun.misc.Unsafe, restricted methods), no SLF4J notice, no stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanStderrTest {
  /** What the JDK and libraries print on their own; the project's lines say {@code marketing-sql:} or are its logs. */
  private static final Pattern FOREIGN = Pattern.compile(
      "WARNING:|SLF4J|sun\\.misc\\.Unsafe|restricted method|enable-native-access|Exception|^\\s+at ");

  /**
   * One home for both tests, so that the demo company's store is built once: by the first test, beside its other
   * commands, so that serve starts on a built store.
   */
  @TempDir
  static Path temp;

  /**
   * The demo's commands (the first builds the demo's store in the class's home) run beside the other commands, which
   * read the finance exports into a store of their own: two JVMs at a time instead of five one after the other.
   */
  @Test
  @Order(1)
  void helpQueryDemoAndCheckPrintNothingButTheirOwnLinesOnStderr() throws Exception {
    Path exports = Fixtures.copy("finance", temp.resolve("exports"));
    Path model = Files.writeString(temp.resolve("marketing.yaml"), """
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
        """.formatted(temp.resolve("store.duckdb"), exports));
    ExecutorService beside = Executors.newSingleThreadExecutor();
    try {
      Future<List<ChildJvm.Result>> demo = beside.submit(() -> List.of(
          run("query", "--demo", "--format", "csv", "SELECT COUNT(*) AS n FROM finance.channel_roi"), run("demo")));
      assertClean(run("--help"));
      assertClean(run("query", "--model", model.toString(), "SELECT COUNT(*) AS n FROM finance.ad_spend_daily"));
      assertClean(run("check", "--model", model.toString()));
      for (ChildJvm.Result result : demo.get(10, TimeUnit.MINUTES)) {
        assertClean(result);
      }
    } finally {
      beside.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void serveStartsAndStopsPrintingNothingButItsOwnLinesOnStderr() throws Exception {
    ChildJvm.Started serve = command("serve", "--demo", "--pg-port", "0", "--users", temp.resolve("users").toString())
        .start();
    try {
      serve.awaitOnStderr("over the PostgreSQL protocol on", Duration.ofSeconds(300));
      serve.process().destroy(); // SIGTERM, as a service manager stops it
      ChildJvm.Result stopped = serve.awaitEnd(Duration.ofSeconds(60));
      assertClean(new ChildJvm.Result(stopped.args(), 0, stopped.stdout(), stopped.stderr()));
    } finally {
      serve.process().destroyForcibly();
    }
  }

  private static void assertClean(ChildJvm.Result result) {
    assertEquals(0, result.exit(), result.args() + " failed: " + result.stderr());
    List<String> foreign = result.stderr().lines().filter(l -> FOREIGN.matcher(l).find()).toList();
    assertEquals(List.of(), foreign, result.args() + " printed on stderr:\n" + result.stderr());
  }

  private static ChildJvm.Result run(String... args) throws Exception {
    return command(args).run(Duration.ofSeconds(300));
  }

  /** The command in a JVM of its own, with the launcher's options and the class's home. */
  private static ChildJvm command(String... args) throws Exception {
    return new ChildJvm(launcherOptions(), temp.resolve("home"), temp.resolve("tmp"), List.of(args));
  }

  private static final Pattern OPTIONS = Pattern.compile("^\\s*java_opts\\+?=\\((.*)\\)\\s*$");

  /**
   * The JVM options the launcher script {@code marketing-sql} starts every command with (those it always adds,
   * and those it adds on this Java), read from the script itself so that this test follows it.
   */
  static List<String> launcherOptions() throws Exception {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("..", "marketing-sql"))) {
      Matcher m = OPTIONS.matcher(line);
      if (!m.matches()) {
        continue;
      }
      for (String option : m.group(1).trim().split("\\s+")) {
        // the class-data archive is the launcher's own file; Java 24's option is refused by older JVMs
        boolean onThisJava = !option.startsWith("--sun-misc-unsafe-memory-access") || Runtime.version().feature() >= 24;
        if (!option.contains("$") && onThisJava) {
          options.add(option);
        }
      }
    }
    assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"), "the launcher's options: " + options);
    return options;
  }
}
