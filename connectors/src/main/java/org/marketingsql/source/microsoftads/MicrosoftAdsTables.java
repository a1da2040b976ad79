package org.marketingsql.source.microsoftads;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.BOOLEAN;
import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.export.AdReportFiles;
import org.marketingsql.source.export.ExportException;
import org.marketingsql.source.http.ApiException;

/**
 * The Microsoft Advertising tables: a daily campaign performance report of the account
 * ({@code campaign_daily}) and a daily conversion performance report by campaign and goal
 * ({@code campaign_conversions_daily}), each from the
 * cursor (the last day synced) minus the look-back to today in the account's own time zone (asked for
 * as the report's {@code ReportTimeZone}, which the service checks a range's end against), read from
 * the report's CSV framed as a report downloaded by hand. A first read starts {@code startDate} or
 * {@link #DEFAULT_HISTORY_DAYS} days back.
 */
final class MicrosoftAdsTables {
  /** Days a first sync reads when the source sets no {@code startDate}. */
  static final int DEFAULT_HISTORY_DAYS = 365;
  /**
   * The campaign report's columns, in the order the CSV has them. Microsoft documents {@code Conversions} as
   * deprecated since 2022 for {@code ConversionsQualified} (which counts partial, externally attributed
   * conversions); both are asked for and the qualified count is taken where the report fills it. Revenue has
   * no qualified column: {@code Revenue} is the revenue of the conversions counted in either.
   */
  static final List<String> COLUMNS = List.of("TimePeriod", "AccountId", "AccountName", "CampaignId", "CampaignName",
      "CurrencyCode", "Impressions", "Clicks", "Spend", "ConversionsQualified", "Conversions", "Revenue");
  /**
   * An account's time zone: its Reporting service name ({@code ReportTimeZone}), which the report is asked
   * in (so its days are the account's days and "today" is the account's today, which a custom range may
   * not end after), and the same zone in IANA's name.
   */
  record Zone(String microsoft, ZoneId iana) {
    Zone {
      Objects.requireNonNull(microsoft, "microsoft");
      Objects.requireNonNull(iana, "iana");
    }
  }
  /**
   * Made on first use, not when the class loads: every connection loads the source descriptors, and an ObjectMapper
   * costs a fresh JVM several hundred of Jackson's classes.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** One row of the downloaded report, read by the ad spend layout's column names. */
  record ReportRow(AdReportFiles.Report report, Object[] values) {
    Object get(String column) {
      return values[report.column(column)];
    }
  }

  static final TableDefinition<ReportRow> CAMPAIGN_DAILY = TableDefinition.<ReportRow>table("campaign_daily",
          "One row per campaign and day, from the Campaign Performance report: delivery, spend and conversions."
              + " Feeds finance's ad spend.")
      .column("id", VARCHAR, "The row's key: campaign id and day, as campaign_id|date.",
          r -> r.get("campaign_id") + "|" + r.get("date"))
      .column("date", DATE, "The day (TimePeriod), in the account's time zone.", r -> r.get("date"))
      .column("account_id", VARCHAR, "The ad account's id.", r -> r.get("account_id"))
      .column("account_name", VARCHAR, "The ad account's name.", r -> r.get("account_name"))
      .column("campaign_id", VARCHAR, "The campaign's id.", r -> r.get("campaign_id"))
      .column("campaign_name", VARCHAR, "The campaign's name.", r -> r.get("campaign_name"))
      .column("impressions", BIGINT, "Times the ads were shown.", r -> r.get("impressions"))
      .column("clicks", BIGINT, "Clicks on the ads.", r -> r.get("clicks"))
      .column("spend", MONEY, "Spend in the account's currency.", r -> r.get("spend"))
      .column("currency", VARCHAR, "The account's currency (CurrencyCode, else the source's currency setting).",
          r -> r.get("currency"))
      .column("conversions", MONEY, "Conversions of the goals not excluded from bidding (ConversionsQualified, else"
          + " the deprecated Conversions where the report leaves it empty); may be fractional.",
          r -> r.get("conversions"))
      .column("conversion_value", MONEY, "Revenue of the conversions in the account's currency.",
          r -> r.get("conversion_value"))
      .build();


  /**
   * The conversion performance report's columns, in the order asked for. Microsoft documents
   * {@code Conversions}, {@code AllConversions} and {@code ViewThroughConversions} as replaced by their
   * {@code …Qualified} columns (which count partial, externally attributed conversions); both are asked
   * for and the qualified count is taken where the report fills it.
   */
  static final List<String> CONVERSION_COLUMNS = List.of("TimePeriod", "AccountId", "AccountName", "CampaignId",
      "CampaignName", "GoalId", "Goal", "GoalType", "ConversionsQualified", "Conversions", "AllConversionsQualified",
      "AllConversions", "ViewThroughConversionsQualified", "ViewThroughConversions", "Revenue", "AllRevenue",
      "ViewThroughRevenue");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy");

  /**
   * One row of the conversion performance report: a campaign's goal on a day, its counts and revenue in
   * the account's currency.
   *
   * @param conversions the goal's conversions Microsoft counts in its Conversions column: those of goals
   *     not excluded from bidding, zero for the others
   * @param allConversions the goal's conversions whatever its ExcludeFromBidding setting
   * @param bidding whether the goal counts for bidding (not ExcludeFromBidding) as Campaign Management says,
   *     null when it was not asked (permission refused) or does not list the goal
   */
  record Conversion(LocalDate date, String accountId, String accountName, String campaignId, String campaignName,
      String goalId, String goal, String goalType, String currency, BigDecimal conversions, BigDecimal allConversions,
      BigDecimal viewThroughConversions, BigDecimal revenue, BigDecimal allRevenue, BigDecimal viewThroughRevenue,
      Boolean bidding) {
    Conversion {
      Objects.requireNonNull(date, "date");
      if ((goalId == null || goalId.isBlank()) && (goal == null || goal.isBlank())) {
        throw new IllegalArgumentException("a conversion row needs a goal id or a goal name");
      }
    }

    /** The goal's id; its name when the report leaves the id out. */
    String action() {
      return goalId == null || goalId.isBlank() ? goal : goalId;
    }

    /**
     * Whether Microsoft counts the goal in its Conversions column: the goal is not excluded from bidding, as
     * Campaign Management says; without that, read from the numbers: its conversions there are its
     * conversions in all, unknown (null) on a row without conversions.
     */
    Boolean platformPrimary() {
      if (bidding != null) {
        return bidding;
      }
      if (allConversions == null || allConversions.signum() == 0) {
        return null;
      }
      return conversions != null && conversions.signum() != 0;
    }
  }

  /** One row per campaign, conversion goal and day: feeds finance.conversions_daily. */
  static final TableDefinition<Conversion> CAMPAIGN_CONVERSIONS_DAILY = TableDefinition.<Conversion>table(
          "campaign_conversions_daily", "One row per campaign, conversion goal and day, from the Conversion"
              + " Performance report: the goal's conversions, view-through conversions and revenue. Feeds"
              + " finance.conversions_daily.")
      .column("id", VARCHAR, "The row's key: campaign id, goal and day, as campaign_id~conversion_action|date.",
          c -> c.campaignId() + "~" + c.action() + "|" + c.date())
      .column("date", DATE, "The day (TimePeriod), in the account's time zone.", Conversion::date)
      .column("account_id", VARCHAR, "The ad account's id.", Conversion::accountId)
      .column("account_name", VARCHAR, "The ad account's name.", Conversion::accountName)
      .column("campaign_id", VARCHAR, "The campaign's id.", Conversion::campaignId)
      .column("campaign_name", VARCHAR, "The campaign's name.", Conversion::campaignName)
      .column("conversion_action", VARCHAR, "The conversion goal's id (GoalId); its name when the report gives no"
          + " id.", Conversion::action)
      .column("conversion_action_name", VARCHAR, "The conversion goal's name (Goal).", Conversion::goal)
      .column("goal_type", VARCHAR, "The goal's type (GoalType): Url, Duration, PagesViewedPerVisit, Event,"
          + " AppInstall, OfflineConversion or InStoreTransaction.", Conversion::goalType)
      .column("currency", VARCHAR, "The account's currency (GetAccount's CurrencyCode, else the source's currency"
          + " setting): the report has no currency column.", Conversion::currency)
      .column("conversions", MONEY, "The goal's conversions whatever its ExcludeFromBidding setting"
          + " (AllConversionsQualified, else AllConversions); may be fractional.", Conversion::allConversions)
      .column("conversion_value", MONEY, "Their revenue in the account's currency (AllRevenue).",
          Conversion::allRevenue)
      .column("bidding_conversions", MONEY, "The conversions Microsoft counts in its Conversions column, zero for a"
          + " goal excluded from bidding (ConversionsQualified, else Conversions).", Conversion::conversions)
      .column("bidding_conversion_value", MONEY, "Their revenue in the account's currency (Revenue).",
          Conversion::revenue)
      .column("view_through_conversions", MONEY, "Conversions after an ad was seen but not clicked, counted for the"
          + " Microsoft Audience network only (ViewThroughConversionsQualified, else ViewThroughConversions).",
          Conversion::viewThroughConversions)
      .column("view_through_conversion_value", MONEY, "Their revenue in the account's currency (ViewThroughRevenue).",
          Conversion::viewThroughRevenue)
      .column("platform_primary", BOOLEAN, "Whether Microsoft counts the goal in its Conversions column: the goal's"
          + " ExcludeFromBidding is false, as Campaign Management's GetConversionGoalsByIds says at each sync. Only"
          + " when Microsoft refuses that call for lack of permission (or does not list the goal), it is read from"
          + " the numbers: true when bidding_conversions is not zero, false when only conversions is, NULL on a row"
          + " without conversions.", Conversion::platformPrimary)
      .build();

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CAMPAIGN_DAILY, CAMPAIGN_CONVERSIONS_DAILY);
  }

  private final MicrosoftAdsClient client;
  private final long accountId;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final String currency;
  private final Clock clock;
  private final Supplier<Zone> zone;
  private final Supplier<String> accountCurrency;
  private final Supplier<Map<String, Boolean>> excludedGoals;
  /** The goals' ExcludeFromBidding by goal id, read once per sync of the conversions; null when refused. */
  private Map<String, Boolean> goals;
  private boolean goalsRead;

  /**
   * @param currency the account's currency should a report lack its column; null if not configured
   * @param startDate the first day a first sync reads; null for {@link #DEFAULT_HISTORY_DAYS} back
   * @param zone the account's time zone (a Customer Management call the first time)
   * @param accountCurrency the account's currency as Customer Management gives it (null when it gives
   *     none), for the conversion report, which has no currency column
   * @param excludedGoals each goal's ExcludeFromBidding by goal id (Campaign Management), null when refused
   *     for lack of permission
   */
  MicrosoftAdsTables(MicrosoftAdsClient client, long accountId, int lookbackDays, LocalDate startDate,
      String currency, Clock clock, Supplier<Zone> zone, Supplier<String> accountCurrency,
      Supplier<Map<String, Boolean>> excludedGoals) {
    this.client = Objects.requireNonNull(client, "client");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.accountId = accountId;
    this.lookbackDays = lookbackDays;
    this.startDate = startDate;
    this.currency = currency;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.accountCurrency = Objects.requireNonNull(accountCurrency, "accountCurrency");
    this.excludedGoals = Objects.requireNonNull(excludedGoals, "excludedGoals");
  }

  List<ApiTable> all() {
    return List.of(campaignDaily(), campaignConversionsDaily());
  }

  ApiTable campaignDaily() {
    return new ApiTable(CAMPAIGN_DAILY.name(), CAMPAIGN_DAILY.columns(),
        (cursor, progress) -> sync(CAMPAIGN_DAILY.name(), cursor, progress, this::readDays), adSpend())
        .withRanges("date", this::readDays);
  }

  /**
   * {@link #CAMPAIGN_CONVERSIONS_DAILY}, synced like campaign_daily: a Conversion Performance report by
   * campaign and goal, feeding finance's conversions (no click-through count: the report has none).
   */
  ApiTable campaignConversionsDaily() {
    Feed feed = PrimaryConversions.feed(MicrosoftAdsSource.PLATFORM,
        Map.of("click_through_conversions", PrimaryConversions.NO_COUNT));
    return new ApiTable(CAMPAIGN_CONVERSIONS_DAILY.name(), CAMPAIGN_CONVERSIONS_DAILY.columns(),
        (cursor, progress) -> {
          forgetGoals(); // read again at each sync: a goal's setting may have changed since the last
          return sync(CAMPAIGN_CONVERSIONS_DAILY.name(), cursor, progress, this::readConversionDays);
        },
        feed).withRanges("date", this::readConversionDays);
  }

  /** A sync's read: from the cursor less the look-back (or the first sync's start) to today in the account's zone. */
  private Batch sync(String table, Optional<String> cursor, ApiTable.Progress progress, ApiTable.RangeFetcher days) {
    LocalDate today = LocalDate.now(clock.withZone(zone.get().iana()));
    LocalDate from = cursor.map(c -> day(table, c).minusDays(lookbackDays))
        .orElse(startDate != null ? startDate : today.minusDays(DEFAULT_HISTORY_DAYS - 1L));
    if (from.isAfter(today)) {
      from = today;
    }
    Batch read = days.fetchRange(new DateRange(from, today), progress);
    return new Batch(read.rows(), Optional.of(today.toString()), read.pages(), cursor.isEmpty(), read.covered());
  }

  /** One campaign report for a range of days (a custom date range, both ends included); no cursor. */
  private Batch readDays(DateRange range, ApiTable.Progress progress) {
    return readReport(request(range.from(), range.to()), range, progress, csv -> {
      List<Object[]> rows = new ArrayList<>();
      AdReportFiles.Report read = AdReportFiles.read(csv, MicrosoftAdsSource.EXPORT, null, currency);
      for (Object[] r : read.rows()) {
        rows.add(CAMPAIGN_DAILY.row(new ReportRow(read, r)));
      }
      return rows;
    });
  }

  /** One conversion report by campaign and goal for a range of days; no cursor. */
  private Batch readConversionDays(DateRange range, ApiTable.Progress progress) {
    ObjectNode request = request("ConversionPerformanceReportRequest", "marketing-sql campaign_conversions_daily",
        CONVERSION_COLUMNS, range.from(), range.to());
    return readReport(request, range, progress, csv -> {
      AdReportFiles.Table table = AdReportFiles.text(csv, MicrosoftAdsSource.EXPORT);
      String own = accountCurrency.get();
      String currencyOfRows = own != null && !own.isBlank() ? own : currency;
      Map<String, Boolean> excluded = goals();
      List<Object[]> rows = new ArrayList<>();
      for (AdReportFiles.Row row : table.rows()) {
        rows.add(CAMPAIGN_CONVERSIONS_DAILY.row(conversion(table, row, currencyOfRows, excluded)));
      }
      return rows;
    });
  }

  private synchronized void forgetGoals() {
    goals = null;
    goalsRead = false;
  }

  /** The goals' ExcludeFromBidding, asked once until the next sync; null when Microsoft refused to say. */
  private synchronized Map<String, Boolean> goals() {
    if (!goalsRead) {
      goals = excludedGoals.get();
      goalsRead = true;
    }
    return goals;
  }

  /** How a downloaded report's CSV becomes a table's rows. */
  @FunctionalInterface
  private interface ReportReader {
    List<Object[]> rows(Path csv) throws ExportException;
  }

  /** Runs one report and reads its CSV (no CSV: no data in the range). */
  private Batch readReport(ObjectNode request, DateRange range, ApiTable.Progress progress, ReportReader reader) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("marketing-sql-microsoft-ads");
      MicrosoftAdsClient.Report report = client.run(request, folder);
      List<Object[]> rows = report.csv().isPresent() ? reader.rows(report.csv().get()) : List.of();
      progress.page(report.requests(), rows.size());
      return new Batch(rows, Optional.empty(), report.requests(), false, Optional.of(range));
    } catch (ExportException e) {
      throw ApiException.of(ApiException.Kind.MALFORMED, "GET report download", 200,
          "microsoft-ads report download could not be read: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary folder for the Microsoft Advertising report", e);
    } finally {
      delete(folder);
    }
  }

  /** One row of the conversion report, its columns found by their names in the header. */
  private static Conversion conversion(AdReportFiles.Table table, AdReportFiles.Row row, String currency,
      Map<String, Boolean> excluded) throws ExportException {
    Function<String, String> cell = name -> {
      int at = table.column(name);
      return at < 0 || at >= row.cells().size() ? null : nothing(row.cells().get(at));
    };
    String time = cell.apply("TimePeriod");
    if (time == null) {
      throw ExportException.ofValue(table.file(), row.line(), "TimePeriod", "", "is not a day: the conversion"
          + " report needs a daily TimePeriod");
    }
    String goalId = cell.apply("GoalId");
    String goal = cell.apply("Goal");
    if (goalId == null && goal == null) {
      throw ExportException.ofValue(table.file(), row.line(), "GoalId", "", "is no goal: the row names neither"
          + " GoalId nor Goal");
    }
    return new Conversion(date(table, row, time), cell.apply("AccountId"), cell.apply("AccountName"),
        cell.apply("CampaignId"), cell.apply("CampaignName"), goalId, goal, cell.apply("GoalType"), currency,
        qualified(table, row, cell, "Conversions"), qualified(table, row, cell, "AllConversions"),
        qualified(table, row, cell, "ViewThroughConversions"), number(table, row, cell, "Revenue"),
        number(table, row, cell, "AllRevenue"), number(table, row, cell, "ViewThroughRevenue"),
        excluded == null || goalId == null || !excluded.containsKey(goalId) ? null : !excluded.get(goalId));
  }

  /** A count from its {@code …Qualified} column where the report fills it, else from the older column. */
  private static BigDecimal qualified(AdReportFiles.Table table, AdReportFiles.Row row, Function<String, String> cell,
      String column) throws ExportException {
    BigDecimal value = number(table, row, cell, column + "Qualified");
    return value != null ? value : number(table, row, cell, column);
  }

  /** A number as the Reporting service writes it (a decimal point, maybe thousands commas); null when empty. */
  private static BigDecimal number(AdReportFiles.Table table, AdReportFiles.Row row, Function<String, String> cell,
      String column) throws ExportException {
    String text = cell.apply(column);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text.replace(",", ""));
    } catch (NumberFormatException e) {
      throw ExportException.ofValue(table.file(), row.line(), column, text, "is not a number");
    }
  }

  /** A daily TimePeriod: {@code 2025-07-08}, or {@code 7/8/2025} as Microsoft's US-English reports write it. */
  private static LocalDate date(AdReportFiles.Table table, AdReportFiles.Row row, String text) throws ExportException {
    try {
      return text.contains("/") ? LocalDate.parse(text, US_DATE) : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ExportException.ofValue(table.file(), row.line(), "TimePeriod", text, "is not a day (a daily"
          + " TimePeriod such as 2025-07-08 or 7/8/2025)");
    }
  }

  /** A cell that says "no value" ({@code --} or empty) as null. */
  private static String nothing(String cell) {
    return cell == null || cell.isBlank() || cell.equals("--") ? null : cell;
  }

  /** A daily CampaignPerformanceReportRequest for the account over the days, as CSV with Microsoft's header and footer. */
  ObjectNode request(LocalDate from, LocalDate to) {
    return request("CampaignPerformanceReportRequest", "marketing-sql campaign_daily", COLUMNS, from, to);
  }

  /** A daily report request of a type for the account over the days, as CSV with Microsoft's header and footer. */
  private ObjectNode request(String type, String name, List<String> columns, LocalDate from, LocalDate to) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("Type", type);
    request.put("ExcludeColumnHeaders", false);
    request.put("ExcludeReportFooter", false);
    request.put("ExcludeReportHeader", false);
    request.put("Format", "Csv");
    request.put("FormatVersion", "2.0");
    request.put("ReportName", name);
    request.put("ReturnOnlyCompleteData", false);
    request.put("Aggregation", "Daily");
    ArrayNode asked = request.putArray("Columns");
    columns.forEach(asked::add);
    request.putObject("Scope").putArray("AccountIds").add(accountId);
    ObjectNode time = request.putObject("Time");
    time.set("CustomDateRangeStart", date(from));
    time.set("CustomDateRangeEnd", date(to));
    time.put("ReportTimeZone", zone.get().microsoft());
    return request;
  }

  private static ObjectNode date(LocalDate day) {
    return Json.MAPPER.createObjectNode().put("Day", day.getDayOfMonth()).put("Month", day.getMonthValue())
        .put("Year", day.getYear());
  }

  /** campaign_daily as finance's ad spend input, on the platform name the finance views use. */
  private static Feed adSpend() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      columns.put(column, column.equals("platform") ? "'" + MicrosoftAdsSource.PLATFORM + "'" : "\"" + column + "\"");
    }
    return new Feed(Feed.Input.AD_SPEND, columns, "\"currency\" IS NOT NULL");
  }

  private static LocalDate day(String table, String cursor) {
    try {
      return LocalDate.parse(cursor);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("the stored cursor '" + cursor + "' of microsoft-ads " + table + " is not a"
          + " date; run the sync with --full", e);
    }
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
