package org.marketingsql.users;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.marketingsql.access.AccessPolicy;

/**
 * One line of the users file (see docs/security.md): {@code name:verifier:schemas}, where schemas is a comma
 * list or {@code *} for all.
 */
public record User(String name, ScramVerifier verifier, List<String> schemas) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]+");

  public User {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user name must be letters, digits, '_', '.', '@' or '-', found '" + name + "'");
    }
    Objects.requireNonNull(verifier, "verifier");
    schemas = List.copyOf(schemas);
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("user " + name + " needs at least one schema, or * for all");
    }
  }

  /** Parses a line; the verifier holds colons itself, so name is before the first and schemas after the last. */
  public static User parse(String line) {
    int first = line.indexOf(':');
    int last = line.lastIndexOf(':');
    if (first < 0 || last == first) {
      throw new IllegalArgumentException("expected name:verifier:schemas");
    }
    return new User(line.substring(0, first), ScramVerifier.parse(line.substring(first + 1, last)),
        schemas(line.substring(last + 1)));
  }

  /** A comma list of schema names, or {@code *}. */
  public static List<String> schemas(String list) {
    return List.of(list.trim().split("\\s*,\\s*")).stream().filter(s -> !s.isEmpty()).toList();
  }

  /** The line as the users file holds it. */
  public String line() {
    return name + ":" + verifier.format() + ":" + String.join(",", schemas);
  }

  /** What this user's connections may read and list: the schemas of the line, or every one for {@code *}. */
  public AccessPolicy policy() {
    return AccessPolicy.only(schemas);
  }

  /** Whether this user may read {@code schema} ({@link #policy()}). */
  public boolean mayRead(String schema) {
    return policy().mayRead(schema);
  }
}
