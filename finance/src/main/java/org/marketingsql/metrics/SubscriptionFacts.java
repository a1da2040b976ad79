package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.marketingsql.source.Feed;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.RowsInsert;
import org.marketingsql.store.Sql;

/**
 * Rebuilds {@code _marketing.subscription_mrr}, one row per month and customer from the customer's first
 * month with recurring revenue up to the current month, from the subscription items and discounts the
 * payment sources feed, or subscription item files of an export folder ({@link RecurringRevenue} says how). Amounts are converted at the FX rate of each
 * month's first day ({@code _marketing.fx_daily}, which {@link FinanceFacts} fills first); a month whose
 * rate is missing fails the fact with the currency and day named, as do inputs that failed to load.
 */
final class SubscriptionFacts {
  static final String FACT = "subscription_mrr";
  private static final String ITEMS = Feed.Input.RECURRING_ITEMS.kind();
  private static final String DISCOUNTS = Feed.Input.RECURRING_DISCOUNTS.kind();

  private final String reportingCurrency;
  private final LocalDate today;
  private final ZoneId zone;

  /**
   * @param today the current day in {@code zone}
   * @param zone the reporting time zone: the payment sources' times are UTC instants, and a month of MRR runs from
   *     the first midnight of the month to the next in this zone
   */
  SubscriptionFacts(String reportingCurrency, LocalDate today, ZoneId zone) {
    this.reportingCurrency = Objects.requireNonNull(reportingCurrency, "reportingCurrency");
    this.today = Objects.requireNonNull(today, "today");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Rebuilds the fact inside the caller's transaction; {@code fxError} is why the FX rates are unusable, or null. */
  void refresh(Handle handle, String fxError) {
    handle.execute("DELETE FROM \"_marketing\".\"subscription_mrr\"");
    String error;
    try {
      error = build(handle, fxError);
    } catch (IllegalArgumentException | IllegalStateException e) {
      error = e.getMessage();
    }
    if (error != null) {
      handle.execute("DELETE FROM \"_marketing\".\"subscription_mrr\"");
    }
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT, error == null ? "ok" : "failed",
        error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }

  private String build(Handle handle, String fxError) {
    List<LoadState> inputs = LoadState.all(handle).stream()
        .filter(s -> ITEMS.equals(s.inputKind()) || DISCOUNTS.equals(s.inputKind())).toList();
    List<String> failed = inputs.stream().filter(LoadState::failed)
        .map(s -> s.sourceName() + "." + s.tableName() + ": " + s.error()).toList();
    if (!failed.isEmpty()) {
      return "an input failed to load, so its subscriptions would be missing: " + String.join("; ", failed);
    }
    List<RecurringRevenue.Item> items = new ArrayList<>();
    List<RecurringRevenue.Discount> discounts = new ArrayList<>();
    for (LoadState input : inputs) {
      try {
        read(handle, input, items, discounts);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(input.sourceName() + "." + input.tableName() + ": " + e.getMessage(), e);
      }
    }
    return months(handle, fxError, items, discounts);
  }

  /** Adds the rows of one input table, items or discounts, to those read so far. */
  private void read(Handle handle, LoadState input, List<RecurringRevenue.Item> items,
      List<RecurringRevenue.Discount> discounts) {
    String table = Sql.quote(input.sourceName()) + "." + Sql.quote(input.tableName());
    String source = input.sourceName();
    Times times = new Times(zone, dateColumns(handle, input));
    if (ITEMS.equals(input.inputKind())) {
      items.addAll(handle.createQuery("SELECT \"subscription_id\", \"customer_id\", \"status\", \"currency\","
              + " \"unit_amount\", \"recurring_interval\", \"interval_count\", \"quantity\", CAST(\"created\" AS TIMESTAMP),"
              + " CAST(\"start_date\" AS TIMESTAMP), CAST(\"trial_end\" AS TIMESTAMP), CAST(\"ended_at\" AS TIMESTAMP)"
              + " FROM " + table
              + " WHERE \"unit_amount\" IS NOT NULL AND \"recurring_interval\" IS NOT NULL AND \"currency\" IS NOT NULL")
          .map((rs, ctx) -> new RecurringRevenue.Item(source, rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4).toUpperCase(Locale.ROOT), rs.getBigDecimal(5), rs.getString(6),
              rs.getObject(7) == null ? 1 : rs.getLong(7), rs.getObject(8) == null ? 1 : rs.getLong(8),
              times.local("created", rs.getObject(9, LocalDateTime.class)),
              times.local("start_date", rs.getObject(10, LocalDateTime.class)),
              times.local("trial_end", rs.getObject(11, LocalDateTime.class)),
              times.local("ended_at", rs.getObject(12, LocalDateTime.class))))
          .list());
    } else {
      discounts.addAll(handle.createQuery("SELECT \"subscription_id\", \"percent_off\", \"amount_off\", \"currency\","
              + " \"duration\", CAST(\"start\" AS TIMESTAMP), CAST(\"end\" AS TIMESTAMP) FROM " + table
              + " WHERE \"percent_off\" IS NOT NULL OR \"amount_off\" IS NOT NULL")
          .map((rs, ctx) -> new RecurringRevenue.Discount(source, rs.getString(1), rs.getBigDecimal(2),
              rs.getBigDecimal(3), rs.getString(4), rs.getString(5), times.local("start", rs.getObject(6, LocalDateTime.class)),
              times.local("end", rs.getObject(7, LocalDateTime.class))))
          .list());
    }
  }

  /** The input's columns of type DATE: a file whose dates have no time loads them as dates. */
  private static Set<String> dateColumns(Handle handle, LoadState input) {
    return Set.copyOf(handle.createQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
            + " AND table_name = ? AND UPPER(data_type) = 'DATE'")
        .bind(0, input.sourceName()).bind(1, input.tableName()).mapTo(String.class).list());
  }

  /**
   * The times of the inputs in the reporting zone: times are UTC instants (Stripe's, and a file's in its layout),
   * while a date without a time (a column of type DATE) is that day itself in the reporting zone.
   */
  private static final class Times {
    private final ZoneId zone;
    private final Set<String> dates;

    Times(ZoneId zone, Set<String> dates) {
      this.zone = zone;
      this.dates = dates;
    }

    /** {@code value} read as a TIMESTAMP (a DATE as its midnight) from {@code column}, in the reporting zone. */
    LocalDateTime local(String column, LocalDateTime value) {
      if (value == null || dates.contains(column)) {
        return value;
      }
      return value.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDateTime();
    }
  }

  /** Fills the fact from the items and discounts read; returns why it cannot, or null. */
  private String months(Handle handle, String fxError, List<RecurringRevenue.Item> items,
      List<RecurringRevenue.Discount> discounts) {
    RecurringRevenue revenue = new RecurringRevenue(items, discounts);
    LocalDate first = revenue.firstMonth();
    if (first == null) {
      return null;
    }
    LocalDate last = today.withDayOfMonth(1);
    TreeSet<String> currencies = new TreeSet<>();
    items.forEach(i -> currencies.add(i.currency()));
    currencies.remove(reportingCurrency);
    if (!currencies.isEmpty() && fxError != null) {
      return fxError;
    }
    Map<String, BigDecimal> rates = new HashMap<>();
    handle.createQuery("SELECT \"currency\", \"rate_date\", \"rate\" FROM \"_marketing\".\"fx_daily\""
            + " WHERE EXTRACT(DAY FROM \"rate_date\") = 1")
        .map((rs, ctx) -> rates.put(rs.getString(1) + "@" + rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)))
        .list();
    List<String> missing = new ArrayList<>();
    List<RecurringRevenue.CustomerMonth> months = revenue.months(first, last.isBefore(first) ? first : last,
        (currency, month) -> {
          if (currency.equals(reportingCurrency)) {
            return BigDecimal.ONE;
          }
          BigDecimal rate = rates.get(currency + "@" + month);
          if (rate == null) {
            if (missing.size() < 5) {
              missing.add("no FX rate for " + currency + " on " + month);
            }
            return BigDecimal.ZERO;
          }
          return rate;
        });
    if (!missing.isEmpty()) {
      return String.join("; ", new TreeSet<>(missing)) + " in the subscriptions' recurring revenue: cannot convert to "
          + reportingCurrency + ". Add the rates to an FX file with the header date,currency,rate_to_reporting.";
    }
    RowsInsert insert = new RowsInsert(handle, "\"_marketing\".\"subscription_mrr\"", List.of("month_start",
        "customer_id", "source_name", "cohort_month", "starting_mrr_rc", "mrr_rc", "new_rc", "expansion_rc",
        "contraction_rc", "churned_rc", "reactivated_rc", "cohort_mrr_rc"));
    for (RecurringRevenue.CustomerMonth m : months) {
      insert.add(Date.valueOf(m.monthStart()), m.customerId(), m.source(), Date.valueOf(m.cohortMonth()),
          m.startingMrr(), m.mrr(), m.newMrr(), m.expansion(), m.contraction(), m.churned(), m.reactivated(),
          m.cohortMrr());
    }
    insert.flush();
    return null;
  }
}
