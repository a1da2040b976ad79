package org.marketingsql.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM a test starts: this JVM's {@code java}, compiling as this JVM compiles (the suite's test
 * JVMs run with C1 only, see docs/testing.md; a measured run has the full JIT, and so have its children), then the
 * given options, class path, main class and arguments.
 */
public final class ChildJava {
  private static final String TIERED_STOP = "-XX:TieredStopAtLevel=";

  private ChildJava() {
  }

  /** {@code java}, this JVM's compiler option if it has one, then {@code rest} in order. */
  public static List<String> command(String... rest) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith(TIERED_STOP))
        .reduce((first, last) -> last).ifPresent(command::add);
    command.addAll(Arrays.asList(rest));
    return command;
  }
}
