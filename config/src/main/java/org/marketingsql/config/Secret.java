package org.marketingsql.config;

import java.util.Objects;

/**
 * A credential value resolved from a {@code ${env:NAME}} or {@code ${file:PATH}} reference.
 * {@link #toString()} shows only the reference, so a secret cannot reach a log line by accident.
 */
public final class Secret {
  private final String reference;
  private final String value;

  Secret(String reference, String value) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * A secret resolved elsewhere (a test, a credential helper); {@code reference} is what messages show
   * instead of the value.
   */
  public static Secret of(String reference, String value) {
    return new Secret(reference, value);
  }

  /** The reference as written in the configuration, safe to show. */
  public String reference() {
    return reference;
  }

  /** The secret itself: hand it to the HTTP client only. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return reference;
  }
}
