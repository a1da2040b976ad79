package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.marketingsql.store.RowsInsert;
import org.marketingsql.config.BillingTerms;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceBilling;
import org.marketingsql.config.SourceConfig;

/**
 * Rebuilds {@code _marketing.cash_schedule}, which {@code finance.marketing_cash_schedule} shows: for each
 * day, platform and ad account, the spend accrued and the cash that leaves, dated by the account's billing
 * terms ({@link CashSchedule}). An account's terms come from the source its spend was loaded from
 * ({@link SourceBilling#termsFor}). Runs after {@code _marketing.ad_spend} is rebuilt, and fails with it.
 */
final class CashScheduleFacts {
  static final String FACT = "cash_schedule";

  private final MarketingConfig config;

  CashScheduleFacts(MarketingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** One account's spend as the schedule needs it: its source decides its terms. */
  private record Account(String sourceName, String platform, String accountId, String currency) {
  }

  /** A row of the fact. */
  private record Key(LocalDate day, String platform, String accountId, String terms) {
  }

  /**
   * Rebuilds the fact inside the caller's transaction.
   *
   * @param adSpendError why {@code _marketing.ad_spend} failed, or null when it is good
   */
  void refresh(Handle handle, String adSpendError) {
    handle.execute("DELETE FROM \"_marketing\".\"cash_schedule\"");
    if (adSpendError == null) {
      Map<Account, List<CashSchedule.DailySpend>> accounts = new LinkedHashMap<>();
      handle.createQuery(FactSql.load("cash_schedule_daily_spend").render().sql())
          .map((rs, ctx) -> Map.entry(new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
              new CashSchedule.DailySpend(rs.getObject(5, LocalDate.class), zeroIfNull(rs.getBigDecimal(6)),
                  zeroIfNull(rs.getBigDecimal(7)))))
          .forEach(e -> accounts.computeIfAbsent(e.getKey(), a -> new ArrayList<>()).add(e.getValue()));
      Map<String, SourceBilling> billing = new LinkedHashMap<>();
      for (SourceConfig source : config.sources()) {
        billing.put(source.name(), source.billing());
      }
      Map<Key, BigDecimal[]> rows = new TreeMap<>(Comparator.comparing(Key::day)
          .thenComparing(Key::platform).thenComparing(Key::accountId, Comparator.nullsFirst(String::compareTo))
          .thenComparing(Key::terms));
      accounts.forEach((account, days) -> {
        BillingTerms terms = billing.getOrDefault(account.sourceName(), SourceBilling.NONE)
            .termsFor(account.platform(), account.accountId());
        String text = terms.describe();
        for (CashSchedule.DailySpend d : days) {
          BigDecimal[] row = row(rows, new Key(d.day(), account.platform(), account.accountId(), text));
          row[0] = row[0].add(d.spendRc());
        }
        CashSchedule.cashOut(terms, days).forEach((day, amount) -> {
          BigDecimal[] row = row(rows, new Key(day, account.platform(), account.accountId(), text));
          row[1] = row[1].add(amount);
        });
      });
      if (!rows.isEmpty()) {
        RowsInsert insert = new RowsInsert(handle, "\"_marketing\".\"cash_schedule\"", List.of("date_day", "platform",
            "account_id", "billing_terms", "accrued_spend_rc", "cash_out_rc"));
        rows.forEach((key, values) -> insert.add(Date.valueOf(key.day()), key.platform(), key.accountId(), key.terms(),
            values[0], values[1]));
        insert.flush();
      }
    }
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", FACT);
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", FACT,
        adSpendError == null ? "ok" : "failed",
        adSpendError == null ? null : "the ad spend it is built from failed: " + adSpendError,
        LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }

  private static BigDecimal[] row(Map<Key, BigDecimal[]> rows, Key key) {
    return rows.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private static BigDecimal zeroIfNull(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }
}
