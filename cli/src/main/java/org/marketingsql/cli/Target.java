package org.marketingsql.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which data a command connects to: the demo company, a configuration file or an export folder. */
final class Target {
  @Option(names = "--demo", description = "the bundled demo company (the default)")
  boolean demo;

  @Option(names = "--model", paramLabel = "FILE", description = "a marketing.yaml configuration")
  Path model;

  @Option(names = "--csv", paramLabel = "DIR", description = "a folder of exports (quick start)")
  Path csv;

  String url() {
    int chosen = (demo ? 1 : 0) + (model != null ? 1 : 0) + (csv != null ? 1 : 0);
    if (chosen > 1) {
      throw new IllegalArgumentException("choose one of --demo, --model and --csv");
    }
    if (model != null) {
      return "jdbc:marketing:model=" + model.toAbsolutePath();
    }
    if (csv != null) {
      return "jdbc:marketing:csv=" + csv.toAbsolutePath();
    }
    return "jdbc:marketing:demo";
  }
}
