package org.marketingsql.source.microsoftads;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.export.AdReportFiles;
import org.marketingsql.source.export.ExportException;
import org.marketingsql.source.http.ApiException;

/**
 * The Microsoft Advertising table: a daily campaign performance report of the account, from the
 * cursor (the last day synced) minus the look-back to today in the account's own time zone (asked for
 * as the report's {@code ReportTimeZone}, which the service checks a range's end against), read from
 * the report's CSV by the
 * same reader as a report downloaded by hand. A first read starts {@code startDate} or
 * {@link #DEFAULT_HISTORY_DAYS} days back.
 */
final class MicrosoftAdsTables {
  /** Days a first sync reads when the source sets no {@code startDate}. */
  static final int DEFAULT_HISTORY_DAYS = 365;
  /** The report's columns, in the order the CSV has them. */
  static final List<String> COLUMNS = List.of("TimePeriod", "AccountId", "AccountName", "CampaignId", "CampaignName",
      "CurrencyCode", "Impressions", "Clicks", "Spend", "Conversions", "Revenue");
  /**
   * An account's time zone: its Microsoft Advertising name, which the report is asked in (so its days
   * are the account's days and "today" is the account's today, which a custom range may not end after),
   * and the same zone in IANA's name.
   */
  record Zone(String microsoft, ZoneId iana) {
    Zone {
      Objects.requireNonNull(microsoft, "microsoft");
      Objects.requireNonNull(iana, "iana");
    }
  }
  private static final ObjectMapper JSON = new ObjectMapper();

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
      .column("conversions", MONEY, "Conversions.", r -> r.get("conversions"))
      .column("conversion_value", MONEY, "Revenue of the conversions in the account's currency.",
          r -> r.get("conversion_value"))
      .build();

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CAMPAIGN_DAILY);
  }

  private final MicrosoftAdsClient client;
  private final long accountId;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final String currency;
  private final Clock clock;
  private final Supplier<Zone> zone;

  /**
   * @param currency the account's currency should a report lack its column; null if not configured
   * @param startDate the first day a first sync reads; null for {@link #DEFAULT_HISTORY_DAYS} back
   * @param zone the account's time zone (a Customer Management call the first time)
   */
  MicrosoftAdsTables(MicrosoftAdsClient client, long accountId, int lookbackDays, LocalDate startDate,
      String currency, Clock clock, Supplier<Zone> zone) {
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
  }

  List<ApiTable> all() {
    return List.of(campaignDaily());
  }

  ApiTable campaignDaily() {
    return new ApiTable(CAMPAIGN_DAILY.name(), CAMPAIGN_DAILY.columns(),
        this::readCampaignDaily, adSpend()).withRanges("date", this::readDays);
  }

  private Batch readCampaignDaily(Optional<String> cursor, ApiTable.Progress progress) {
    LocalDate today = LocalDate.now(clock.withZone(zone.get().iana()));
    LocalDate from = cursor.map(c -> day(c).minusDays(lookbackDays))
        .orElse(startDate != null ? startDate : today.minusDays(DEFAULT_HISTORY_DAYS - 1L));
    if (from.isAfter(today)) {
      from = today;
    }
    Batch read = readDays(new DateRange(from, today), progress);
    return new Batch(read.rows(), Optional.of(today.toString()), read.pages(), cursor.isEmpty(), read.covered());
  }

  /** One report for a range of days (a custom date range, both ends included); no cursor. */
  private Batch readDays(DateRange range, ApiTable.Progress progress) {
    Path folder = null;
    try {
      folder = Files.createTempDirectory("marketing-sql-microsoft-ads");
      MicrosoftAdsClient.Report report = client.run(request(range.from(), range.to()), folder);
      List<Object[]> rows = new ArrayList<>();
      if (report.csv().isPresent()) {
        AdReportFiles.Report read = AdReportFiles.read(report.csv().get(), MicrosoftAdsSource.EXPORT, null, currency);
        for (Object[] r : read.rows()) {
          rows.add(CAMPAIGN_DAILY.row(new ReportRow(read, r)));
        }
      }
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

  /** A daily CampaignPerformanceReportRequest for the account over the days, as CSV with Microsoft's header and footer. */
  ObjectNode request(LocalDate from, LocalDate to) {
    ObjectNode request = JSON.createObjectNode();
    request.put("Type", "CampaignPerformanceReportRequest");
    request.put("ExcludeColumnHeaders", false);
    request.put("ExcludeReportFooter", false);
    request.put("ExcludeReportHeader", false);
    request.put("Format", "Csv");
    request.put("FormatVersion", "2.0");
    request.put("ReportName", "marketing-sql campaign_daily");
    request.put("ReturnOnlyCompleteData", false);
    request.put("Aggregation", "Daily");
    ArrayNode columns = request.putArray("Columns");
    COLUMNS.forEach(columns::add);
    request.putObject("Scope").putArray("AccountIds").add(accountId);
    ObjectNode time = request.putObject("Time");
    time.set("CustomDateRangeStart", date(from));
    time.set("CustomDateRangeEnd", date(to));
    time.put("ReportTimeZone", zone.get().microsoft());
    return request;
  }

  private static ObjectNode date(LocalDate day) {
    return JSON.createObjectNode().put("Day", day.getDayOfMonth()).put("Month", day.getMonthValue())
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

  private static LocalDate day(String cursor) {
    try {
      return LocalDate.parse(cursor);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("the stored cursor '" + cursor + "' of microsoft-ads campaign_daily is not a"
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
