package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.readonly.SqlText;

/**
 * PostgreSQL's {@code EXPLAIN [ANALYZE] [VERBOSE] query} and {@code EXPLAIN (option, …) query} as Calcite's
 * {@code EXPLAIN PLAN FOR}, and its answer in PostgreSQL's shape: one text column named {@code QUERY PLAN}, a row per
 * line of the plan in the text format, one row holding the whole plan in the JSON format. Calcite's plan is the
 * physical plan of the query after its views are expanded: what the views the user reads are defined by, which
 * {@code pg_views} shows them too. Nothing is run ({@code ANALYZE} shows the plan alone).
 *
 * @param query the statement explained, as the client wrote it
 * @param format the format asked for, in lower case: {@code text} unless a {@code FORMAT} option names another
 */
record ExplainPlan(String query, String format) {
  /** The result column PostgreSQL names an EXPLAIN's answer. */
  static final String COLUMN = "QUERY PLAN";
  private static final Pattern EXPLAIN = Pattern.compile(
      "(?is)\\s*explain\\s+(?:\\(([^)]*)\\)\\s*)?((?:(?:analy[sz]e|verbose)\\s+)*)(?!plan\\s)(.+)");
  private static final Pattern FORMAT = Pattern.compile("(?i)\\s*format\\s+(\\w+)\\s*");

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
    if (m.group(1) != null) {
      for (String option : m.group(1).split(",")) {
        Matcher named = FORMAT.matcher(option);
        if (named.matches()) { // ANALYZE, VERBOSE, COSTS, BUFFERS …: the plan is the same
          format = named.group(1).toLowerCase(Locale.ROOT);
        }
      }
    }
    return Optional.of(new ExplainPlan(m.group(3), format));
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

  /** The columns of any EXPLAIN's answer, for a client that describes the statement before it runs it. */
  static LocalResult columns() {
    return new LocalResult(List.of(COLUMN), List.of(), "EXPLAIN");
  }
}
