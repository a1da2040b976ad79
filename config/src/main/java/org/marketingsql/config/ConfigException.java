package org.marketingsql.config;

import java.util.List;
import java.util.Objects;

/**
 * The configuration cannot be used. Lists every problem, each with the key path it concerns
 * (for example {@code sources[0].path}), so a user can fix them all in one go.
 */
public final class ConfigException extends RuntimeException {
  private final List<ConfigProblem> problems;

  public ConfigException(List<ConfigProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.problems = List.of(new ConfigProblem(path, message));
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(List<ConfigProblem> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    StringBuilder text = new StringBuilder("invalid Marketing SQL configuration:");
    for (ConfigProblem p : problems) {
      text.append("\n  ").append(p);
    }
    return text.toString();
  }
}
