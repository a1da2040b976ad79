package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.marketingsql.config.FxRatesSetting;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.source.Feed;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.SqlType;
import org.marketingsql.source.export.ExportException;
import org.marketingsql.source.export.FxRatesFile;
import org.marketingsql.store.LoadState;
import org.marketingsql.store.PendingFacts;
import org.marketingsql.store.RowsInsert;
import org.marketingsql.store.Sql;
import org.marketingsql.store.Store;

/**
 * Rebuilds the normalised facts the finance views read ({@code _marketing.ad_spend}, {@code orders},
 * {@code budgets}, and from the ad spend the {@code cash_schedule} of {@link CashScheduleFacts}) from
 * every loaded input, converting to the reporting currency once, here, so queries do not pay for it
 * (see docs/performance.md). Rows of one key are summed, except that platform exports,
 * which overlap, count each key once from the newest export (see {@code Fact.newestOnly}). A fact whose inputs failed, or
 * that needs an FX rate nobody supplied, is marked failed with a message naming file, currency and
 * date; the views over it then report that message instead of a wrong number.
 */
public final class FinanceFacts {
  private static final String FX_KIND = "FX_RATES";
  private static final String FX_REFERENCE_KIND = Feed.Input.FX_REFERENCE.kind();
  private static final String ACCOUNTS_KIND = Feed.Input.ACCOUNTS.kind();
  /** Rates to the reporting currency are kept, and cross rates rounded, to this many decimals (DECIMAL(18,8)). */
  static final int RATE_SCALE = 8;
  /** What follows the fingerprint in {@link #settings}: the versions of the facts built after the money facts. */
  private static final String CASH_AND_LATER = "|cash-v1|subscriptions-v1|customers-v1|monthly-v1";
  /** Where earlier versions recorded the LTV settings with the facts' settings. */
  private static final String LEGACY_LTV = "|ltv:";
  /**
   * Rebuilds the finance facts from what the store now holds, as connecting does after a load or a sync;
   * "today" is the clock's day in the configuration's time zone.
   */
  public static void rebuild(MarketingConfig config, Store store, Clock clock) {
    LocalDate today = LocalDate.now(clock.withZone(config.timeZone()));
    store.write("refreshing the finance facts", handle -> {
      new FinanceFacts(config, today).refresh(handle);
      PendingFacts.clear(handle, PendingFacts.Group.FINANCE);
      return null;
    });
  }

  private final MarketingConfig config;
  private final LocalDate today;

  public FinanceFacts(MarketingConfig config, LocalDate today) {
    this.config = Objects.requireNonNull(config, "config");
    this.today = Objects.requireNonNull(today, "today");
  }

  /** The settings the money facts (ad spend, orders, budgets) depend on; facts built with other settings are rebuilt. */
  public static String fingerprint(MarketingConfig config) {
    StringBuilder text = new StringBuilder("facts-v2|").append(config.reportingCurrency()).append('|')
        .append(config.grossMargin().stripTrailingZeros().toPlainString());
    new TreeMap<>(config.productLineMargins()).forEach((line, margin) ->
        text.append('|').append(line).append('=').append(margin.stripTrailingZeros().toPlainString()));
    for (SourceConfig source : config.sources()) {
      text.append('|').append(source.name()).append(':').append(source.lookbackDays());
      List<String> primary = PrimaryConversions.of(source);
      if (!primary.isEmpty()) {
        text.append(":primary=").append(String.join(",", primary));
      }
    }
    return text.toString();
  }

  /**
   * {@link #fingerprint} plus the billing terms, which only the cash schedule reads: a change of them makes the
   * snapshot due for a refresh, without invalidating what depends on the fingerprint alone. The {@code fxRates}
   * file counts too, so that editing it rebuilds the facts. The LTV settings are not part of it: only the LTV
   * fit reads them, and it keeps the settings it was fitted with itself ({@link LtvFacts#fittedWith}).
   */
  private static String settings(MarketingConfig config) {
    StringBuilder text = new StringBuilder(fingerprint(config)).append(CASH_AND_LATER);
    text.append("|fx=").append(fxStamp(config.fxRates()));
    // the orders' days are days of the zone: a change re-days them (ReportingZone) and rebuilds the facts
    text.append("|zone=").append(config.timeZone().getId());
    for (SourceConfig source : config.sources()) {
      text.append('|').append(source.name()).append(":billing=").append(source.billing().describe());
    }
    return text.append("|attribution-v1:").append(config.attribution().describe()).toString();
  }

  /**
   * The LTV settings ({@code ltv.describe()}) that an earlier version recorded with facts built with this
   * configuration's other settings: it put them between the fingerprint and {@link #CASH_AND_LATER}. Empty when
   * the recorded settings are not of that form, or differ from the configuration's in anything but the LTV.
   */
  static Optional<String> legacyLtvSettings(String recorded, MarketingConfig config) {
    String fingerprint = fingerprint(config);
    String prefix = fingerprint + LEGACY_LTV;
    if (!recorded.startsWith(prefix)) {
      return Optional.empty();
    }
    int rest = recorded.indexOf(CASH_AND_LATER, prefix.length());
    if (rest < 0 || !recorded.substring(rest).equals(settings(config).substring(fingerprint.length()))) {
      return Optional.empty();
    }
    return Optional.of(recorded.substring(prefix.length(), rest));
  }

  /**
   * The {@code fxRates} setting as the facts depend on it: a file with its size and modification time,
   * so that editing the file rebuilds the facts; a table by its name (its loads rebuild them anyway).
   */
  private static String fxStamp(FxRatesSetting fx) {
    if (fx == null) {
      return "none";
    }
    if (fx.file() == null) {
      return fx.describe();
    }
    try {
      return fx.describe() + "@" + Files.size(fx.file()) + "/" + Files.getLastModifiedTime(fx.file()).toMillis();
    } catch (IOException e) {
      return fx.describe() + "@missing"; // the rebuild then says why it cannot be read
    }
  }

  /** Whether the facts in the store were built with this configuration's settings. */
  public static boolean builtWith(Handle handle, MarketingConfig config) {
    // facts recorded by an earlier version, with the LTV settings among theirs, need no rebuild for those
    return recorded(handle).map(r -> r.equals(settings(config)) || legacyLtvSettings(r, config).isPresent())
        .orElse(false);
  }

  /** The settings the facts in the store were last built with, as they were recorded then. */
  static Optional<String> recorded(Handle handle) {
    return handle.createQuery("SELECT \"value\" FROM \"_marketing\".\"settings\" WHERE \"name\" = 'facts'")
        .mapTo(String.class).findOne();
  }

  /** Rebuilds every fact inside the caller's transaction. */
  public void refresh(Handle handle) {
    handle.execute("DELETE FROM \"_marketing\".\"settings\" WHERE \"name\" = 'facts'");
    handle.execute("INSERT INTO \"_marketing\".\"settings\" VALUES ('facts', ?)", settings(config));
    List<LoadState> inputs = LoadState.all(handle).stream().filter(s -> s.inputKind() != null).toList();
    String fxError = failures(inputs, FX_KIND);
    if (fxError == null) {
      fxError = densifyFx(handle, inputs);
    }
    String adSpendError = null;
    for (Fact fact : Fact.values()) {
      handle.execute("DELETE FROM \"_marketing\"." + Sql.quote(fact.table));
      String error = failures(inputs, fact.kind);
      List<LoadState> mine = inputs.stream().filter(s -> s.inputKind().equals(fact.kind)).toList();
      if (error == null && fxError != null && !mine.isEmpty()) {
        error = fxError;
      }
      if (error == null && !mine.isEmpty()) {
        FactSql.Text all = FactSql.Text.join("UNION ALL", mine.stream()
            .map(s -> fact.rows(s, provisionalFrom(s), source(s))).toList());
        // Only platform exports can overlap; without them the window over every row is pure cost.
        boolean exports = mine.stream().anyMatch(FinanceFacts::isExport);
        FactSql.Text union = exports ? fact.newestOnly(all) : all;
        error = missingRate(handle, fact, union);
        if (error == null) {
          handle.execute(fact.insert(union, config.reportingCurrency()).sql());
          if (fact == Fact.ORDERS) {
            handle.execute(margins().sql());
          }
        }
      }
      if (error != null) {
        handle.execute("DELETE FROM \"_marketing\"." + Sql.quote(fact.table));
      }
      if (fact == Fact.AD_SPEND) {
        adSpendError = error;
      }
      handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", fact.table);
      handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", fact.table,
          error == null ? "ok" : "failed", error, LocalDateTime.now(ZoneOffset.UTC).withNano(0));
    }
    refreshAccounts(handle, inputs);
    new CashScheduleFacts(config).refresh(handle, adSpendError);
    new SubscriptionFacts(config.reportingCurrency(), today, config.timeZone()).refresh(handle, fxError);
    new OrderAttribution(config.attribution()).refresh(handle);
  }

  /**
   * Rebuilds {@code _marketing.accounts}: the accounts the API sources list (their {@code ad_accounts}),
   * then those only the ad spend knows; and names the ad spend rows that came without an account name.
   */
  private static void refreshAccounts(Handle handle, List<LoadState> inputs) {
    handle.execute("DELETE FROM \"_marketing\".\"accounts\"");
    List<FactSql.Text> listed = inputs.stream().filter(s -> s.inputKind().equals(ACCOUNTS_KIND) && !s.failed())
        .map(s -> FactSql.load("accounts_input").literal("source_name", s.sourceName())
            .identifier("input", s.sourceName(), s.tableName()).render())
        .toList();
    if (!listed.isEmpty()) {
      handle.execute(FactSql.load("accounts_insert").sql("inputs", FactSql.Text.join("UNION ALL", listed)).render()
          .sql());
    }
    handle.execute(FactSql.load("accounts_from_ad_spend").render().sql());
    handle.execute(FactSql.load("ad_spend_account_names").render().sql());
    handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = 'accounts'");
    handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES ('accounts', 'ok', NULL, ?)",
        LocalDateTime.now(ZoneOffset.UTC).withNano(0));
  }

  /** The one definition of an order's margin: amount_rc × the gross margin of its product line (else the default). */
  private FactSql.Text margins() {
    FactSql.Text share;
    if (config.productLineMargins().isEmpty()) {
      share = FactSql.of("${margin}").number("margin", config.grossMargin()).render();
    } else {
      List<FactSql.Text> lines = new ArrayList<>();
      config.productLineMargins().forEach((line, margin) -> lines.add(
          FactSql.of("WHEN \"product_line\" = ${line} THEN ${margin}").literal("line", line).number("margin", margin)
              .render()));
      share = FactSql.of("CASE ${lines} ELSE ${margin} END").sql("lines", FactSql.Text.join(" ", lines))
          .number("margin", config.grossMargin()).render();
    }
    return FactSql.load("orders_margin").sql("margin_share", share).render();
  }

  /** The configured source an input was loaded for; null when the configuration no longer names it. */
  private SourceConfig source(LoadState state) {
    return config.sources().stream().filter(s -> s.name().equals(state.sourceName())).findFirst().orElse(null);
  }

  private LocalDate provisionalFrom(LoadState state) {
    Integer days = config.sources().stream().filter(s -> s.name().equals(state.sourceName())).findFirst()
        .map(s -> s.lookbackDays() != null ? s.lookbackDays() : Integer.valueOf(s.type().defaultLookbackDays()))
        .orElse(null);
    return days == null || days == 0 ? null : today.minusDays(days - 1L);
  }

  private static String failures(List<LoadState> inputs, String kind) {
    List<String> failed = inputs.stream().filter(s -> s.inputKind().equals(kind) && s.failed())
        .map(s -> s.sourceName() + "." + s.tableName() + ": " + s.error()).toList();
    return failed.isEmpty() ? null : "an input failed to load, so its numbers would be missing: " + String.join("; ", failed);
  }

  private String missingRate(Handle handle, Fact fact, FactSql.Text union) {
    String sql = FactSql.load("missing_fx_rates").sql("inputs", union).identifier("date_column", fact.dateColumn)
        .literal("reporting_currency", config.reportingCurrency()).render().sql();
    List<String> missing = handle.createQuery(sql).map((rs, ctx) -> "no FX rate for " + rs.getString(2) + " on "
        + rs.getObject(3, LocalDate.class) + (rs.getLong(4) > 1 ? " (" + rs.getLong(4) + " rows from that date on)" : "")
        + " in " + rs.getString(1)).list();
    if (missing.isEmpty()) {
      return null;
    }
    return String.join("; ", missing) + ": cannot convert to " + config.reportingCurrency()
        + ". Add the rates to an FX file with the header date,currency,rate_to_reporting.";
  }

  /**
   * One row per currency and day, from each currency's first rate on, carrying the last known rate forward
   * (a day without publication, such as a weekend or holiday, takes the previous publication day's rate).
   * Where several inputs give a rate for the same currency and day, the one of higher precedence wins:
   * the {@code fxRates} file or table, then the FX files of the sources, then reference rates ({@code fx}
   * sources), converted to the reporting currency by {@link #crossRates}.
   *
   * @return why the rates cannot be read (the {@code fxRates} file or table), or null
   */
  private String densifyFx(Handle handle, List<LoadState> inputs) {
    handle.execute("DELETE FROM \"_marketing\".\"fx_daily\"");
    Map<String, TreeMap<LocalDate, BigDecimal>> rates = new TreeMap<>();
    for (LoadState ref : inputs.stream().filter(s -> s.inputKind().equals(FX_REFERENCE_KIND) && !s.failed()).toList()) {
      Map<LocalDate, Map<String, Map<String, BigDecimal>>> published = new TreeMap<>();
      handle.createQuery(FactSql.load("fx_reference_input").identifier("input", ref.sourceName(), ref.tableName())
          .render().sql()).map((rs, ctx) -> {
            published.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new TreeMap<>())
                .computeIfAbsent(rs.getString(2), b -> new TreeMap<>()).put(rs.getString(3), rs.getBigDecimal(4));
            return null;
          }).list();
      published.forEach((day, bases) -> bases.forEach((base, quotes) ->
          crossRates(base, quotes, config.reportingCurrency()).forEach((currency, rate) ->
              rates.computeIfAbsent(currency, c -> new TreeMap<>()).put(day, rate))));
    }
    for (LoadState fx : inputs.stream().filter(s -> s.inputKind().equals(FX_KIND) && !s.failed()).toList()) {
      readFxTable(handle, fx.sourceName(), fx.tableName(), rates);
    }
    FxRatesSetting key = config.fxRates();
    if (key != null && key.file() != null) {
      try {
        for (FxRatesFile.Rate rate : FxRatesFile.read(key.file())) {
          rates.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).put(rate.date(), rate.rate());
        }
      } catch (ExportException e) {
        return "fxRates: " + e.getMessage();
      }
    } else if (key != null) {
      // Asked first: a failed statement would abort the transaction the facts are rebuilt in.
      int columns = handle.createQuery("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ?"
              + " AND table_name = ? AND column_name IN ('date', 'currency', 'rate_to_reporting')")
          .bind(0, key.schema()).bind(1, key.table()).mapTo(Integer.class).one();
      if (columns != 3) {
        return "fxRates: the table " + key.describe() + " cannot be read as FX rates: the store has no such table with"
            + " the columns date, currency and rate_to_reporting";
      }
      readFxTable(handle, key.schema(), key.table(), rates);
    }
    if (rates.isEmpty()) {
      return null;
    }
    LocalDate last = lastDateNeeded(handle, inputs);
    RowsInsert insert = new RowsInsert(handle, "\"_marketing\".\"fx_daily\"", List.of("rate_date", "currency", "rate"));
    for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> currency : rates.entrySet()) {
      TreeMap<LocalDate, BigDecimal> known = currency.getValue();
      LocalDate end = last.isAfter(known.lastKey()) ? last : known.lastKey();
      for (LocalDate day = known.firstKey(); !day.isAfter(end); day = day.plusDays(1)) {
        insert.add(Date.valueOf(day), currency.getKey(), known.floorEntry(day).getValue());
      }
    }
    insert.flush();
    return null;
  }

  /** Adds one table's FX rates ({@code date, currency, rate_to_reporting}) over those already known. */
  private static void readFxTable(Handle handle, String schema, String table,
      Map<String, TreeMap<LocalDate, BigDecimal>> rates) {
    handle.createQuery(FactSql.load("fx_rates_input").identifier("input", schema, table).render().sql())
        .map((rs, ctx) -> {
          rates.computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
              .put(rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
          return null;
        }).list();
  }

  /**
   * One publication day's reference rates as rates to the reporting currency. {@code quotes} holds units of
   * each currency per one unit of {@code base}; the reporting currency's units per one unit of a currency
   * {@code c} are then {@code quote(reporting) / quote(c)} (the base itself counts one). The quotient is
   * rounded half up to {@value #RATE_SCALE} decimals, the precision of every FX rate in the facts. A day
   * whose rates do not include the reporting currency gives nothing (the previous day's rates carry on).
   *
   * @return the rate of every currency of the day but the reporting currency, by currency
   */
  static Map<String, BigDecimal> crossRates(String base, Map<String, BigDecimal> quotes, String reportingCurrency) {
    Map<String, BigDecimal> perBase = new TreeMap<>(quotes);
    perBase.put(base, BigDecimal.ONE);
    BigDecimal reporting = perBase.get(reportingCurrency);
    Map<String, BigDecimal> toReporting = new TreeMap<>();
    if (reporting == null) {
      return toReporting;
    }
    perBase.forEach((currency, quote) -> {
      if (!currency.equals(reportingCurrency) && quote.signum() > 0) {
        toReporting.put(currency, reporting.divide(quote, RATE_SCALE, RoundingMode.HALF_UP));
      }
    });
    return toReporting;
  }

  private LocalDate lastDateNeeded(Handle handle, List<LoadState> inputs) {
    LocalDate last = today;
    for (LoadState s : inputs) {
      if (s.failed() || s.inputKind().equals(FX_KIND) || s.inputKind().equals(FX_REFERENCE_KIND)
          || !Fact.converts(s.inputKind())) {
        continue; // NPS surveys and touchpoints carry no money to convert
      }
      Fact fact = Fact.of(s.inputKind());
      String sql = FactSql.load("latest_input_date").identifier("date_column", fact.dateColumn)
          .sql("input_rows", fact.rows(s, null, source(s))).render().sql();
      LocalDate max = handle.createQuery(sql).mapTo(LocalDate.class).findOne().orElse(null);
      if (max != null && max.isAfter(last)) {
        last = max;
      }
    }
    return last;
  }

  /** The three facts, each with the SQL resources that map one input table to it and fill it. */
  private enum Fact {
    AD_SPEND("ad_spend", "AD_SPEND", "date_day", List.of("platform", "account_id", "campaign_id", "date_day"),
        List.of("_report_end", "_file_modified", "_table")) {
      @Override
      FactSql select(LoadState s, LocalDate provisionalFrom, SourceConfig source) {
        boolean export = isExport(s);
        List<String> columns = s.columns() == null ? List.of() : List.of(s.columns().split(","));
        return FactSql.load("ad_spend_input")
            .optionalColumn("account_name", present(columns, "account_name"), SqlType.VARCHAR)
            .date("provisional_from", provisionalFrom)
            .bool("export", export)
            .optionalColumn("report_end", export ? "report_end" : null, SqlType.DATE)
            .number("file_modified", s.fileModified());
      }
    },
    ORDERS("orders", "ORDERS", "order_date", List.of("_format", "order_id"), List.of("_file_modified", "_table")) {
      @Override
      FactSql select(LoadState s, LocalDate provisionalFrom, SourceConfig source) {
        List<String> columns = List.of(s.columns().split(","));
        return FactSql.load("orders_input")
            .optionalColumn("acquisition_channel", present(columns, "acquisition_channel"), SqlType.VARCHAR)
            .optionalColumn("product_line", present(columns, "product_line"), SqlType.VARCHAR)
            .optionalColumn("utm_source", present(columns, "utm_source"), SqlType.VARCHAR)
            .optionalColumn("utm_medium", present(columns, "utm_medium"), SqlType.VARCHAR)
            .optionalColumn("utm_campaign", present(columns, "utm_campaign"), SqlType.VARCHAR)
            .bool("export", columns.contains("export_format"))
            .optionalColumn("export_format", present(columns, "export_format"), SqlType.VARCHAR)
            .number("file_modified", s.fileModified());
      }
    },
    BUDGETS("budgets", "BUDGETS", "month_start", List.of(), List.of()) {
      @Override
      FactSql select(LoadState s, LocalDate provisionalFrom, SourceConfig source) {
        return FactSql.load("budgets_input");
      }
    },
    CONVERSIONS("conversions", Feed.Input.CONVERSIONS.kind(), "date_day",
        List.of("platform", "account_id", "campaign_id", "date_day"), List.of("_report_end", "_file_modified", "_table")) {
      @Override
      FactSql select(LoadState s, LocalDate provisionalFrom, SourceConfig source) {
        boolean export = isExport(s);
        return FactSql.load("conversions_input")
            .sql("is_primary", isPrimary(source == null ? List.of() : PrimaryConversions.of(source)))
            .date("provisional_from", provisionalFrom)
            .bool("export", export)
            .optionalColumn("report_end", export ? "report_end" : null, SqlType.DATE)
            .number("file_modified", s.fileModified());
      }
    };

    final String table;
    final String kind;
    final String dateColumn;
    /**
     * Where its inputs can overlap (exports downloaded again and again), what identifies a row across exports,
     * so only the newest export's rows of each count; empty when they cannot overlap.
     */
    final List<String> newestKey;
    /** What makes an export newer, most telling first (each descending). */
    final List<String> newestFirst;

    Fact(String table, String kind, String dateColumn, List<String> newestKey, List<String> newestFirst) {
      this.table = table;
      this.kind = kind;
      this.dateColumn = dateColumn;
      this.newestKey = List.copyOf(newestKey);
      this.newestFirst = List.copyOf(newestFirst);
      if (newestKey.isEmpty() != newestFirst.isEmpty()) {
        throw new IllegalArgumentException(table + ": a newest-only key needs an order, and only it");
      }
    }

    /**
     * The statement of {@code <table>_input.sql}, with what differs between input tables set, but not the table.
     *
     * @param source the configured source of the input, null when the configuration no longer names it
     */
    abstract FactSql select(LoadState s, LocalDate provisionalFrom, SourceConfig source);

    /** One input table's rows in the fact's columns. */
    FactSql.Text rows(LoadState s, LocalDate provisionalFrom, SourceConfig source) {
      return select(s, provisionalFrom, source)
          .literal("table_name", s.sourceName() + "." + s.tableName())
          .literal("source_name", s.sourceName())
          .identifier("input", s.sourceName(), s.tableName())
          .render();
    }

    /** The rows of {@code union} that count; all of them unless inputs can overlap. */
    FactSql.Text newestOnly(FactSql.Text union) {
      if (newestKey.isEmpty()) {
        return union;
      }
      return FactSql.load("newest_only")
          .sql("key", columns(newestKey, "u.${column}"))
          .sql("newest_first", columns(newestFirst, "u.${column} DESC NULLS LAST"))
          .sql("inputs", union).render();
    }

    /** The columns, each quoted into {@code piece}, separated by commas. */
    private static FactSql.Text columns(List<String> columns, String piece) {
      return FactSql.Text.join(",", columns.stream()
          .map(c -> FactSql.of(piece).identifier("column", c).render()).toList());
    }

    FactSql.Text insert(FactSql.Text union, String reportingCurrency) {
      return FactSql.load(table + "_insert").sql("inputs", union).literal("reporting_currency", reportingCurrency)
          .render();
    }

    /**
     * Whether a conversions row's action is primary: one of {@code primary} (ids or names, any case) when the
     * source names any, else the platform's own notion ({@code platform_primary}; NULL counts as not primary).
     */
    private static FactSql.Text isPrimary(List<String> primary) {
      if (primary.isEmpty()) {
        return FactSql.of("COALESCE(\"platform_primary\", FALSE)").render();
      }
      FactSql.Text list = FactSql.Text.join(",", primary.stream()
          .map(p -> FactSql.of("${name}").literal("name", p).render()).toList());
      return FactSql.of("(COALESCE(LOWER(TRIM(\"conversion_action\")) IN (${list}), FALSE)"
          + " OR COALESCE(LOWER(TRIM(\"conversion_action_name\")) IN (${list}), FALSE))").sql("list", list).render();
    }

    private static String present(List<String> columns, String column) {
      return columns.contains(column) ? column : null;
    }

    static boolean converts(String kind) {
      return Arrays.stream(values()).anyMatch(f -> f.kind.equals(kind));
    }

    static Fact of(String kind) {
      for (Fact f : values()) {
        if (f.kind.equals(kind)) {
          return f;
        }
      }
      throw new IllegalArgumentException("no fact for input kind " + kind);
    }
  }

  /**
   * Whether the input is a platform export (the export readers mark them with an export_format column):
   * exports overlap and say which report they are; hand-made files do not, and their rows are always summed.
   */
  private static boolean isExport(LoadState s) {
    return s.columns() != null && List.of(s.columns().split(",")).contains("export_format");
  }
}
