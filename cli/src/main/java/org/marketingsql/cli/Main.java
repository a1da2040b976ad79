package org.marketingsql.cli;

import org.marketingsql.jdbc.ProductVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code marketing-sql} command: results on stdout, everything else on stderr. */
@Command(name = "marketing-sql", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "SQL over marketing data, with finance's metrics.",
    subcommands = {DemoCommand.class, QueryCommand.class, ShellCommand.class, InitCommand.class, CheckCommand.class, BenchCommand.class,
        SyncCommand.class, RefreshCommand.class, ServeCommand.class, UsersCommand.class, ReportCommand.class, StoreCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  /** With the factory that makes the commands, for tests that give a command what it would read from the process. */
  static int run(CommandLine.IFactory factory, String... args) {
    return new CommandLine(new Main(), factory).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }

  /** {@code --version}: the version the build wrote into the driver. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"marketing-sql " + ProductVersion.text()};
    }
  }
}
