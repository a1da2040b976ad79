package org.marketingsql.source.linkedinads;

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
import java.time.ZoneOffset;
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
import org.marketingsql.source.http.Json;
import org.marketingsql.source.http.Pages;

/**
 * The LinkedIn ads tables: {@code campaign_daily} (adAnalytics by campaign and day), {@code campaigns}
 * and {@code campaign_groups}. LinkedIn's levels are one deeper than the other platforms':
 * its campaign group is the finance views' campaign and its campaign their ad group, so
 * {@code campaign_daily} keeps one row per LinkedIn campaign and day and feeds ad spend under the
 * campaign's group, as the LinkedIn export reader does.
 */
final class LinkedInAdsTables {
  /** Days a first sync reads back: two years. */
  static final int FIRST_SYNC_DAYS = 730;
  static final String PLATFORM = LinkedInAdsSource.PLATFORM;
  private static final String CAMPAIGN_URN = "urn:li:sponsoredCampaign:";
  private static final String GROUP_URN = "urn:li:sponsoredCampaignGroup:";
  private static final List<String> FIELDS = List.of("dateRange", "pivotValues", "impressions", "clicks",
      "costInLocalCurrency", "costInUsd", "externalWebsiteConversions", "conversionValueInLocalCurrency");

  /**
   * One element of {@code adAnalytics} (a campaign's day), with what it is read against: the account,
   * its currency, and the campaigns and groups by id.
   */
  record Element(JsonNode json, String accountId, String currency, Map<String, JsonNode> campaigns,
      Map<String, JsonNode> groups) {
    Element {
      JsonNode start = json.path("dateRange").path("start");
      if (!json.path("pivotValues").path(0).asText("").startsWith(CAMPAIGN_URN) || !start.has("year")) {
        throw ApiException.malformed("linkedin-ads", "GET /rest/adAnalytics",
            "a campaign URN in pivotValues and a dateRange.start on every element");
      }
    }

    LocalDate date() {
      JsonNode start = json.path("dateRange").path("start");
      return LocalDate.of(start.path("year").asInt(), start.path("month").asInt(), start.path("day").asInt());
    }

    String campaignId() {
      return json.path("pivotValues").path(0).asText("").substring(CAMPAIGN_URN.length());
    }

    JsonNode campaign() {
      return campaigns.get(campaignId());
    }

    String groupId() {
      return campaign() == null ? null : after(Json.text(campaign(), "campaignGroup"), GROUP_URN);
    }

    JsonNode group() {
      return groupId() == null ? null : groups.get(groupId());
    }

    BigDecimal usd() {
      return Json.decimal(Json.text(json, "costInUsd"));
    }

    /** Whether the element is in the account's currency; older answers have only {@code costInUsd}. */
    boolean inLocal() {
      return Json.decimal(Json.text(json, "costInLocalCurrency")) != null || usd() == null;
    }
  }

  /** One row per LinkedIn campaign and day; see {@link #campaignDaily()}. */
  static final TableDefinition<Element> CAMPAIGN_DAILY = TableDefinition.<Element>table("campaign_daily",
          "One row per LinkedIn campaign and day: delivery, spend and conversions. Feeds finance's ad spend under"
              + " the campaign's group, LinkedIn's campaign group being the finance views' campaign.")
      .column("id", VARCHAR, "The row's key: campaign id and day, as campaign_id|date.",
          e -> e.campaignId() + "|" + e.date())
      .column("date", DATE, "The day (UTC, as LinkedIn reports analytics).", Element::date)
      .column("account_id", VARCHAR, "The ad account's number.", Element::accountId)
      .column("campaign_id", VARCHAR, "The LinkedIn campaign's id (the finance views' ad group).", Element::campaignId)
      .column("campaign_name", VARCHAR, "The LinkedIn campaign's name.",
          e -> e.campaign() == null ? null : Json.text(e.campaign(), "name"))
      .column("campaign_group_id", VARCHAR, "The campaign group's id (the finance views' campaign).", Element::groupId)
      .column("campaign_group_name", VARCHAR, "The campaign group's name.",
          e -> e.group() == null ? null : Json.text(e.group(), "name"))
      .column("impressions", BIGINT, "Times the ads were shown.", e -> Json.integer(e.json(), "impressions"))
      .column("clicks", BIGINT, "Clicks on the ads.", e -> Json.integer(e.json(), "clicks"))
      .column("spend", MONEY, "Cost in the account's currency (costInLocalCurrency); in USD when only costInUsd"
          + " is given.", e -> e.inLocal() ? Json.decimal(Json.text(e.json(), "costInLocalCurrency")) : e.usd())
      .column("currency", VARCHAR, "The currency of spend, ISO 4217.", e -> e.inLocal() ? e.currency() : "USD")
      .column("conversions", MONEY, "External website conversions.",
          e -> Json.decimal(Json.text(e.json(), "externalWebsiteConversions")))
      .column("conversion_value", MONEY, "The conversions' value in the account's currency; NULL when spend is"
          + " in USD.", e -> e.inLocal() ? Json.decimal(Json.text(e.json(), "conversionValueInLocalCurrency")) : null)
      .column("cost_in_usd", MONEY, "Cost in US dollars, as LinkedIn converts it.", Element::usd)
      .build();

  /** The account's campaigns (the finance views' ad groups). */
  static final TableDefinition<JsonNode> CAMPAIGNS = TableDefinition.<JsonNode>table("campaigns",
          "One row per LinkedIn campaign of the account (the finance views' ad group), as it is now.")
      .column("id", VARCHAR, "The campaign's id.", c -> Json.text(c, "id"))
      .column("name", VARCHAR, "The campaign's name.", c -> Json.text(c, "name"))
      .column("campaign_group_id", VARCHAR, "The campaign group it belongs to.",
          c -> after(Json.text(c, "campaignGroup"), GROUP_URN))
      .column("status", VARCHAR, "ACTIVE, PAUSED, ARCHIVED, COMPLETED, CANCELED, DRAFT, ….", c -> Json.text(c, "status"))
      .column("type", VARCHAR, "SPONSORED_UPDATES, TEXT_AD, SPONSORED_INMAILS or DYNAMIC.", c -> Json.text(c, "type"))
      .column("objective_type", VARCHAR, "The campaign's objective, e.g. LEAD_GENERATION.",
          c -> Json.text(c, "objectiveType"))
      .column("cost_type", VARCHAR, "CPM, CPC or CPV.", c -> Json.text(c, "costType"))
      .column("daily_budget", MONEY, "The daily budget, in budget_currency.", c -> amount(c, "dailyBudget"))
      .column("total_budget", MONEY, "The lifetime budget, in budget_currency.", c -> amount(c, "totalBudget"))
      .column("unit_cost", MONEY, "The bid, in budget_currency.", c -> amount(c, "unitCost"))
      .column("budget_currency", VARCHAR, "The currency of the budgets and the bid, ISO 4217.",
          c -> budgetCurrency(c, "dailyBudget", "totalBudget", "unitCost"))
      .column("run_start", TIMESTAMP, "When the campaign starts running, UTC.",
          c -> epochMillis(c.path("runSchedule"), "start"))
      .column("run_end", TIMESTAMP, "When it stops, UTC; NULL when it runs on.",
          c -> epochMillis(c.path("runSchedule"), "end"))
      .build();

  /** The account's campaign groups (the finance views' campaigns). */
  static final TableDefinition<JsonNode> CAMPAIGN_GROUPS = TableDefinition.<JsonNode>table("campaign_groups",
          "One row per campaign group of the account (the finance views' campaign), as it is now.")
      .column("id", VARCHAR, "The campaign group's id.", g -> Json.text(g, "id"))
      .column("name", VARCHAR, "The campaign group's name.", g -> Json.text(g, "name"))
      .column("status", VARCHAR, "ACTIVE, PAUSED, ARCHIVED, ….", g -> Json.text(g, "status"))
      .column("total_budget", MONEY, "The lifetime budget, in budget_currency.", g -> amount(g, "totalBudget"))
      .column("budget_currency", VARCHAR, "The budget's currency, ISO 4217.", g -> budgetCurrency(g, "totalBudget"))
      .column("run_start", TIMESTAMP, "When the group starts running, UTC.",
          g -> epochMillis(g.path("runSchedule"), "start"))
      .column("run_end", TIMESTAMP, "When it stops, UTC; NULL when it runs on.",
          g -> epochMillis(g.path("runSchedule"), "end"))
      .build();

  private static final List<String> CONVERSION_FIELDS = List.of("dateRange", "pivotValues",
      "externalWebsiteConversions", "externalWebsitePostClickConversions", "externalWebsitePostViewConversions",
      "conversionValueInLocalCurrency");

  /**
   * One row per LinkedIn campaign, conversion and day: adAnalytics' statistics finder pivoted by CAMPAIGN and
   * CONVERSION. Feeds finance's conversions under the campaign's group, as campaign_daily feeds ad spend.
   */
  static final TableDefinition<Element> CAMPAIGN_CONVERSIONS_DAILY = TableDefinition.<Element>table(
          "campaign_conversions_daily", "One row per LinkedIn campaign, conversion and day (adAnalytics pivoted by"
              + " CAMPAIGN and CONVERSION): website conversions, post-click and post-view, and their value. Feeds"
              + " finance.conversions_daily under the campaign's group.")
      .column("id", VARCHAR, "The row's key: campaign id, conversion id and day, as campaign_id~conversion_id|date.",
          e -> e.campaignId() + "~" + conversionId(e) + "|" + e.date())
      .column("date", DATE, "The day (UTC, as LinkedIn reports analytics).", Element::date)
      .column("account_id", VARCHAR, "The ad account's number.", Element::accountId)
      .column("campaign_id", VARCHAR, "The LinkedIn campaign's id (the finance views' ad group).", Element::campaignId)
      .column("campaign_name", VARCHAR, "The LinkedIn campaign's name.",
          e -> e.campaign() == null ? null : Json.text(e.campaign(), "name"))
      .column("campaign_group_id", VARCHAR, "The campaign group's id (the finance views' campaign).", Element::groupId)
      .column("campaign_group_name", VARCHAR, "The campaign group's name.",
          e -> e.group() == null ? null : Json.text(e.group(), "name"))
      .column("conversion_action", VARCHAR, "The conversion's id (the last part of its URN in pivotValues).",
          LinkedInAdsTables::conversionId)
      .column("conversion_action_name", VARCHAR, "The conversion's URN, e.g. urn:lla:llaPartnerConversion:123;"
          + " adAnalytics gives no names.", e -> e.json().path("pivotValues").path(1).asText(null))
      .column("currency", VARCHAR, "The account's currency, ISO 4217.", Element::currency)
      .column("conversions", MONEY, "externalWebsiteConversions: the conversion's website conversions, post-click"
          + " and post-view.", e -> metric(e, "externalWebsiteConversions"))
      .column("conversion_value", MONEY, "conversionValueInLocalCurrency: their value in the account's currency.",
          e -> metric(e, "conversionValueInLocalCurrency"))
      .column("click_through_conversions", MONEY, "externalWebsitePostClickConversions: conversions after a click.",
          e -> metric(e, "externalWebsitePostClickConversions"))
      .column("view_through_conversions", MONEY, "externalWebsitePostViewConversions: conversions after a view"
          + " without a click.", e -> metric(e, "externalWebsitePostViewConversions"))
      .column("platform_primary", BOOLEAN, "Always true: LinkedIn counts every conversion in the campaign's"
          + " externalWebsiteConversions.", e -> Boolean.TRUE)
      .build();

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CAMPAIGN_DAILY, CAMPAIGNS, CAMPAIGN_GROUPS, CAMPAIGN_CONVERSIONS_DAILY);
  }

  /** The conversion's id from the second pivot value, {@code urn:lla:llaPartnerConversion:ID}. */
  private static String conversionId(Element e) {
    String urn = e.json().path("pivotValues").path(1).asText("");
    if (urn.isEmpty()) {
      throw ApiException.malformed("linkedin-ads", "GET /rest/adAnalytics", "a conversion URN as the second pivot value");
    }
    return urn.substring(urn.lastIndexOf(':') + 1);
  }

  /** A metric of the element, exactly; null when LinkedIn leaves it out. */
  private static BigDecimal metric(Element e, String field) {
    return Json.decimal(Json.text(e.json(), field));
  }

  private final LinkedInAdsClient client;
  private final int lookbackDays;
  private final LocalDate startDate;
  private final Clock clock;

  /** @param startDate the first day a first sync reads; null for {@link #FIRST_SYNC_DAYS} back */
  LinkedInAdsTables(LinkedInAdsClient client, int lookbackDays, LocalDate startDate, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackDays = lookbackDays;
    this.startDate = startDate;
  }

  List<ApiTable> all() {
    return List.of(campaignDaily(), campaigns(), campaignGroups(), campaignConversionsDaily());
  }

  /** {@link #CAMPAIGN_CONVERSIONS_DAILY}, synced like campaign_daily. */
  ApiTable campaignConversionsDaily() {
    Feed feed = PrimaryConversions.feed(PLATFORM, Map.of(
        "campaign_id", "COALESCE(\"campaign_group_id\", \"campaign_id\")",
        "campaign_name", "COALESCE(\"campaign_group_name\", \"campaign_name\")"));
    ApiTable.RangeFetcher days = (range, progress) -> readDays(range, progress, CAMPAIGN_CONVERSIONS_DAILY, true);
    return new ApiTable(CAMPAIGN_CONVERSIONS_DAILY.name(), CAMPAIGN_CONVERSIONS_DAILY.columns(), (cursor, progress) -> {
      DateRange range = syncRange(cursor);
      Batch read = days.fetchRange(range, progress);
      return new Batch(read.rows(), Optional.of(range.to().toString()), read.pages(), false, read.covered());
    }, feed).withRanges("date", days);
  }

  /** The days a sync reads (UTC): from the cursor less the look-back, or the first sync's start, to today. */
  private DateRange syncRange(Optional<String> cursor) {
    LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
        .orElse(startDate != null ? startDate : until.minusDays(FIRST_SYNC_DAYS - 1));
    return new DateRange(since.isAfter(until) ? until : since, until);
  }

  /**
   * One row per LinkedIn campaign and day. Spend is {@code costInLocalCurrency} in the account's
   * currency; an answer with only {@code costInUsd} (older recordings) is stored in USD. Days are
   * LinkedIn's, which reports analytics in UTC, so "today" is taken in UTC.
   */
  ApiTable campaignDaily() {
    Map<String, String> feed = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      feed.put(column, switch (column) {
        case "platform" -> "'" + PLATFORM + "'";
        case "campaign_id" -> "COALESCE(\"campaign_group_id\", \"campaign_id\")";
        case "campaign_name" -> "COALESCE(\"campaign_group_name\", \"campaign_name\")";
        default -> "\"" + column + "\"";
      });
    }
    return new ApiTable(CAMPAIGN_DAILY.name(), CAMPAIGN_DAILY.columns(),
        (cursor, progress) -> {
          LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC));
          LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
              .orElse(startDate != null ? startDate : until.minusDays(FIRST_SYNC_DAYS - 1));
          if (since.isAfter(until)) {
            since = until;
          }
          Batch read = readDays(new DateRange(since, until), progress);
          return new Batch(read.rows(), Optional.of(until.toString()), read.pages(), false, read.covered());
        }, new Feed(Feed.Input.AD_SPEND, feed,
            "\"date\" IS NOT NULL AND \"spend\" IS NOT NULL AND \"currency\" IS NOT NULL"))
        .withRanges("date", this::readDays);
  }

  /** The campaign rows of a range of days (UTC days, as adAnalytics counts them); no cursor. */
  private Batch readDays(DateRange range, ApiTable.Progress progress) {
    return readDays(range, progress, CAMPAIGN_DAILY, false);
  }

  /** @param conversions by campaign and conversion (the statistics finder), else by campaign */
  private Batch readDays(DateRange range, ApiTable.Progress progress, TableDefinition<Element> table,
      boolean conversions) {
    LocalDate since = range.from();
    LocalDate until = range.to();
    String currency = upper(Json.text(client.account(), "currency"));
    Map<String, JsonNode> campaigns = byId(client.all("adCampaigns"));
    Map<String, JsonNode> groups = byId(client.all("adCampaignGroups"));
    String accountId = client.accountUrn().substring("urn:li:sponsoredAccount:".length());
    List<Object[]> rows = new ArrayList<>();
    int[] windows = {0};
    java.util.function.Consumer<JsonNode> window = elements -> {
      windows[0]++;
      for (JsonNode e : elements) {
        rows.add(table.row(new Element(e, accountId, currency, campaigns, groups)));
      }
      progress.page(windows[0], rows.size());
    };
    if (conversions) {
      client.conversionStatistics(since, until, CONVERSION_FIELDS, window);
    } else {
      client.analytics(since, until, FIELDS, window);
    }
    return new Batch(rows, Optional.empty(), windows[0], false, Optional.of(range));
  }

  /** The account's campaigns (the finance views' ad groups), read whole each sync. */
  ApiTable campaigns() {
    return new ApiTable(CAMPAIGNS.name(), CAMPAIGNS.columns(),
        (cursor, progress) -> whole("adCampaigns", progress, CAMPAIGNS), null);
  }

  /** The account's campaign groups (the finance views' campaigns), read whole each sync. */
  ApiTable campaignGroups() {
    return new ApiTable(CAMPAIGN_GROUPS.name(), CAMPAIGN_GROUPS.columns(),
        (cursor, progress) -> whole("adCampaignGroups", progress, CAMPAIGN_GROUPS), null);
  }

  private Batch whole(String collection, ApiTable.Progress progress, TableDefinition<JsonNode> table) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (Pages it = client.search(collection); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode e : page.get("elements")) {
        if (Json.text(e, "id") == null) {
          throw ApiException.malformed("linkedin-ads", "GET " + collection, "an id on every element");
        }
        rows.add(table.row(e));
      }
      progress.page(pages, rows.size());
    }
    return new Batch(rows, Optional.empty(), pages, true);
  }

  private static Map<String, JsonNode> byId(List<JsonNode> elements) {
    Map<String, JsonNode> map = new HashMap<>();
    for (JsonNode e : elements) {
      String id = Json.text(e, "id");
      if (id != null) {
        map.put(id, e);
      }
    }
    return map;
  }

  /** A LinkedIn money object's {@code amount} (a decimal string), or null. */
  private static BigDecimal amount(JsonNode o, String field) {
    JsonNode money = o.get(field);
    return money == null ? null : Json.decimal(Json.text(money, "amount"));
  }

  private static String budgetCurrency(JsonNode o, String... fields) {
    for (String f : fields) {
      JsonNode money = o.get(f);
      if (money != null && Json.text(money, "currencyCode") != null) {
        return upper(Json.text(money, "currencyCode"));
      }
    }
    return null;
  }

  private static LocalDateTime epochMillis(JsonNode o, String field) {
    Long ms = Json.integer(o, field);
    return ms == null ? null : LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), (int) Math.floorMod(ms, 1000) * 1_000_000,
        ZoneOffset.UTC);
  }

  private static String after(String urn, String prefix) {
    return urn != null && urn.startsWith(prefix) ? urn.substring(prefix.length()) : null;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
