package org.marketingsql.pgwire;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.readonly.SqlText;

/**
 * {@code SELECT pg_cancel_backend(pid)} and {@code SELECT pg_terminate_backend(pid[, timeout])}, the call alone in a
 * select list as pgAdmin, DBeaver and psql users write it: which session it signals and what the answer's one boolean
 * column is named. PostgreSQL 15's rules for a role that is not a superuser apply ({@link CancelRegistry#signal}).
 *
 * @param terminate whether the session is to be closed ({@code pg_terminate_backend}) rather than its statement
 *     cancelled
 * @param pid the process id signalled; null when it is a parameter not bound yet (the statement is only described)
 * @param column the result column's name: the alias, or the function's name
 */
record BackendSignals(boolean terminate, Integer pid, String column) {
  BackendSignals {
    Objects.requireNonNull(column, "column");
  }

  /** An integer as a client writes it, as Bind gives it ({@code (42)}, {@code '42'}), or a parameter {@code $n}. */
  private static final String ARGUMENT = "(\\(\\s*-?\\d{1,10}\\s*\\)|'\\s*-?\\d{1,10}\\s*'|-?\\d{1,10}|\\$\\d{1,5})"
      + "(?:\\s*::\\s*(?:int4|integer|int|int8|bigint))?";
  private static final Pattern CALL = Pattern.compile("(?is)select\\s+(?:pg_catalog\\s*\\.\\s*)?(pg_cancel_backend|"
      + "pg_terminate_backend)\\s*\\(\\s*" + ARGUMENT + "\\s*(?:,\\s*" + ARGUMENT + "\\s*)?\\)"
      + "(?:\\s+(?:as\\s+)?([a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\"))?\\s*;?\\s*");

  /** PostgreSQL 15's refusal when the session signalled is another role's. */
  static final String CANCEL_REFUSED = "must be a member of the role whose query is being canceled or member of"
      + " pg_signal_backend";
  static final String TERMINATE_REFUSED = "must be a member of the role whose process is being terminated or member of"
      + " pg_signal_backend";

  /** The signal {@code sql} sends, empty for any other statement (which then runs, or fails, as any other does). */
  static Optional<BackendSignals> of(String sql) {
    Matcher m = CALL.matcher(SqlText.stripComments(sql).strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String function = m.group(1).toLowerCase(Locale.ROOT);
    boolean terminate = function.equals("pg_terminate_backend");
    if (!terminate && m.group(3) != null) {
      return Optional.empty(); // pg_cancel_backend takes the pid alone: a function that does not exist
    }
    Integer pid;
    try {
      String argument = m.group(2).replaceAll("[()'\\s]", "");
      pid = argument.startsWith("$") ? null : Integer.valueOf(argument);
    } catch (NumberFormatException e) {
      return Optional.empty(); // out of integer's range: PostgreSQL finds no such function either
    }
    String alias = m.group(4);
    String column = alias == null ? function
        : alias.startsWith("\"") ? alias.substring(1, alias.length() - 1).replace("\"\"", "\"") : alias.toLowerCase(Locale.ROOT);
    return Optional.of(new BackendSignals(terminate, pid, column));
  }

  /** The answer: one row, one boolean column. */
  LocalResult answer(boolean signalled) {
    return new LocalResult(List.of(column), List.of(PgType.BOOL), List.of(List.of(signalled ? "t" : "f")), "SELECT 1");
  }

  /** The answer's columns, for a client that describes the statement before it runs it. */
  LocalResult columns() {
    return new LocalResult(List.of(column), List.of(PgType.BOOL), List.of(), "SELECT 0");
  }
}
