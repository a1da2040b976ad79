package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;

/**
 * A normal run of each command, in a JVM of its own started with the launcher's options, writes nothing on stderr
 * but the project's own lines: no JDK warning (sun.misc.Unsafe, restricted methods), no SLF4J notice, no stack trace.
 */
class CleanStderrTest {
  /** What the JDK and libraries print on their own; the project's lines say {@code marketing-sql:} or are its logs. */
  private static final Pattern FOREIGN = Pattern.compile(
      "WARNING:|SLF4J|sun\\.misc\\.Unsafe|restricted method|enable-native-access|Exception|^\\s+at ");

  /** One home for both tests, so that the demo company's store is built once. */
  @TempDir
  static Path temp;

  @Test
  void helpQueryDemoAndCheckPrintNothingButTheirOwnLinesOnStderr() throws Exception {
    assertClean(run("--help"));
    assertClean(run("query", "--demo", "--format", "csv", "SELECT COUNT(*) AS n FROM finance.channel_roi"));
    assertClean(run("demo"));
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
    assertClean(run("query", "--model", model.toString(), "SELECT COUNT(*) AS n FROM finance.ad_spend_daily"));
    assertClean(run("check", "--model", model.toString()));
  }

  @Test
  void serveStartsAndStopsPrintingNothingButItsOwnLinesOnStderr() throws Exception {
    // to a file: stopping a process closes the streams it was read through
    Path stderr = temp.resolve("serve.err");
    Process serve = command("serve", "--demo", "--pg-port", "0", "--users", temp.resolve("users").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (serve.isAlive() && System.nanoTime() < deadline
        && !Files.readString(stderr).contains("over the PostgreSQL protocol on")) {
      Thread.sleep(200);
    }
    assertTrue(serve.isAlive(), "serve stopped: " + Files.readString(stderr));
    assertTrue(Files.readString(stderr).contains("over the PostgreSQL protocol on"), "serve did not listen in 300 s: "
        + Files.readString(stderr));
    serve.destroy(); // SIGTERM, as a service manager stops it
    assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "serve did not stop: " + Files.readString(stderr));
    assertClean(new Result(List.of("serve"), 0, Files.readString(stderr)));
  }

  record Result(List<String> args, int exit, String stderr) {
  }

  private static void assertClean(Result result) {
    assertEquals(0, result.exit(), result.args() + " failed: " + result.stderr());
    List<String> foreign = result.stderr().lines().filter(l -> FOREIGN.matcher(l).find()).toList();
    assertEquals(List.of(), foreign, result.args() + " printed on stderr:\n" + result.stderr());
  }

  private Result run(String... args) throws Exception {
    Process process = start(args);
    process.getOutputStream().close();
    // stdout is read aside so that a long result cannot block the child
    Thread drain = new Thread(() -> {
      try {
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      } catch (java.io.IOException e) {
        // the child is gone
      }
    });
    drain.start();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), Arrays.toString(args) + " did not end: " + stderr);
    drain.join(10_000);
    return new Result(List.of(args), process.exitValue(), stderr);
  }

  private Process start(String... args) throws Exception {
    return command(args).start();
  }

  private ProcessBuilder command(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(launcherOptions());
    command.addAll(List.of("-Dmarketingsql.home=" + temp.resolve("home"),
        "-Djava.io.tmpdir=" + Files.createDirectories(temp.resolve("tmp")),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
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
