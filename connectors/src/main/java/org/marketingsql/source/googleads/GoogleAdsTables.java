package org.marketingsql.source.googleads;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.BOOLEAN;
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
import java.util.HashMap;
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
import org.marketingsql.source.PrimaryConversions;
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
    return List.of(campaigns(), adGroups(), campaignDaily(), adGroupDaily(), keywordDaily(), conversionActions(),
        campaignConversionsDaily());
  }

  /**
   * A conversion action as listed now: whether Google counts it in the {@code conversions} metric (its
   * primary actions) and whether it is primary for its goal.
   */
  record Action(String id, boolean includeInConversionsMetric, boolean primaryForGoal) {
  }

  /** One row of conversions by campaign, day and action, with the action as listed when the row was read. */
  record ActionDay(JsonNode json, Action action) {
  }

  private static final String ACTIONS_QUERY = "SELECT conversion_action.id, conversion_action.name,"
      + " conversion_action.category, conversion_action.type, conversion_action.status,"
      + " conversion_action.primary_for_goal, conversion_action.include_in_conversions_metric FROM conversion_action";

  static final TableDefinition<JsonNode> CONVERSION_ACTIONS = TableDefinition.<JsonNode>table("conversion_actions",
          "One row per conversion action of the customer, as it is now.")
      .column("id", VARCHAR, "The conversion action's id.", r -> required(r, "conversionAction", "id"))
      .column("name", VARCHAR, "The conversion action's name.", r -> text(r, "conversionAction", "name"))
      .column("category", VARCHAR, "What the action is, e.g. PURCHASE, SIGNUP, SUBMIT_LEAD_FORM.",
          r -> text(r, "conversionAction", "category"))
      .column("type", VARCHAR, "Where the action comes from, e.g. WEBPAGE, UPLOAD_CLICKS, GOOGLE_ANALYTICS_4_PURCHASE.",
          r -> text(r, "conversionAction", "type"))
      .column("status", VARCHAR, "ENABLED, REMOVED or HIDDEN.", r -> text(r, "conversionAction", "status"))
      .column("primary_for_goal", BOOLEAN, "Whether the action is primary for its conversion goal (biddable);"
          + " false when Google leaves the field out.", r -> flag(r, "primaryForGoal"))
      .column("include_in_conversions_metric", BOOLEAN, "Whether Google counts the action in the conversions"
          + " metric (campaign_daily's conversions): Google's own notion of a primary conversion.",
          r -> flag(r, "includeInConversionsMetric"))
      .build();

  /** Conversions by campaign, day and conversion action: the table that feeds finance's conversions. */
  static final TableDefinition<ActionDay> CAMPAIGN_CONVERSIONS_DAILY = TableDefinition.<ActionDay>table(
          "campaign_conversions_daily", "One row per campaign, day and conversion action (GAQL segments.conversion_action):"
          + " every action's conversions and value, primary or not. Feeds finance.conversions_daily."
          + " Google reports view-through conversions per campaign only, not per action.")
      .column("id", VARCHAR, "The row's key: campaign id, conversion action id and day, as campaign_id~action_id|date.",
          r -> required(r.json(), "campaign", "id") + "~" + actionId(r.json()) + "|" + required(r.json(), "segments", "date"))
      .column("date", DATE, "The day, in the account's time zone.", r -> day(required(r.json(), "segments", "date")))
      .column("account_id", VARCHAR, "The customer (account) id, digits only.", r -> text(r.json(), "customer", "id"))
      .column("campaign_id", VARCHAR, "The campaign's id.", r -> required(r.json(), "campaign", "id"))
      .column("campaign_name", VARCHAR, "The campaign's name.", r -> text(r.json(), "campaign", "name"))
      .column("conversion_action", VARCHAR, "The conversion action's id (the last part of segments.conversion_action).",
          r -> actionId(r.json()))
      .column("conversion_action_name", VARCHAR, "The conversion action's name (segments.conversion_action_name).",
          r -> text(r.json(), "segments", "conversionActionName"))
      .column("conversion_action_category", VARCHAR, "The action's category, e.g. PURCHASE"
          + " (segments.conversion_action_category).", r -> text(r.json(), "segments", "conversionActionCategory"))
      .column("currency", VARCHAR, "The account's currency, ISO 4217.",
          r -> upper(text(r.json(), "customer", "currencyCode")))
      .column("conversions", MONEY, "metrics.conversions: the action's conversions when Google counts it in the"
          + " conversions metric, else 0; fractional under data-driven attribution.", r -> decimal(r.json(), "conversions"))
      .column("conversion_value", MONEY, "metrics.conversions_value: the value of those conversions in the account's"
          + " currency.", r -> decimal(r.json(), "conversionsValue"))
      .column("all_conversions", MONEY, "metrics.all_conversions: every conversion of the action, primary or not.",
          r -> decimal(r.json(), "allConversions"))
      .column("all_conversion_value", MONEY, "metrics.all_conversions_value: the value of all_conversions in the"
          + " account's currency.", r -> decimal(r.json(), "allConversionsValue"))
      .column("include_in_conversions_metric", BOOLEAN, "Whether Google counted the action in the conversions metric"
          + " when the row was synced (conversion_actions); NULL for an action no longer listed.",
          r -> r.action() == null ? null : r.action().includeInConversionsMetric())
      .column("primary_for_goal", BOOLEAN, "Whether the action was primary for its goal when the row was synced;"
          + " NULL for an action no longer listed.", r -> r.action() == null ? null : r.action().primaryForGoal())
      .build();

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
    return List.of(CAMPAIGNS, AD_GROUPS, CAMPAIGN_DAILY, AD_GROUP_DAILY, KEYWORD_DAILY, CONVERSION_ACTIONS,
        CAMPAIGN_CONVERSIONS_DAILY);
  }

  ApiTable conversionActions() {
    return new ApiTable(CONVERSION_ACTIONS.name(), CONVERSION_ACTIONS.columns(),
        (cursor, progress) -> whole(ACTIONS_QUERY, progress, CONVERSION_ACTIONS), null);
  }

  /**
   * {@link #CAMPAIGN_CONVERSIONS_DAILY}: per action {@code all_conversions} as the count (so secondary actions
   * count too) and {@code include_in_conversions_metric} as the platform's notion of primary. Google gives no
   * click-through/view-through split per action, so both are NULL in the feed.
   */
  ApiTable campaignConversionsDaily() {
    TableDefinition<ActionDay> table = CAMPAIGN_CONVERSIONS_DAILY;
    String select = "SELECT segments.date, customer.id, customer.currency_code, campaign.id, campaign.name,"
        + " segments.conversion_action, segments.conversion_action_name, segments.conversion_action_category,"
        + " metrics.conversions, metrics.conversions_value, metrics.all_conversions, metrics.all_conversions_value"
        + " FROM campaign";
    Feed feed = PrimaryConversions.feed(GoogleAdsSource.PLATFORM, Map.of(
        "conversions", "\"all_conversions\"",
        "conversion_value", "\"all_conversion_value\"",
        "click_through_conversions", PrimaryConversions.NO_COUNT,
        "view_through_conversions", PrimaryConversions.NO_COUNT,
        "platform_primary", "\"include_in_conversions_metric\""));
    ApiTable.RangeFetcher days = (range, progress) -> {
      Map<String, Action> actions = actions();
      List<Object[]> rows = new ArrayList<>();
      int pages = 0;
      for (LocalDate start = range.from(); !start.isAfter(range.to()); start = start.plusDays(CHUNK_DAYS)) {
        LocalDate end = start.plusDays(CHUNK_DAYS - 1L).isAfter(range.to()) ? range.to() : start.plusDays(CHUNK_DAYS - 1L);
        GoogleAdsClient.Answer answer = client.search(select + " WHERE segments.date BETWEEN '" + start + "' AND '"
            + end + "'");
        for (JsonNode r : answer.rows()) {
          rows.add(table.row(new ActionDay(r, actions.get(actionId(r)))));
        }
        pages += Math.max(1, answer.batches());
        progress.page(pages, rows.size());
      }
      return new Batch(rows, Optional.empty(), pages, false, Optional.of(range));
    };
    return new ApiTable(table.name(), table.columns(), (cursor, progress) -> {
      DateRange range = syncRange(cursor);
      Batch read = days.fetchRange(range, progress);
      return new Batch(read.rows(), Optional.of(range.to().toString()), read.pages(), cursor.isEmpty(), read.covered());
    }, feed).withRanges("date", days);
  }

  /** The customer's conversion actions by id, as listed now. */
  private Map<String, Action> actions() {
    Map<String, Action> actions = new HashMap<>();
    for (JsonNode r : client.search(ACTIONS_QUERY).rows()) {
      String id = required(r, "conversionAction", "id");
      actions.put(id, new Action(id, flag(r, "includeInConversionsMetric"), flag(r, "primaryForGoal")));
    }
    return actions;
  }

  /** The conversion action's id from its resource name, {@code customers/1/conversionActions/ID}. */
  private static String actionId(JsonNode row) {
    String name = required(row, "segments", "conversionAction");
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** A boolean field of a conversion action, which proto3 JSON leaves out when false. */
  private static boolean flag(JsonNode row, String field) {
    return row.path("conversionAction").path(field).asBoolean(false);
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
      DateRange range = syncRange(cursor);
      Batch read = days(select, range, progress, table);
      return new Batch(read.rows(), Optional.of(range.to().toString()), read.pages(), cursor.isEmpty(), read.covered());
    }, feed).withRanges("date", (range, progress) -> days(select, range, progress, table));
  }

  /** The days a sync reads: from the cursor minus the look-back (or the history start) to today. */
  private DateRange syncRange(Optional<String> cursor) {
    LocalDate today = LocalDate.now(clock.withZone(customer().zone()));
    LocalDate from = cursor.map(c -> day(c).minusDays(lookbackDays))
        .orElse(startDate != null ? startDate : today.minusDays(DEFAULT_HISTORY_DAYS - 1L));
    if (from.isAfter(today)) {
      from = today;
    }
    return new DateRange(from, today);
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
