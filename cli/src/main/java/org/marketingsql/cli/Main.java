package org.marketingsql.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code marketing-sql} command (DESIGN 1.4). */
@Command(name = "marketing-sql", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = "marketing-sql 0.1.0",
    description = "SQL over marketing data, with finance's metrics.",
    subcommands = {DemoCommand.class, QueryCommand.class, ShellCommand.class, InitCommand.class, CheckCommand.class, BenchCommand.class,
        SyncCommand.class, ServeCommand.class, UsersCommand.class, ReportCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }
}
