package org.marketingsql.source.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** What the docs say of an NPS survey: its columns are found by name. */
  static final String DESCRIPTION = "A survey export, one row per response. Its columns are found by name:"
      + " the 0-10 score (" + String.join(", ", SCORES) + ", or a column asking how likely one is to recommend),"
      + " optionally the response date (" + String.join(", ", DATES) + "), the segment (" + String.join(", ", SEGMENTS)
      + ") and customer_id; other columns are kept. It feeds finance.nps and finance.nps_customer_value.";

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

  /** The descriptions of the columns a survey with these columns has, by column: REMARKS for BI tools. */
  static Map<String, String> remarks(List<String> columns) {
    Map<String, String> remarks = new LinkedHashMap<>();
    score(columns).ifPresent(c -> remarks.put(c, "The response's score, 0 to 10: 9-10 a promoter, 7-8 passive,"
        + " 0-6 a detractor; NA or empty is no response."));
    date(columns).ifPresent(c -> remarks.put(c, "When the survey was answered."));
    segment(columns).ifPresent(c -> remarks.put(c, "The respondent's segment, which finance.nps groups by."));
    customerId(columns).ifPresent(c -> remarks.put(c, "The customer who answered."));
    return remarks;
  }

  private static Optional<String> first(List<String> columns, List<String> names) {
    return names.stream().filter(columns::contains).findFirst();
  }
}
