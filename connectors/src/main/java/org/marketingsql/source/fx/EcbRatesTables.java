package org.marketingsql.source.fx;

import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.FX_RATE;
import static org.marketingsql.source.SqlType.VARCHAR;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;

/**
 * The one table of an {@code fx} source: the ECB's reference rates by currency and publication day,
 * synced from a cursor (the last day read) minus the look-back, or on a first sync from
 * {@code startDate} or {@link #FIRST_SYNC_DAYS} days back. It feeds the finance facts' reference rates.
 */
final class EcbRatesTables {
  /** Days a first sync reads when the source sets no {@code startDate}: two years. */
  static final int FIRST_SYNC_DAYS = 730;
  /** The ECB publishes for Frankfurt's day; "today" is taken there. */
  static final ZoneId FRANKFURT = ZoneId.of("Europe/Berlin");

  static final TableDefinition<EcbClient.Observation> DAILY_RATES = TableDefinition.<EcbClient.Observation>table(
          "daily_rates", "One row per currency and ECB publication day (TARGET business days; none on weekends and"
              + " holidays): the euro reference rate as published.")
      .column("id", VARCHAR, "The row's key: currency|date.", o -> o.currency() + "|" + o.date())
      .column("date", DATE, "The publication day.", EcbClient.Observation::date)
      .column("base_currency", VARCHAR, "The currency the rate is per one unit of: EUR.", EcbClient.Observation::base)
      .column("currency", VARCHAR, "The quoted currency, ISO 4217.", EcbClient.Observation::currency)
      .column("rate", FX_RATE, "Units of the currency per one euro, exactly as the ECB publishes it.",
          EcbClient.Observation::rate)
      .build();

  private final EcbClient client;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final Clock clock;

  /** @param startDate the first day a first sync reads; null for {@link #FIRST_SYNC_DAYS} back */
  EcbRatesTables(EcbClient client, int lookbackDays, LocalDate startDate, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackDays = lookbackDays;
    this.startDate = startDate;
  }

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(DAILY_RATES);
  }

  List<ApiTable> all() {
    return List.of(dailyRates());
  }

  ApiTable dailyRates() {
    return new ApiTable(DAILY_RATES.name(), DAILY_RATES.columns(), (cursor, progress) -> {
      LocalDate until = LocalDate.now(clock.withZone(FRANKFURT));
      LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
          .orElse(startDate != null ? startDate : until.minusDays(FIRST_SYNC_DAYS - 1L));
      if (since.isAfter(until)) {
        since = until;
      }
      Batch read = read(new DateRange(since, until), progress);
      return new Batch(read.rows(), Optional.of(until.toString()), read.pages(), false, read.covered());
    }, Feed.sameNames(Feed.Input.FX_REFERENCE, "\"rate\" > 0")).withRanges("date", this::read);
  }

  private Batch read(DateRange range, ApiTable.Progress progress) {
    List<Object[]> rows = new ArrayList<>();
    for (EcbClient.Observation o : client.rates(range)) {
      rows.add(DAILY_RATES.row(o));
    }
    progress.page(1, rows.size());
    return new Batch(rows, Optional.empty(), 1, false, Optional.of(range));
  }
}
