package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.marketingsql.testing.ChildJava;

/**
 * A {@code marketing-sql} command in a JVM of its own, as a user starts it: this JVM's {@code java} and class path,
 * the JVM options asked for, its own home ({@code marketingsql.home}) and temporary folder, and stdout and stderr
 * in files (a file outlives the process, where a pipe closes when the process is stopped).
 * <pre>
 * ChildJvm.Result r = ChildJvm.of(home, temp, "query", "--demo", "SELECT 1").run(Duration.ofSeconds(90));
 * Process serve = ChildJvm.of(home, temp, "serve", …).start();   // then awaitOnStderr(serve, "listening", …)
 * </pre>
 *
 * @param options the JVM options before the main class, e.g. {@link CleanStderrTest#launcherOptions()}
 * @param home the child's {@code marketingsql.home}
 * @param temp the child's {@code java.io.tmpdir}, where its stdout and stderr files go too
 * @param args the command's arguments
 */
record ChildJvm(List<String> options, Path home, Path temp, List<String> args) {
  /** The option every command needs on Java 22 and newer: DuckDB loads its native library. */
  static final List<String> NATIVE_ACCESS = List.of("--enable-native-access=ALL-UNNAMED");

  ChildJvm {
    options = List.copyOf(options);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(temp, "temp");
    args = List.copyOf(args);
  }

  /** The command with {@link #NATIVE_ACCESS} only. */
  static ChildJvm of(Path home, Path temp, String... args) {
    return new ChildJvm(NATIVE_ACCESS, home, temp, List.of(args));
  }

  /** The same command with these JVM options instead. */
  ChildJvm withOptions(List<String> jvmOptions) {
    return new ChildJvm(jvmOptions, home, temp, args);
  }

  /** The command line: java, the options, home and temporary folder, class path, {@link Main} and the arguments. */
  List<String> commandLine() {
    List<String> command = new ArrayList<>(ChildJava.command());
    command.addAll(options);
    command.addAll(List.of("-Dmarketingsql.home=" + home, "-Djava.io.tmpdir=" + temp,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    return command;
  }

  /** A process builder for the command line, for a test that wires the streams itself (e.g. a script on stdin). */
  ProcessBuilder processBuilder() throws IOException {
    Files.createDirectories(temp);
    return new ProcessBuilder(commandLine());
  }

  /** Starts the command with its stdin closed, stdout and stderr in new files of {@link #temp}. */
  Started start() throws IOException {
    Files.createDirectories(temp);
    Path out = Files.createTempFile(temp, "child-", ".out");
    Path err = Files.createTempFile(temp, "child-", ".err");
    Process process = processBuilder().redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    process.getOutputStream().close();
    return new Started(this, process, out, err);
  }

  /** Runs the command to its end, failing the test if it does not end within the timeout. */
  Result run(Duration timeout) throws Exception {
    Started started = start();
    try {
      return started.awaitEnd(timeout);
    } finally {
      started.process().destroyForcibly();
    }
  }

  /** A started command: its process and the files its stdout and stderr go to. */
  record Started(ChildJvm command, Process process, Path stdoutFile, Path stderrFile) {
    Started {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(process, "process");
      Objects.requireNonNull(stdoutFile, "stdoutFile");
      Objects.requireNonNull(stderrFile, "stderrFile");
    }

    /** What the command wrote on stderr so far. */
    String stderr() throws IOException {
      return Files.readString(stderrFile);
    }

    /**
     * Waits, polling its stderr file, until the command writes this text there; fails if it ends first or the
     * timeout passes, with what it wrote.
     */
    void awaitOnStderr(String text, Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (process.isAlive() && System.nanoTime() < deadline && !stderr().contains(text)) {
        Thread.sleep(100);
      }
      assertTrue(stderr().contains(text), command.args() + " did not write '" + text + "' on stderr in "
          + timeout.toSeconds() + " s (" + (process.isAlive() ? "still running" : "ended") + "): " + stderr());
      assertTrue(process.isAlive(), command.args() + " ended: " + stderr());
    }

    /** Waits for the command's end (after a stop, or on its own) and returns its exit code, stdout and stderr. */
    Result awaitEnd(Duration timeout) throws Exception {
      assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), command.args() + " did not end in "
          + timeout.toSeconds() + " s: " + stderr());
      return new Result(command.args(), process.exitValue(), Files.readString(stdoutFile), stderr());
    }
  }

  /** How a command ended: its exit code and what it printed. */
  record Result(List<String> args, int exit, String stdout, String stderr) {
    Result {
      args = List.copyOf(args);
      Objects.requireNonNull(stdout, "stdout");
      Objects.requireNonNull(stderr, "stderr");
    }
  }
}
