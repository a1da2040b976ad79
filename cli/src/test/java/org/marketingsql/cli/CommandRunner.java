package org.marketingsql.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code marketing-sql} in the test's JVM with stdout and stderr captured for each test, and puts
 * them back after it.
 * <pre>
 * &#64;RegisterExtension
 * final CommandRunner cli = new CommandRunner();   // cli.run("query", …), cli.out(), cli.err()
 * </pre>
 */
final class CommandRunner implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @Override
  public void beforeEach(ExtensionContext context) {
    out.reset();
    err.reset();
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  /** Runs the command; returns its exit code. */
  int run(String... args) {
    return Main.run(args);
  }

  /** What the commands printed on stdout since the test began or {@link #resetOut()}. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the commands printed on stderr since the test began. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed on stdout so far. */
  void resetOut() {
    out.reset();
  }
}
