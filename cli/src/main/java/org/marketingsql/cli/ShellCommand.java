package org.marketingsql.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** An interactive SQL prompt (sqlline). */
@Command(name = "shell", description = "Open an interactive SQL prompt (sqlline).")
final class ShellCommand implements Callable<Integer> {
  @Mixin
  Target target;

  @Override
  public Integer call() throws Exception {
    sqlline.SqlLine.main(new String[] {"-d", "org.marketingsql.jdbc.MarketingDriver", "-u", target.url(),
        "-n", "", "-p", ""});
    return 0;
  }
}
