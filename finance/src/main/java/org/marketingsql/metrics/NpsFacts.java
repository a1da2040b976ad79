package org.marketingsql.metrics;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.marketingsql.source.SqlType;
import org.marketingsql.source.export.NpsColumns;
import org.marketingsql.store.LoadState;

/**
 * Rebuilds {@code _marketing.nps_responses} from every loaded NPS survey: one row per answered
 * question, with the survey's date, segment and customer when it has them. A row whose score is
 * empty or {@code NA} was not answered and is no response. A score that is not a whole
 * number 0–10 fails the fact with the file and the value named, since NPS over misread answers
 * would look right and be wrong.
 */
public final class NpsFacts {
  static final String FACT = "nps_responses";
  private static final String KIND = "NPS_SURVEY";

  /** Whether the fact has never been built in this store (it came after the others). */
  public static boolean isMissing(Handle handle) {
    return handle.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?").bind(0, FACT)
        .mapTo(Long.class).one() == 0;
  }

  /** Rebuilds the fact inside the caller's transaction. */
  public void refresh(Handle handle) {
    handle.execute("DELETE FROM \"_marketing\".\"nps_responses\"");
    List<LoadState> surveys = LoadState.all(handle).stream().filter(s -> KIND.equals(s.inputKind())).toList();
    List<String> errors = new ArrayList<>();
    for (LoadState survey : surveys) {
      String table = survey.sourceName() + "." + survey.tableName();
      if (survey.failed()) {
        errors.add(table + " failed to load, so its answers would be missing: " + survey.error());
        continue;
      }
      List<String> columns = List.of(survey.columns().split(","));
      String score = NpsColumns.score(columns).orElseThrow(
          () -> new IllegalStateException(table + " was recognised as an NPS survey but has no score column"));
      FactSql.Text answers = FactSql.load("nps_answers")
          .identifier("score", score)
          .optionalColumn("response_date", NpsColumns.date(columns).orElse(null), SqlType.DATE)
          .optionalColumn("segment", NpsColumns.segment(columns).orElse(null), SqlType.VARCHAR)
          .optionalColumn("customer_id", NpsColumns.customerId(columns).orElse(null), SqlType.VARCHAR)
          .identifier("input", survey.sourceName(), survey.tableName())
          .render();
      List<String> bad = handle.createQuery(FactSql.load("nps_bad_answers").sql("answers", answers).render().sql())
          .map((rs, ctx) -> "'" + rs.getString(1) + "' (" + rs.getLong(2) + " rows)").list();
      if (!bad.isEmpty()) {
        errors.add(table + ": column " + score + " holds answers that are not NPS scores 0–10 (nor empty or NA),"
            + " e.g. " + bad.get(0));
        continue;
      }
      handle.execute(FactSql.load("nps_insert").sql("answers", answers)
          .literal("source_name", survey.sourceName())
          .literal("table_name", survey.tableName())
          .render().sql());
    }
    String error = errors.isEmpty() ? null : String.join("; ", errors);
    if (error != null) {
      handle.execute("DELETE FROM \"_marketing\".\"nps_responses\"");
    }
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT, error == null ? "ok" : "failed",
        error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }
}
