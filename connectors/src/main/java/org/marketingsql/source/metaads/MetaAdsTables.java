package org.marketingsql.source.metaads;

import static org.marketingsql.source.SqlType.BIGINT;
import static org.marketingsql.source.SqlType.BOOLEAN;
import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.TIMESTAMP;
import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.Json;
import org.marketingsql.source.http.Pages;

/**
 * The Meta ads tables: insights by day at campaign, ad set and ad level, and the campaigns. Meta
 * sends every number as a string, read here into BigDecimal exactly. Conversions are the sum of the
 * {@code actions} whose {@code action_type} is one of the configured types, their value the same sum
 * over {@code action_values}. Only {@code campaign_daily} feeds ad spend; the finer tables are detail.
 */
final class MetaAdsTables {
  /** Days a first sync reads back: two years, inside the 37 months Meta keeps insights. */
  static final int FIRST_SYNC_DAYS = 730;
  static final String PLATFORM = MetaAdsSource.PLATFORM;
  private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
  private static final List<String> METRICS = List.of("spend", "impressions", "clicks", "actions", "action_values",
      "account_currency", "account_id", "date_start");

  /** One row of insights, with the action types the source counts as conversions. */
  record Insight(JsonNode json, Set<String> conversionTypes) {
  }

  static final TableDefinition<Insight> CAMPAIGN_DAILY = insights("campaign_daily",
      "One row per campaign and day: delivery, spend and conversions. Feeds finance's ad spend.", "campaign_id");
  static final TableDefinition<Insight> ADSET_DAILY = insights("adset_daily",
      "One row per ad set (Meta's ad group) and day: delivery, spend and conversions.", "adset_id",
      "adset_id", "The ad set's id.", "adset_name", "The ad set's name.");
  static final TableDefinition<Insight> AD_DAILY = insights("ad_daily",
      "One row per ad and day: delivery, spend and conversions.", "ad_id",
      "adset_id", "The ad set's id.", "adset_name", "The ad set's name.", "ad_id", "The ad's id.",
      "ad_name", "The ad's name.");
  /**
   * The account's campaigns as listed now, read whole each sync. Budgets are left out: Meta gives them
   * in the currency's minor units, whose offset varies by currency.
   */
  static final TableDefinition<JsonNode> CAMPAIGNS = TableDefinition.<JsonNode>table("campaigns",
          "One row per campaign of the ad account, as it is now.")
      .column("id", VARCHAR, "The campaign's id.", c -> {
        String id = Json.text(c, "id");
        if (id == null) {
          throw ApiException.malformed("meta-ads", "GET campaigns", "an id on every campaign");
        }
        return id;
      })
      .column("name", VARCHAR, "The campaign's name.", c -> Json.text(c, "name"))
      .column("status", VARCHAR, "The status set on the campaign: ACTIVE, PAUSED, DELETED or ARCHIVED.",
          c -> Json.text(c, "status"))
      .column("effective_status", VARCHAR, "The status in effect, which also reflects the account and review.",
          c -> Json.text(c, "effective_status"))
      .column("objective", VARCHAR, "The campaign's objective, e.g. OUTCOME_SALES.", c -> Json.text(c, "objective"))
      .column("buying_type", VARCHAR, "AUCTION or RESERVED.", c -> Json.text(c, "buying_type"))
      .column("start_time", TIMESTAMP, "When the campaign starts, UTC.", c -> time(Json.text(c, "start_time")))
      .column("stop_time", TIMESTAMP, "When the campaign stops, UTC; NULL when it runs on.",
          c -> time(Json.text(c, "stop_time")))
      .column("created_time", TIMESTAMP, "When the campaign was created, UTC.", c -> time(Json.text(c, "created_time")))
      .column("updated_time", TIMESTAMP, "When the campaign was last changed, UTC.",
          c -> time(Json.text(c, "updated_time")))
      .build();

  /**
   * The attribution windows Meta's insights return per action when asked for them ({@code
   * action_attribution_windows}), each kept in a column of its own; since January 2026 Meta no longer returns
   * 7d_view and 28d_view. Click windows nest (a 7-day click conversion is also a 28-day one).
   */
  static final List<String> WINDOWS = List.of("1d_click", "7d_click", "28d_click", "1d_view", "1d_ev");

  /**
   * One action of one campaign's day: the {@code actions} entry, the {@code action_values} entry of the same
   * type (null when Meta gives no value), the types the source counts as conversions and the windows asked for.
   */
  record ActionDay(JsonNode row, JsonNode action, JsonNode value, Set<String> conversionTypes,
      List<String> windows) {
    String type() {
      return action.path("action_type").asText("");
    }

    /** The action's count, or its value, in an attribution window; null when that window was not returned. */
    BigDecimal window(String window, boolean money) {
      JsonNode source = money ? value : action;
      return source == null ? null : Json.decimal(Json.text(source, window));
    }

    /** The longest click window asked for, or the view window; null when none of that kind was asked for. */
    BigDecimal through(String kind) {
      BigDecimal found = null;
      for (String window : WINDOWS) {
        if (window.endsWith("_" + kind) && windows.contains(window)) {
          found = window(window, false);
        }
      }
      return found;
    }
  }

  /** Every action Meta reports per campaign and day: the table that feeds finance's conversions. */
  static final TableDefinition<ActionDay> CAMPAIGN_ACTIONS_DAILY = actions();

  private static TableDefinition<ActionDay> actions() {
    TableDefinition.Builder<ActionDay> table = TableDefinition.<ActionDay>table("campaign_actions_daily",
            "One row per campaign, day and action type (insights actions and action_values), with the counts and"
                + " values of each attribution window asked for (attributionWindows). Feeds finance.conversions_daily.")
        .column("id", VARCHAR, "The row's key: campaign id, action type and day, as campaign_id~action_type|date.",
            r -> Json.text(r.row(), "campaign_id") + "~" + r.type() + "|" + Json.text(r.row(), "date_start"))
        .column("date", DATE, "The day, in the ad account's time zone.",
            r -> LocalDate.parse(Json.text(r.row(), "date_start")))
        .column("account_id", VARCHAR, "The ad account's id, without act_.", r -> Json.text(r.row(), "account_id"))
        .column("campaign_id", VARCHAR, "The campaign's id.", r -> Json.text(r.row(), "campaign_id"))
        .column("campaign_name", VARCHAR, "The campaign's name.", r -> Json.text(r.row(), "campaign_name"))
        .column("conversion_action", VARCHAR, "The action_type, e.g. purchase, lead,"
            + " offsite_conversion.fb_pixel_purchase.", ActionDay::type)
        .column("conversion_action_name", VARCHAR, "The action_type again: Meta names actions by their type.",
            ActionDay::type)
        .column("currency", VARCHAR, "The account's currency, ISO 4217.",
            r -> upper(Json.text(r.row(), "account_currency")))
        .column("conversions", MONEY, "The action's count (value) under the attribution windows asked for, else the"
            + " ad sets' own attribution setting.", r -> Json.decimal(Json.text(r.action(), "value")))
        .column("conversion_value", MONEY, "The action's value (action_values) in the account's currency; NULL when"
            + " Meta gives none for the type.", r -> r.value() == null ? null : Json.decimal(Json.text(r.value(), "value")));
    for (String window : WINDOWS) {
      table.column("conversions_" + window, MONEY, "The action's count in the " + window + " attribution window;"
          + " NULL unless attributionWindows asks for it.", r -> r.window(window, false));
    }
    for (String window : WINDOWS) {
      table.column("conversion_value_" + window, MONEY, "The action's value in the " + window
          + " attribution window, in the account's currency; NULL unless attributionWindows asks for it.",
          r -> r.window(window, true));
    }
    return table
        .column("click_through_conversions", MONEY, "The count in the longest click window asked for (28d_click,"
            + " 7d_click or 1d_click); NULL when attributionWindows asks for none.", r -> r.through("click"))
        .column("view_through_conversions", MONEY, "The count in the 1d_view window; NULL when attributionWindows"
            + " does not ask for it.", r -> r.through("view"))
        .column("platform_primary", BOOLEAN, "Whether the action type is one the source counts as conversions"
            + " (conversionActionTypes), as campaign_daily's conversions do.", r -> r.conversionTypes().contains(r.type()))
        .build();
  }

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CAMPAIGN_DAILY, ADSET_DAILY, AD_DAILY, CAMPAIGNS, CAMPAIGN_ACTIONS_DAILY);
  }

  /**
   * A table of insights by day at one level.
   *
   * @param keyField the field of the level's id
   * @param extra pairs of a field (a column of the same name) and its description, after the campaign's
   */
  private static TableDefinition<Insight> insights(String name, String description, String keyField,
      String... extra) {
    TableDefinition.Builder<Insight> table = TableDefinition.<Insight>table(name, description)
        .column("id", VARCHAR, "The row's key: the " + keyField.replace("_id", "") + " id and day, as "
            + keyField + "|date.", r -> {
          String key = Json.text(r.json(), keyField);
          String date = Json.text(r.json(), "date_start");
          if (key == null || date == null) {
            throw ApiException.malformed("meta-ads", "GET insights", keyField + " and date_start on every row");
          }
          return key + "|" + date;
        })
        .column("date", DATE, "The day, in the ad account's time zone.",
            r -> LocalDate.parse(Json.text(r.json(), "date_start")))
        .column("account_id", VARCHAR, "The ad account's id, without act_.", r -> Json.text(r.json(), "account_id"))
        .column("campaign_id", VARCHAR, "The campaign's id.", r -> Json.text(r.json(), "campaign_id"))
        .column("campaign_name", VARCHAR, "The campaign's name.", r -> Json.text(r.json(), "campaign_name"));
    for (int i = 0; i < extra.length; i += 2) {
      String field = extra[i];
      table.column(field, VARCHAR, extra[i + 1], r -> Json.text(r.json(), field));
    }
    return table
        .column("impressions", BIGINT, "Times the ads were shown.", r -> count(Json.text(r.json(), "impressions")))
        .column("clicks", BIGINT, "Clicks (all clicks, as Meta counts them).", r -> count(Json.text(r.json(), "clicks")))
        .column("spend", MONEY, "Amount spent in the account's currency.", r -> Json.decimal(Json.text(r.json(), "spend")))
        .column("currency", VARCHAR, "The account's currency, ISO 4217.", r -> upper(Json.text(r.json(), "account_currency")))
        .column("conversions", MONEY, "The actions of the configured conversion types (conversionActionTypes).",
            r -> sum(r.json().get("actions"), r.conversionTypes()))
        .column("conversion_value", MONEY, "The value of those actions in the account's currency.",
            r -> sum(r.json().get("action_values"), r.conversionTypes()))
        .build();
  }

  private final MetaAdsClient client;
  private final Set<String> conversionTypes;
  private final List<String> attributionWindows;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final Clock clock;

  /** @param startDate the first day a first sync reads; null for {@link #FIRST_SYNC_DAYS} back */
  MetaAdsTables(MetaAdsClient client, List<String> conversionTypes, List<String> attributionWindows, int lookbackDays,
      LocalDate startDate, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.conversionTypes = Set.copyOf(conversionTypes);
    this.attributionWindows = List.copyOf(attributionWindows);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (this.conversionTypes.isEmpty()) {
      throw new IllegalArgumentException("conversionActionTypes must name at least one action type");
    }
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackDays = lookbackDays;
    this.startDate = startDate;
  }

  List<ApiTable> all() {
    return List.of(campaignDaily(), adsetDaily(), adDaily(), campaigns(), campaignActionsDaily());
  }

  /** One row per campaign, day and action type; feeds finance's conversions. */
  ApiTable campaignActionsDaily() {
    TableDefinition<ActionDay> table = CAMPAIGN_ACTIONS_DAILY;
    return daily(table.name(), table.columns(), "campaign", List.of(), PrimaryConversions.feed(PLATFORM), r -> {
      if (Json.text(r, "campaign_id") == null || Json.text(r, "date_start") == null) {
        throw ApiException.malformed("meta-ads", "GET insights", "campaign_id and date_start on every row");
      }
      Map<String, JsonNode> values = new LinkedHashMap<>();
      JsonNode actionValues = r.get("action_values");
      if (actionValues != null && actionValues.isArray()) {
        actionValues.forEach(v -> values.put(v.path("action_type").asText(""), v));
      }
      List<Object[]> rows = new ArrayList<>();
      JsonNode actions = r.get("actions");
      if (actions != null && actions.isArray()) {
        for (JsonNode a : actions) {
          String type = a.path("action_type").asText("");
          if (!type.isEmpty()) {
            rows.add(table.row(new ActionDay(r, a, values.get(type), conversionTypes, attributionWindows)));
          }
        }
      }
      return rows;
    });
  }

  /** One row per campaign and day: the table that feeds {@code finance.ad_spend_daily}. */
  ApiTable campaignDaily() {
    Map<String, String> feed = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      feed.put(column, column.equals("platform") ? "'" + PLATFORM + "'" : "\"" + column + "\"");
    }
    return daily(CAMPAIGN_DAILY, "campaign", List.of(), new Feed(Feed.Input.AD_SPEND, feed,
        "\"date\" IS NOT NULL AND \"spend\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  /** One row per ad set (Meta's ad group) and day; detail, feeds nothing. */
  ApiTable adsetDaily() {
    return daily(ADSET_DAILY, "adset", List.of("adset_id", "adset_name"), null);
  }

  /** One row per ad and day; detail, feeds nothing. */
  ApiTable adDaily() {
    return daily(AD_DAILY, "ad", List.of("adset_id", "adset_name", "ad_id", "ad_name"), null);
  }

  /** {@link #CAMPAIGNS}, read whole each sync. */
  ApiTable campaigns() {
    List<String> fields = List.of("id", "name", "status", "effective_status", "objective", "buying_type",
        "start_time", "stop_time", "created_time", "updated_time");
    return new ApiTable(CAMPAIGNS.name(), CAMPAIGNS.columns(), (cursor, progress) -> {
      List<Object[]> rows = new ArrayList<>();
      int pages = 0;
      for (Pages it = client.edge("campaigns", fields); it.hasNext(); ) {
        JsonNode page = it.next();
        pages++;
        for (JsonNode c : page.get("data")) {
          rows.add(CAMPAIGNS.row(c));
        }
        progress.page(pages, rows.size());
      }
      return new Batch(rows, Optional.empty(), pages, true);
    }, null);
  }

  /** @param extra the fields the level asks for beyond the campaign's and the metrics */
  private ApiTable daily(TableDefinition<Insight> table, String level, List<String> extra, Feed feed) {
    return daily(table.name(), table.columns(), level, extra, feed,
        r -> List.<Object[]>of(table.row(new Insight(r, conversionTypes))));
  }

  /** @param toRows the table's rows from one row of insights */
  private ApiTable daily(String name, List<SourceColumn> columns, String level,
      List<String> extra, Feed feed, Function<JsonNode, List<Object[]>> toRows) {
    List<String> fields = new ArrayList<>(List.of("campaign_id", "campaign_name"));
    fields.addAll(extra);
    fields.addAll(METRICS);
    ApiTable.RangeFetcher days = (range, progress) -> {
      LocalDate since = range.from();
      LocalDate until = range.to();
      List<Object[]> rows = new ArrayList<>();
      int[] pages = {0};
      client.insights(level, fields, since, until, attributionWindows, page -> {
        pages[0]++;
        for (JsonNode r : page.get("data")) {
          rows.addAll(toRows.apply(r));
        }
        progress.page(pages[0], rows.size());
      });
      return new Batch(rows, Optional.empty(), pages[0], false, Optional.of(range));
    };
    return new ApiTable(name, columns, (cursor, progress) -> {
      LocalDate until = LocalDate.now(clock.withZone(client.timeZone()));
      LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
          .orElse(startDate != null ? startDate : until.minusDays(FIRST_SYNC_DAYS - 1));
      if (since.isAfter(until)) {
        since = until;
      }
      Batch read = days.fetchRange(new DateRange(since, until), progress);
      return new Batch(read.rows(), Optional.of(until.toString()), read.pages(), false, read.covered());
    }, feed).withRanges("date", days);
  }

  /** The sum of the values of the configured action types; zero when none occurred. */
  private static BigDecimal sum(JsonNode actions, Set<String> conversionTypes) {
    BigDecimal total = BigDecimal.ZERO;
    if (actions != null && actions.isArray()) {
      for (JsonNode a : actions) {
        if (conversionTypes.contains(a.path("action_type").asText(""))) {
          BigDecimal v = Json.decimal(Json.text(a, "value"));
          if (v != null) {
            total = total.add(v);
          }
        }
      }
    }
    return total;
  }

  private static String upper(String code) {
    return code == null ? null : code.toUpperCase(Locale.ROOT);
  }

  private static Long count(String text) {
    BigDecimal n = Json.decimal(text);
    return n == null ? null : n.longValueExact();
  }

  /** Meta's times, e.g. {@code 2025-03-01T10:00:00+0000}, as UTC. */
  static LocalDateTime time(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim(), META_TIME).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    } catch (DateTimeParseException e) {
      return Json.isoInstant(text);
    }
  }
}
