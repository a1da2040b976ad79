package org.marketingsql.readonly;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The server is read-only (the store is written by syncs, never by clients): only statements that
 * read pass. Transaction statements pass as no-ops because clients wrap reads in them; PREPARE passes
 * here and checks its statement itself (SqlPrepare), so EXECUTE only runs reads. {@code SELECT … INTO}
 * creates a table, and a WITH's main statement may write: both are refused.
 */
public final class ReadOnlyGate {
  private static final Set<String> READS = Set.of("select", "with", "show", "set", "explain", "values", "table",
      "begin", "start", "commit", "end", "rollback", "reset",
      "savepoint", "release", "prepare", "execute", "deallocate");
  private static final Set<String> WRITES = Set.of("into", "insert", "update", "delete", "merge");

  private ReadOnlyGate() {
  }

  /** The SQLSTATE of a refusal: PostgreSQL's read_only_sql_transaction. */
  public static final String SQL_STATE = "25006";

  /** Why {@code sql} may not run, or empty when it reads; each port sends the refusal with {@link #SQL_STATE}. */
  public static Optional<String> refusal(String sql) {
    String keyword = SqlText.firstKeyword(sql);
    String refused = keyword.isEmpty() ? "this statement" : keyword.toUpperCase(Locale.ROOT);
    if (READS.contains(keyword)) {
      String write = keyword.equals("select") || keyword.equals("with")
          ? topLevelWord(SqlText.stripComments(sql), keyword.equals("select") ? Set.of("into") : WRITES) : null;
      if (write == null) {
        return Optional.empty();
      }
      refused = write.equals("into") ? "SELECT INTO" : write.toUpperCase(Locale.ROOT);
    }
    return Optional.of("cannot execute " + refused + " in a read-only transaction: Marketing SQL serves reads only");
  }

  /** Whether the word from {@code start} to {@code end} has a dot before or after it, as part of a qualified name. */
  private static boolean qualifies(String sql, int start, int end) {
    int before = start - 1;
    while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
      before--;
    }
    int after = end;
    while (after < sql.length() && Character.isWhitespace(sql.charAt(after))) {
      after++;
    }
    return before >= 0 && sql.charAt(before) == '.' || after < sql.length() && sql.charAt(after) == '.';
  }

  /** The first of {@code words} outside parentheses, quotes and identifiers in quotes; null when there is none. */
  private static String topLevelWord(String sql, Set<String> words) {
    int depth = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        boolean escapes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        int j = i + 1;
        while (j < sql.length() && !(sql.charAt(j) == c && (j + 1 >= sql.length() || sql.charAt(j + 1) != c))) {
          j += sql.charAt(j) == c || escapes && sql.charAt(j) == '\\' ? 2 : 1; // a doubled quote or an escape stays inside
        }
        i = j + 1;
      } else if (c == '(') {
        depth++;
        i++;
      } else if (c == ')') {
        depth--;
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
          j++;
        }
        String word = sql.substring(i, j).toLowerCase(Locale.ROOT);
        // a qualified name's part (t.update, Metabase's privilege columns) is a name, not a statement's word
        if (depth == 0 && words.contains(word) && !qualifies(sql, i, j)) {
          return word;
        }
        i = j;
      } else {
        i++;
      }
    }
    return null;
  }
}
