package org.marketingsql.pgwire;

import java.util.Set;

/**
 * The server is read-only (the store is written by syncs, never by clients): only statements that
 * read pass. Transaction statements pass as no-ops because clients wrap reads in them; PREPARE passes
 * here and checks its statement itself (SqlPrepare), so EXECUTE only runs reads.
 */
public final class ReadOnlyGate {
  private static final Set<String> READS = Set.of("select", "with", "show", "set", "explain", "values", "table",
      "begin", "start", "commit", "end", "rollback", "reset",
      "savepoint", "release", "prepare", "execute", "deallocate");

  private ReadOnlyGate() {
  }

  /** Throws SQLSTATE 25006 unless {@code sql} reads. */
  public static void check(String sql) throws PgException {
    String keyword = SqlText.firstKeyword(sql);
    if (!READS.contains(keyword)) {
      throw new PgException("25006", "cannot execute " + (keyword.isEmpty() ? "this statement" : keyword.toUpperCase(java.util.Locale.ROOT))
          + " in a read-only transaction: Marketing SQL serves reads only");
    }
  }
}
