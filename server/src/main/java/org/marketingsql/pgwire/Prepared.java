package org.marketingsql.pgwire;

import org.marketingsql.readonly.SqlText;
/** A statement from Parse: its text with {@code $n} placeholders and the parameter types the client named. */
record Prepared(String sql, int[] parameterTypes) {
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
    return new Prepared(sql, types);
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
