package org.marketingsql.source.googleads;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.VARCHAR;

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
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.http.ApiException;

/**
 * The Google Ads tables and the GAQL that reads each. Daily tables read {@code segments.date} from the
 * cursor (the last day synced) minus the look-back to today in the account's time zone, in chunks of
 * {@link #CHUNK_DAYS} days so one stream stays small; a first read starts {@code startDate} or
 * {@link #DEFAULT_HISTORY_DAYS} days back. Cost is {@code metrics.cost_micros} ÷ 1 000 000, exact.
 * Metrics Google leaves out of a row (proto3 JSON omits zeros) are zero.
 */
final class GoogleAdsTables {
  /** Days a first sync reads when the source sets no {@code startDate}. */
  static final int DEFAULT_HISTORY_DAYS = 365;
  /** Days one searchStream call covers. */
  static final int CHUNK_DAYS = 90;
  private static final String API = "google-ads";
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

  static final TableDefinition<JsonNode> CAMPAIGNS = TableDefinition.<JsonNode>table("campaigns",
          "One row per campaign of the customer, as it is now.")
      .column("id", VARCHAR, "The campaign's id.", r -> required(r, "campaign", "id"))
      .column("name", VARCHAR, "The campaign's name.", r -> text(r, "campaign", "name"))
      .column("status", VARCHAR, "ENABLED, PAUSED or REMOVED.", r -> text(r, "campaign", "status"))
      .column("channel_type", VARCHAR, "The advertising channel: SEARCH, DISPLAY, VIDEO, PERFORMANCE_MAX, ….",
          r -> text(r, "campaign", "advertisingChannelType"))
      .column("account_id", VARCHAR, "The customer (account) id, digits only.", r -> text(r, "customer", "id"))
      .build();

  static final TableDefinition<JsonNode> AD_GROUPS = TableDefinition.<JsonNode>table("ad_groups",
          "One row per ad group of the customer, as it is now.")
      .column("id", VARCHAR, "The ad group's id.", r -> required(r, "adGroup", "id"))
      .column("campaign_id", VARCHAR, "The campaign it belongs to.", r -> text(r, "campaign", "id"))
      .column("name", VARCHAR, "The ad group's name.", r -> text(r, "adGroup", "name"))
      .column("status", VARCHAR, "ENABLED, PAUSED or REMOVED.", r -> text(r, "adGroup", "status"))
      .column("type", VARCHAR, "The ad group type, e.g. SEARCH_STANDARD.", r -> text(r, "adGroup", "type"))
      .build();

  /** The one Google Ads table that feeds finance's ad spend: a row per campaign and day. */
  static final TableDefinition<JsonNode> CAMPAIGN_DAILY = TableDefinition.<JsonNode>table("campaign_daily",
          "One row per campaign and day: delivery, cost and conversions. Feeds finance's ad spend.")
      .column("id", VARCHAR, "The row's key: campaign id and day, as campaign_id|date.",
          r -> required(r, "campaign", "id") + "|" + required(r, "segments", "date"))
      .with(GoogleAdsTables::dated)
      .column("account_id", VARCHAR, "The customer (account) id, digits only.", r -> text(r, "customer", "id"))
      .column("campaign_id", VARCHAR, "The campaign's id.", r -> required(r, "campaign", "id"))
      .column("campaign_name", VARCHAR, "The campaign's name.", r -> text(r, "campaign", "name"))
      .with(GoogleAdsTables::delivery)
      .column("spend", MONEY, "Cost in the account's currency (metrics.cost_micros ÷ 1,000,000, exact).",
          r -> micros(r, "costMicros"))
      .column("currency", VARCHAR, "The account's currency, ISO 4217.", r -> upper(text(r, "customer", "currencyCode")))
      .with(GoogleAdsTables::conversions)
      .build();

  static final TableDefinition<JsonNode> AD_GROUP_DAILY = TableDefinition.<JsonNode>table("ad_group_daily",
          "One row per ad group and day: delivery, cost and conversions.")
      .column("id", VARCHAR, "The row's key: ad group id and day, as ad_group_id|date.",
          r -> required(r, "adGroup", "id") + "|" + required(r, "segments", "date"))
      .with(GoogleAdsTables::dated)
      .column("campaign_id", VARCHAR, "The campaign the ad group belongs to.", r -> text(r, "campaign", "id"))
      .column("ad_group_id", VARCHAR, "The ad group's id.", r -> required(r, "adGroup", "id"))
      .column("ad_group_name", VARCHAR, "The ad group's name.", r -> text(r, "adGroup", "name"))
      .with(GoogleAdsTables::metrics)
      .build();

  static final TableDefinition<JsonNode> KEYWORD_DAILY = TableDefinition.<JsonNode>table("keyword_daily",
          "One row per keyword and day: delivery, cost and conversions.")
      .column("id", VARCHAR, "The row's key: ad group id, criterion id and day, as ad_group_id~criterion_id|date.",
          r -> required(r, "adGroup", "id") + "~" + required(r, "adGroupCriterion", "criterionId") + "|"
              + required(r, "segments", "date"))
      .with(GoogleAdsTables::dated)
      .column("campaign_id", VARCHAR, "The campaign of the keyword's ad group.", r -> text(r, "campaign", "id"))
      .column("ad_group_id", VARCHAR, "The keyword's ad group.", r -> required(r, "adGroup", "id"))
      .column("criterion_id", VARCHAR, "The keyword's criterion id within its ad group.",
          r -> required(r, "adGroupCriterion", "criterionId"))
      .column("keyword", VARCHAR, "The keyword's text.",
          r -> r.path("adGroupCriterion").path("keyword").path("text").asText(null))
      .column("match_type", VARCHAR, "EXACT, PHRASE or BROAD.",
          r -> r.path("adGroupCriterion").path("keyword").path("matchType").asText(null))
      .with(GoogleAdsTables::metrics)
      .build();

  /** The day of a daily row, in the account's time zone. */
  private static TableDefinition.Builder<JsonNode> dated(TableDefinition.Builder<JsonNode> table) {
    return table.column("date", DATE, "The day, in the account's time zone.", r -> day(required(r, "segments", "date")));
  }

  /** Impressions and clicks. */
  private static TableDefinition.Builder<JsonNode> delivery(TableDefinition.Builder<JsonNode> table) {
    return table
        .column("impressions", BIGINT, "Times the ads were shown.", r -> whole(r, "impressions"))
        .column("clicks", BIGINT, "Clicks on the ads.", r -> whole(r, "clicks"));
  }

  /** Conversions and their value. */
  private static TableDefinition.Builder<JsonNode> conversions(TableDefinition.Builder<JsonNode> table) {
    return table
        .column("conversions", MONEY, "Conversions, fractional under data-driven attribution.",
            r -> decimal(r, "conversions"))
        .column("conversion_value", MONEY, "The conversions' value in the account's currency.",
            r -> decimal(r, "conversionsValue"));
  }

  /** Delivery, cost and conversions of a daily row below the campaign. */
  private static TableDefinition.Builder<JsonNode> metrics(TableDefinition.Builder<JsonNode> table) {
    return table.with(GoogleAdsTables::delivery)
        .column("spend", MONEY, "Cost in the account's currency.", r -> micros(r, "costMicros"))
        .with(GoogleAdsTables::conversions);
  }

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CAMPAIGNS, AD_GROUPS, CAMPAIGN_DAILY, AD_GROUP_DAILY, KEYWORD_DAILY);
  }

  ApiTable campaigns() {
    return new ApiTable(CAMPAIGNS.name(), CAMPAIGNS.columns(), (cursor, progress) -> whole("SELECT campaign.id,"
        + " campaign.name, campaign.status, campaign.advertising_channel_type, customer.id FROM campaign", progress,
        CAMPAIGNS), null);
  }

  ApiTable adGroups() {
    return new ApiTable(AD_GROUPS.name(), AD_GROUPS.columns(), (cursor, progress) -> whole("SELECT ad_group.id,"
        + " ad_group.name, ad_group.status, ad_group.type, campaign.id FROM ad_group", progress, AD_GROUPS), null);
  }

  ApiTable campaignDaily() {
    return daily(CAMPAIGN_DAILY, "SELECT segments.date, customer.id, customer.currency_code, campaign.id,"
        + " campaign.name, " + METRICS + " FROM campaign", adSpend());
  }

  ApiTable adGroupDaily() {
    return daily(AD_GROUP_DAILY, "SELECT segments.date, campaign.id, ad_group.id, ad_group.name, " + METRICS
        + " FROM ad_group", null);
  }

  ApiTable keywordDaily() {
    return daily(KEYWORD_DAILY, "SELECT segments.date, campaign.id, ad_group.id, ad_group_criterion.criterion_id,"
        + " ad_group_criterion.keyword.text, ad_group_criterion.keyword.match_type, " + METRICS
        + " FROM keyword_view", null);
  }

  /** campaign_daily as finance's ad spend input, on the platform name the finance views use. */
  private static Feed adSpend() {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      columns.put(column, column.equals("platform") ? "'" + GoogleAdsSource.PLATFORM + "'" : "\"" + column + "\"");
    }
    return new Feed(Feed.Input.AD_SPEND, columns, "\"currency\" IS NOT NULL");
  }

  /** A table without dates, read whole every time. */
  private Batch whole(String query, ApiTable.Progress progress, TableDefinition<JsonNode> table) {
    GoogleAdsClient.Answer answer = client.search(query);
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode r : answer.rows()) {
      rows.add(table.row(r));
    }
    progress.page(Math.max(1, answer.batches()), rows.size());
    return new Batch(rows, Optional.empty(), Math.max(1, answer.batches()), true);
  }

  /**
   * A table by day: synced from the cursor minus the look-back (or the history start) to today, or
   * for any range of days asked for.
   */
  private ApiTable daily(TableDefinition<JsonNode> table, String select, Feed feed) {
    return new ApiTable(table.name(), table.columns(), (cursor, progress) -> {
      LocalDate today = LocalDate.now(clock.withZone(customer().zone()));
      LocalDate from = cursor.map(c -> day(c).minusDays(lookbackDays))
          .orElse(startDate != null ? startDate : today.minusDays(DEFAULT_HISTORY_DAYS - 1L));
      if (from.isAfter(today)) {
        from = today;
      }
      Batch read = days(select, new DateRange(from, today), progress, table);
      return new Batch(read.rows(), Optional.of(today.toString()), read.pages(), cursor.isEmpty(), read.covered());
    }, feed).withRanges("date", (range, progress) -> days(select, range, progress, table));
  }

  /** The rows of a range of days, chunk by chunk; no cursor. */
  private Batch days(String select, DateRange range, ApiTable.Progress progress, TableDefinition<JsonNode> table) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (LocalDate start = range.from(); !start.isAfter(range.to()); start = start.plusDays(CHUNK_DAYS)) {
      LocalDate end = start.plusDays(CHUNK_DAYS - 1L).isAfter(range.to()) ? range.to() : start.plusDays(CHUNK_DAYS - 1L);
      GoogleAdsClient.Answer answer = client.search(select + " WHERE segments.date BETWEEN '" + start + "' AND '"
          + end + "'");
      for (JsonNode r : answer.rows()) {
        rows.add(table.row(r));
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
      String id = text(c, "customer", "id");
      customer = new Customer(id == null ? client.customerId() : id, text(c, "customer", "descriptiveName"),
          upper(text(c, "customer", "currencyCode")), zone(text(c, "customer", "timeZone")));
    }
    return customer;
  }

  /** The account's settings as already known (a manager's list of its clients gives them), saving a query. */
  void know(Customer known) {
    this.customer = Objects.requireNonNull(known, "known");
  }

  /** A customer's {@code time_zone} (an IANA name); UTC when missing or unknown to Java. */
  static ZoneId zone(String name) {
    try {
      return ZoneId.of(name == null || name.isBlank() ? "UTC" : name);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
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

  private static String upper(String code) {
    return code == null ? null : code.toUpperCase(Locale.ROOT);
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
