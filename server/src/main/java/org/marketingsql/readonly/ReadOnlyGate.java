package org.marketingsql.readonly;

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

  /** The SQLSTATE of a refusal: PostgreSQL's read_only_sql_transaction. */
  public static final String SQL_STATE = "25006";

  /** Why {@code sql} may not run, or empty when it reads; each port sends the refusal with {@link #SQL_STATE}. */
  public static java.util.Optional<String> refusal(String sql) {
    String keyword = SqlText.firstKeyword(sql);
    if (READS.contains(keyword)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("cannot execute " + (keyword.isEmpty() ? "this statement"
        : keyword.toUpperCase(java.util.Locale.ROOT)) + " in a read-only transaction: Marketing SQL serves reads only");
  }
}
