package org.marketingsql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a commented starter configuration. */
@Command(name = "init", description = "Write a commented starter marketing.yaml.")
final class InitCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "marketing.yaml", description = "where to write it (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(names = "--force", description = "overwrite an existing file")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(out) && !force) {
      System.err.println("marketing-sql: " + out + " exists; use --force to overwrite it");
      return 1;
    }
    try (InputStream in = InitCommand.class.getResourceAsStream("/org/marketingsql/cli/marketing.yaml")) {
      Files.write(out, in.readAllBytes());
    }
    System.err.println("wrote " + out.toAbsolutePath() + "; put your exports in the folder it names, then run:"
        + " marketing-sql check --model " + out);
    return 0;
  }
}
