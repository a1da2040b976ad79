package org.marketingsql.pgwire;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of a session's prepared statements as {@code pg_prepared_statements} lists it: its name, its text (the whole
 * PREPARE for one prepared in SQL), when it was prepared, its parameters' type OIDs, whether SQL's PREPARE made it
 * (else the protocol's Parse) and how often it ran; each run is planned with its values, a custom plan.
 */
record ListedStatement(String name, String statement, Instant prepared, List<Integer> parameterTypes, boolean fromSql,
    long runs) {
  ListedStatement {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(prepared, "prepared");
    parameterTypes = List.copyOf(parameterTypes);
    if (runs < 0) {
      throw new IllegalArgumentException("runs must not be negative, found " + runs);
    }
  }
}
