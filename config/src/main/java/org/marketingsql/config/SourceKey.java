package org.marketingsql.config;

import java.util.Objects;

/**
 * One key a source reads from its entry under {@code sources}: one of its type's own, or one the
 * configuration reads for every source ({@link SourceKeys}).
 *
 * @param name the key as written in the configuration, e.g. {@code customerId}
 * @param secret whether it is a credential, accepted only as a {@code ${env:…}} or {@code ${file:…}} reference
 * @param required whether the source cannot work without it
 * @param description what the key is, for {@code init}'s template and the docs
 * @param defaultValue what applies when it is not set, in words; null when nothing does
 */
public record SourceKey(String name, boolean secret, boolean required, String description, String defaultValue) {
  public SourceKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("source key '" + name + "' must be camelCase");
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException("source key " + name + " is required, so it has no default");
    }
  }

  /** A credential the source needs. */
  public static SourceKey secret(String name, String description) {
    return new SourceKey(name, true, true, description, null);
  }

  /** A setting the source needs. */
  public static SourceKey required(String name, String description) {
    return new SourceKey(name, false, true, description, null);
  }

  /** A setting the source may do without; {@code defaultValue} says what applies then (null: nothing). */
  public static SourceKey optional(String name, String description, String defaultValue) {
    return new SourceKey(name, false, false, description, defaultValue);
  }
}
