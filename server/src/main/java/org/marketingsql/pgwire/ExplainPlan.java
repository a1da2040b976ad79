package org.marketingsql.pgwire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.readonly.SqlText;

/**
 * PostgreSQL's {@code EXPLAIN [ANALYZE] [VERBOSE] query} and {@code EXPLAIN (option, …) query} as Calcite's
 * {@code EXPLAIN PLAN FOR}, and its answer in PostgreSQL's shape: one text column named {@code QUERY PLAN}, a row per
 * line of the plan in the text format, one row holding the whole plan in the JSON format. Calcite's plan is the
 * physical plan of the query after its views are expanded: what the views the user reads are defined by, which
 * {@code pg_views} shows them too. With {@code ANALYZE} the query is run too, its rows read and dropped, and the answer
 * ends as PostgreSQL's does, with the time the plan took and the time the run took ({@link #analyzed}).
 *
 * @param query the statement explained, as the client wrote it
 * @param format the format asked for, in lower case: {@code text} unless a {@code FORMAT} option names another
 * @param analyze whether {@code ANALYZE} (or the option {@code ANALYZE} not set to false) asks for the query to run
 */
record ExplainPlan(String query, String format, boolean analyze) {
  /** The result column PostgreSQL names an EXPLAIN's answer. */
  static final String COLUMN = "QUERY PLAN";
  private static final Pattern EXPLAIN = Pattern.compile(
      "(?is)\\s*explain\\s+(?:\\(([^)]*)\\)\\s*)?((?:(?:analy[sz]e|verbose)\\s+)*)(?!plan\\s)(.+)");
  private static final Pattern FORMAT = Pattern.compile("(?i)\\s*format\\s+(\\w+)\\s*");
  private static final Pattern ANALYZE = Pattern.compile("(?i)\\s*analy[sz]e(?:\\s+(\\w+|'[^']*'))?\\s*");
  private static final Set<String> FALSE = Set.of("false", "off", "0", "no", "'false'", "'off'", "'0'",
      "'no'");

  ExplainPlan {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(format, "format");
  }

  /**
   * The EXPLAIN {@code sql} is, empty for any other statement ({@code EXPLAIN PLAN FOR}, Calcite's own spelling, is
   * left as it is).
   */
  static Optional<ExplainPlan> of(String sql) {
    String stripped = SqlText.stripComments(sql);
    if (!SqlText.firstKeyword(stripped).equals("explain")) {
      return Optional.empty();
    }
    Matcher m = EXPLAIN.matcher(stripped);
    if (!m.matches()) {
      return Optional.empty();
    }
    String format = "text";
    boolean analyze = m.group(2).toLowerCase(Locale.ROOT).contains("analy");
    if (m.group(1) != null) {
      for (String option : m.group(1).split(",")) {
        Matcher named = FORMAT.matcher(option);
        Matcher run = ANALYZE.matcher(option);
        if (named.matches()) { // VERBOSE, COSTS, BUFFERS …: the plan is the same
          format = named.group(1).toLowerCase(Locale.ROOT);
        } else if (run.matches()) {
          analyze = run.group(1) == null || !FALSE.contains(run.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return Optional.of(new ExplainPlan(m.group(3), format, analyze));
  }

  /** {@code 0A000} for a format other than TEXT and JSON, before anything is planned. */
  void checkFormat() throws PgException {
    if (!format.equals("text") && !json()) {
      throw new PgException("0A000", "EXPLAIN format " + format + " is not supported: use TEXT or JSON");
    }
  }

  private boolean json() {
    return format.equals("json");
  }

  /** Calcite's statement for the plan, of the query as {@link PgDialect#toCalcite} makes it Calcite's SQL. */
  String calciteSql(String translatedQuery) {
    return (json() ? "EXPLAIN PLAN AS JSON FOR " : "EXPLAIN PLAN FOR ") + translatedQuery;
  }

  /** The answer of Calcite's {@code plan}: its lines as rows (text), or the plan as one row (JSON). */
  LocalResult answer(String plan) {
    String text = Objects.requireNonNullElse(plan, "").stripTrailing();
    List<List<String>> rows = new ArrayList<>();
    if (json()) {
      rows.add(List.of(text));
    } else {
      for (String line : text.split("\\R")) {
        rows.add(List.of(line.stripTrailing()));
      }
    }
    return new LocalResult(List.of(COLUMN), rows, "EXPLAIN");
  }

  /**
   * The answer of {@code EXPLAIN ANALYZE}: the plan as {@link #answer} gives it, its top node with the rows the run
   * returned ({@code rows}), then PostgreSQL's {@code Planning Time: N.NNN ms} and {@code Execution Time: N.NNN ms}
   * (text), or the plan's object with PostgreSQL's keys {@code "Planning Time"} and {@code "Execution Time"} in milliseconds
   * (JSON).
   */
  LocalResult analyzed(String plan, long rows, long planningNanos, long executionNanos) {
    String planning = milliseconds(planningNanos);
    String execution = milliseconds(executionNanos);
    String text = Objects.requireNonNullElse(plan, "").stripTrailing();
    List<List<String>> lines = new ArrayList<>();
    if (json()) {
      int end = text.lastIndexOf('}');
      String times = "\"Planning Time\": " + planning + ",\n  \"Execution Time\": " + execution;
      lines.add(List.of(end < 0 ? "{\n  " + times + "\n}"
          : text.substring(0, end).stripTrailing() + ",\n  " + times + "\n" + text.substring(end)));
    } else {
      boolean first = true;
      for (String line : text.split("\\R")) {
        String row = line.stripTrailing();
        lines.add(List.of(first && !row.isEmpty() ? row + " (actual rows=" + rows + " loops=1)" : row));
        first = false;
      }
      lines.add(List.of("Planning Time: " + planning + " ms"));
      lines.add(List.of("Execution Time: " + execution + " ms"));
    }
    return new LocalResult(List.of(COLUMN), lines, "EXPLAIN");
  }

  /** {@code nanos} in milliseconds with three decimals, as PostgreSQL prints its times. */
  private static String milliseconds(long nanos) {
    return BigDecimal.valueOf(Math.max(nanos, 0), 6).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  /** The columns of any EXPLAIN's answer, for a client that describes the statement before it runs it. */
  static LocalResult columns() {
    return new LocalResult(List.of(COLUMN), List.of(), "EXPLAIN");
  }
}
