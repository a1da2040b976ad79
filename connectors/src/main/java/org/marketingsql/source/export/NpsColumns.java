package org.marketingsql.source.export;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The columns of an NPS survey export, found by name since every survey tool names them its own
 * way: the 0–10 score ({@code nps}, {@code score}, "How likely are you to recommend …"), and
 * optionally the response date, a segment and the customer. Names are the loaded, snake_case ones.
 */
public final class NpsColumns {
  private static final List<String> SCORES = List.of("nps", "nps_score", "net_promoter_score", "score",
      "likelihood_to_recommend", "recommend");
  private static final List<String> DATES = List.of("date", "response_date", "survey_date", "responded_at",
      "submitted_at", "submitted", "created_at", "timestamp");
  private static final List<String> SEGMENTS = List.of("segment", "customer_segment");
  private static final List<String> CUSTOMERS = List.of("customer_id");

  private NpsColumns() {
  }

  /** The score column: a known name, else the first whose name asks how likely one is to recommend. */
  public static Optional<String> score(List<String> columns) {
    Objects.requireNonNull(columns, "columns");
    Optional<String> known = first(columns, SCORES);
    return known.isPresent() ? known : columns.stream().filter(c -> c.contains("recommend")).findFirst();
  }

  /** The response date or time, if the survey has one. */
  public static Optional<String> date(List<String> columns) {
    return first(columns, DATES);
  }

  /** The segment, if the survey has one. */
  public static Optional<String> segment(List<String> columns) {
    return first(columns, SEGMENTS);
  }

  /** The customer id, if the survey has one. */
  public static Optional<String> customerId(List<String> columns) {
    return first(columns, CUSTOMERS);
  }

  private static Optional<String> first(List<String> columns, List<String> names) {
    return names.stream().filter(columns::contains).findFirst();
  }
}
