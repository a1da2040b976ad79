package org.marketingsql.pgwire;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.marketingsql.readonly.SqlText;

/**
 * A statement from Parse: its text with {@code $n} placeholders, the parameter types the client named, when it was
 * parsed and how often it was bound to run (shared by the copy {@link #inferred} makes).
 */
record Prepared(String sql, int[] parameterTypes, Instant prepared, LongAdder runs) {
  /** A statement parsed now, not yet run. */
  Prepared(String sql, int[] parameterTypes) {
    this(sql, parameterTypes, Instant.now(), new LongAdder());
  }

  /** How pg_prepared_statements lists it under {@code name}. */
  ListedStatement listed(String name) {
    return new ListedStatement(name, sql, prepared, Arrays.stream(describedTypes()).boxed().toList(), false, runs.sum());
  }

  /** The types to report in ParameterDescription: an unspecified type is reported as text. */
  int[] describedTypes() {
    int count = Math.max(parameterTypes.length, highestPlaceholder());
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      int oid = i < parameterTypes.length ? parameterTypes[i] : 0;
      out[i] = oid == 0 ? PgType.TEXT.oid() : oid;
    }
    return out;
  }

  /** This statement with each type the client left unspecified (0) replaced by the one {@code inferred}, where known. */
  Prepared inferred(int[] inferred) {
    int count = Math.max(parameterTypes.length, highestPlaceholder());
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      int given = i < parameterTypes.length ? parameterTypes[i] : 0;
      types[i] = given != 0 ? given : i < inferred.length ? inferred[i] : 0;
    }
    return new Prepared(sql, types, prepared, runs);
  }

  private int highestPlaceholder() {
    int[] max = {0};
    SqlText.replacePlaceholders(sql, n -> {
      max[0] = Math.max(max[0], n);
      return "";
    });
    return max[0];
  }
}
