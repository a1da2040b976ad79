package org.marketingsql.config;

import java.util.Objects;

/** One thing wrong with a configuration: the key path it concerns and what is wrong. */
public record ConfigProblem(String path, String message) {
  public ConfigProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
