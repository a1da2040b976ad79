package org.marketingsql.source.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.http.ApiException;

/**
 * The Google Ads tables and the GAQL that reads each. Daily tables read {@code segments.date} from the
 * cursor (the last day synced) minus the look-back to today in the account's time zone, in chunks of
 * {@link #CHUNK_DAYS} days so one stream stays small; a first read starts {@code startDate} or
 * {@link #DEFAULT_HISTORY_DAYS} days back. Cost is {@code metrics.cost_micros} ÷ 1 000 000, exact.
 * Metrics Google leaves out of a row (proto3 JSON omits zeros) are zero.
 */
final class GoogleAdsTables {
  /** The tables as declared, for the registry and the docs. */
  static List<org.marketingsql.source.TableDefinition<?>> definitions() {
    return List.of();
  }

  /** Days a first sync reads when the source sets no {@code startDate}. */
  static final int DEFAULT_HISTORY_DAYS = 365;
  /** Days one searchStream call covers. */
  static final int CHUNK_DAYS = 90;
  private static final String API = "google-ads";
  private static final String MONEY = "DECIMAL(18,6)";
  private static final String METRICS = "metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions,"
      + " metrics.conversions_value";

  private final GoogleAdsClient client;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final Clock clock;
  private Customer customer;

  /** The account's own settings, read once per sync. */
  record Customer(String id, String name, String currency, ZoneId zone) {
  }

  /** @param startDate the first day a first sync reads; null for {@link #DEFAULT_HISTORY_DAYS} back */
  GoogleAdsTables(GoogleAdsClient client, int lookbackDays, LocalDate startDate, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackDays = lookbackDays;
    this.startDate = startDate;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  List<ApiTable> all() {
    return List.of(campaigns(), adGroups(), campaignDaily(), adGroupDaily(), keywordDaily());
  }

  ApiTable campaigns() {
    return new ApiTable("campaigns", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("name", "VARCHAR"), new ApiColumn("status", "VARCHAR"),
        new ApiColumn("channel_type", "VARCHAR"), new ApiColumn("account_id", "VARCHAR")),
        (cursor, progress) -> whole("SELECT campaign.id, campaign.name, campaign.status,"
            + " campaign.advertising_channel_type, customer.id FROM campaign", progress, r -> new Object[] {
            required(r, "campaign", "id"), text(r, "campaign", "name"), text(r, "campaign", "status"),
            text(r, "campaign", "advertisingChannelType"), text(r, "customer", "id")}), null);
  }

  ApiTable adGroups() {
    return new ApiTable("ad_groups", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("campaign_id", "VARCHAR"), new ApiColumn("name", "VARCHAR"),
        new ApiColumn("status", "VARCHAR"), new ApiColumn("type", "VARCHAR")),
        (cursor, progress) -> whole("SELECT ad_group.id, ad_group.name, ad_group.status, ad_group.type, campaign.id"
            + " FROM ad_group", progress, r -> new Object[] {
            required(r, "adGroup", "id"), text(r, "campaign", "id"), text(r, "adGroup", "name"),
            text(r, "adGroup", "status"), text(r, "adGroup", "type")}), null);
  }

  /** The one Google Ads table that feeds finance's ad spend: a row per campaign and day. */
  ApiTable campaignDaily() {
    return daily("campaign_daily", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("date", "DATE"), new ApiColumn("account_id", "VARCHAR"),
        new ApiColumn("campaign_id", "VARCHAR"), new ApiColumn("campaign_name", "VARCHAR"),
        new ApiColumn("impressions", "BIGINT"), new ApiColumn("clicks", "BIGINT"), new ApiColumn("spend", MONEY),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("conversions", MONEY),
        new ApiColumn("conversion_value", MONEY)),
        "SELECT segments.date, customer.id, customer.currency_code, campaign.id,"
            + " campaign.name, " + METRICS + " FROM campaign", r -> {
          String campaign = required(r, "campaign", "id");
          String date = required(r, "segments", "date");
          String currency = text(r, "customer", "currencyCode");
          return new Object[] {campaign + "|" + date, day(date), text(r, "customer", "id"), campaign,
              text(r, "campaign", "name"), whole(r, "impressions"), whole(r, "clicks"), micros(r, "costMicros"),
              currency == null ? null : currency.toUpperCase(Locale.ROOT), decimal(r, "conversions"),
              decimal(r, "conversionsValue")};
        }, adSpend());
  }

  ApiTable adGroupDaily() {
    return daily("ad_group_daily", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("date", "DATE"), new ApiColumn("campaign_id", "VARCHAR"),
        new ApiColumn("ad_group_id", "VARCHAR"), new ApiColumn("ad_group_name", "VARCHAR"),
        new ApiColumn("impressions", "BIGINT"), new ApiColumn("clicks", "BIGINT"), new ApiColumn("spend", MONEY),
        new ApiColumn("conversions", MONEY), new ApiColumn("conversion_value", MONEY)),
        "SELECT segments.date, campaign.id, ad_group.id, ad_group.name, " + METRICS
            + " FROM ad_group", r -> {
          String group = required(r, "adGroup", "id");
          String date = required(r, "segments", "date");
          return new Object[] {group + "|" + date, day(date), text(r, "campaign", "id"), group,
              text(r, "adGroup", "name"), whole(r, "impressions"), whole(r, "clicks"), micros(r, "costMicros"),
              decimal(r, "conversions"), decimal(r, "conversionsValue")};
        }, null);
  }

  ApiTable keywordDaily() {
    return daily("keyword_daily", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("date", "DATE"), new ApiColumn("campaign_id", "VARCHAR"),
        new ApiColumn("ad_group_id", "VARCHAR"), new ApiColumn("criterion_id", "VARCHAR"),
        new ApiColumn("keyword", "VARCHAR"), new ApiColumn("match_type", "VARCHAR"),
        new ApiColumn("impressions", "BIGINT"), new ApiColumn("clicks", "BIGINT"), new ApiColumn("spend", MONEY),
        new ApiColumn("conversions", MONEY), new ApiColumn("conversion_value", MONEY)),
        "SELECT segments.date, campaign.id, ad_group.id, ad_group_criterion.criterion_id,"
            + " ad_group_criterion.keyword.text, ad_group_criterion.keyword.match_type, " + METRICS
            + " FROM keyword_view", r -> {
          String group = required(r, "adGroup", "id");
          String criterion = required(r, "adGroupCriterion", "criterionId");
          String date = required(r, "segments", "date");
          JsonNode keyword = r.path("adGroupCriterion").path("keyword");
          return new Object[] {group + "~" + criterion + "|" + date, day(date), text(r, "campaign", "id"), group,
              criterion, keyword.path("text").asText(null), keyword.path("matchType").asText(null),
              whole(r, "impressions"), whole(r, "clicks"), micros(r, "costMicros"), decimal(r, "conversions"),
              decimal(r, "conversionsValue")};
        }, null);
  }

  /** campaign_daily as finance's ad spend input, on the platform name the finance views use. */
  private static Feed adSpend() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      columns.put(column, column.equals("platform") ? "'google_ads'" : "\"" + column + "\"");
    }
    return new Feed(Feed.Input.AD_SPEND, columns, "\"currency\" IS NOT NULL");
  }

  /** A table without dates, read whole every time. */
  private Batch whole(String query, ApiTable.Progress progress, Function<JsonNode, Object[]> row) {
    GoogleAdsClient.Answer answer = client.search(query);
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode r : answer.rows()) {
      rows.add(row.apply(r));
    }
    progress.page(Math.max(1, answer.batches()), rows.size());
    return new Batch(rows, Optional.empty(), Math.max(1, answer.batches()), true);
  }

  /**
   * A table by day: synced from the cursor minus the look-back (or the history start) to today, or
   * for any range of days asked for.
   */
  private ApiTable daily(String name, List<ApiColumn> columns, String select, Function<JsonNode, Object[]> row,
      Feed feed) {
    return new ApiTable(name, columns, (cursor, progress) -> {
      LocalDate today = LocalDate.now(clock.withZone(customer().zone()));
      LocalDate from = cursor.map(c -> day(c).minusDays(lookbackDays))
          .orElse(startDate != null ? startDate : today.minusDays(DEFAULT_HISTORY_DAYS - 1L));
      if (from.isAfter(today)) {
        from = today;
      }
      Batch read = days(select, new DateRange(from, today), progress, row);
      return new Batch(read.rows(), Optional.of(today.toString()), read.pages(), cursor.isEmpty(), read.covered());
    }, feed).withRanges("date", (range, progress) -> days(select, range, progress, row));
  }

  /** The rows of a range of days, chunk by chunk; no cursor. */
  private Batch days(String select, DateRange range, ApiTable.Progress progress, Function<JsonNode, Object[]> row) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (LocalDate start = range.from(); !start.isAfter(range.to()); start = start.plusDays(CHUNK_DAYS)) {
      LocalDate end = start.plusDays(CHUNK_DAYS - 1L).isAfter(range.to()) ? range.to() : start.plusDays(CHUNK_DAYS - 1L);
      GoogleAdsClient.Answer answer = client.search(select + " WHERE segments.date BETWEEN '" + start + "' AND '"
          + end + "'");
      for (JsonNode r : answer.rows()) {
        rows.add(row.apply(r));
      }
      pages += Math.max(1, answer.batches());
      progress.page(pages, rows.size());
    }
    return new Batch(rows, Optional.empty(), pages, false, Optional.of(range));
  }

  /** The account's currency and time zone ({@code customer.time_zone} decides what "today" is). */
  Customer customer() {
    if (customer == null) {
      List<JsonNode> rows = client.search("SELECT customer.id, customer.descriptive_name, customer.currency_code,"
          + " customer.time_zone FROM customer LIMIT 1").rows();
      if (rows.isEmpty()) {
        throw ApiException.malformed(API, "POST googleAds:searchStream", "the customer row");
      }
      JsonNode c = rows.get(0);
      ZoneId zone;
      try {
        zone = ZoneId.of(c.path("customer").path("timeZone").asText("UTC"));
      } catch (DateTimeException e) {
        zone = ZoneId.of("UTC");
      }
      customer = new Customer(text(c, "customer", "id"), text(c, "customer", "descriptiveName"),
          text(c, "customer", "currencyCode"), zone);
    }
    return customer;
  }

  private static String text(JsonNode row, String resource, String field) {
    JsonNode v = row.path(resource).path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static String required(JsonNode row, String resource, String field) {
    String v = text(row, resource, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.malformed(API, "POST googleAds:searchStream", resource + "." + field + " on every row");
    }
    return v;
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.malformed(API, "POST googleAds:searchStream", "dates as YYYY-MM-DD (got " + text + ")");
    }
  }

  /** An int64 metric, which proto3 JSON writes as a string and omits when zero. */
  private static long whole(JsonNode row, String metric) {
    JsonNode v = row.path("metrics").path(metric);
    if (v.isMissingNode() || v.isNull()) {
      return 0L;
    }
    try {
      return Long.parseLong(v.asText());
    } catch (NumberFormatException e) {
      throw ApiException.malformed(API, "POST googleAds:searchStream", "whole numbers in metrics." + metric);
    }
  }

  /** Micros of the account currency as currency units, exactly. */
  private static BigDecimal micros(JsonNode row, String metric) {
    return BigDecimal.valueOf(whole(row, metric), 6);
  }

  /** A double metric (conversions can be fractional under data-driven attribution). */
  private static BigDecimal decimal(JsonNode row, String metric) {
    JsonNode v = row.path("metrics").path(metric);
    if (v.isMissingNode() || v.isNull()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      throw ApiException.malformed(API, "POST googleAds:searchStream", "numbers in metrics." + metric);
    }
  }
}
