package org.marketingsql.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.registry.SourceExample;
import org.marketingsql.source.registry.SourceRegistry;
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
      Files.writeString(out, template(new String(in.readAllBytes(), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
    System.err.println("wrote " + out.toAbsolutePath() + "; put your exports in the folder it names, then run:"
        + " marketing-sql check --model " + out);
    return 0;
  }

  /** The starter file: the fixed part, then one commented example entry per API source of the registry. */
  static String template(String fixed) {
    StringBuilder text = new StringBuilder(fixed);
    text.append("        # API sources: uncomment one entry per account, fill in its settings and set its secrets in\n")
        .append("        # the environment; check then tries the credentials (docs/sources.md lists every key and table).\n");
    for (SourceDescriptor source : SourceRegistry.all()) {
      if (source.isApi()) {
        text.append(SourceExample.commented(source, "        "));
      }
    }
    return text.toString();
  }
}
