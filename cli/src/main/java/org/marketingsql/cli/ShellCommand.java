package org.marketingsql.cli;

import java.io.Console;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** An interactive SQL prompt (sqlline). */
@Command(name = "shell", description = "Open an interactive SQL prompt (sqlline).")
final class ShellCommand implements Callable<Integer> {
  /**
   * The table width when the prompt reads a script from a pipe: sqlline fits tables to the terminal,
   * and a pipe's terminal is 0 columns wide, which printed every column empty.
   */
  static final int PIPED_WIDTH = 1000;

  @Mixin
  Target target;

  @Override
  public Integer call() throws Exception {
    List<String> arguments = new ArrayList<>(List.of("-d", "org.marketingsql.jdbc.MarketingDriver",
        "-u", target.url(), "-n", "", "-p", ""));
    if (!onTerminal()) {
      arguments.add("--maxWidth=" + PIPED_WIDTH);
    }
    sqlline.SqlLine.main(arguments.toArray(String[]::new));
    return 0;
  }

  /** Whether a person types at a terminal; Java 22+ has a console for pipes too, and says so. */
  private static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 21: a console exists only for a terminal
    }
  }
}
