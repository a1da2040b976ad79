package org.marketingsql.schema;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the time of assembling a schema went: bringing the store up to date with the sources
 * ({@code load}: parsing and storing changed files, API syncs), rebuilding the facts the finance views
 * read ({@code facts}; zero when nothing changed), and the rest ({@code schema}: opening the store and
 * building the Calcite schema objects).
 */
public record StartupTimes(Duration load, Duration facts, Duration schema) {
  public StartupTimes {
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(schema, "schema");
  }
}
