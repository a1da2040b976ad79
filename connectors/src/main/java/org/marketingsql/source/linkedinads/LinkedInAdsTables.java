package org.marketingsql.source.linkedinads;

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
import java.util.function.Function;
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
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
  /** The tables as declared, for the registry and the docs. */
  static List<org.marketingsql.source.TableDefinition<?>> definitions() {
    return List.of();
  }

  /** Days a first sync reads back: two years. */
  static final int FIRST_SYNC_DAYS = 730;
  static final String PLATFORM = "linkedin_ads";
  private static final String MONEY = "DECIMAL(18,6)";
  private static final String CAMPAIGN_URN = "urn:li:sponsoredCampaign:";
  private static final String GROUP_URN = "urn:li:sponsoredCampaignGroup:";
  private static final List<String> FIELDS = List.of("dateRange", "pivotValues", "impressions", "clicks",
      "costInLocalCurrency", "costInUsd", "externalWebsiteConversions", "conversionValueInLocalCurrency");

  private final LinkedInAdsClient client;
  private final int lookbackDays;
  private final Clock clock;

  LinkedInAdsTables(LinkedInAdsClient client, int lookbackDays, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackDays = lookbackDays;
  }

  List<ApiTable> all() {
    return List.of(campaignDaily(), campaigns(), campaignGroups());
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
    return new ApiTable("campaign_daily", List.of(new ApiColumn("id", "VARCHAR"), new ApiColumn("date", "DATE"),
        new ApiColumn("account_id", "VARCHAR"), new ApiColumn("campaign_id", "VARCHAR"),
        new ApiColumn("campaign_name", "VARCHAR"), new ApiColumn("campaign_group_id", "VARCHAR"),
        new ApiColumn("campaign_group_name", "VARCHAR"), new ApiColumn("impressions", "BIGINT"),
        new ApiColumn("clicks", "BIGINT"), new ApiColumn("spend", MONEY), new ApiColumn("currency", "VARCHAR"),
        new ApiColumn("conversions", MONEY), new ApiColumn("conversion_value", MONEY),
        new ApiColumn("cost_in_usd", MONEY)),
        (cursor, progress) -> {
          LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC));
          LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
              .orElse(until.minusDays(FIRST_SYNC_DAYS - 1));
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
    LocalDate since = range.from();
    LocalDate until = range.to();
    String currency = upper(Json.text(client.account(), "currency"));
    Map<String, JsonNode> campaigns = byId(client.all("adCampaigns"));
    Map<String, JsonNode> groups = byId(client.all("adCampaignGroups"));
    List<Object[]> rows = new ArrayList<>();
    int[] windows = {0};
    client.analytics(since, until, FIELDS, elements -> {
      windows[0]++;
      for (JsonNode e : elements) {
        rows.add(dailyRow(e, currency, campaigns, groups));
      }
      progress.page(windows[0], rows.size());
    });
    return new Batch(rows, Optional.empty(), windows[0], false, Optional.of(range));
  }

  private Object[] dailyRow(JsonNode e, String currency, Map<String, JsonNode> campaigns, Map<String, JsonNode> groups) {
    JsonNode start = e.path("dateRange").path("start");
    String urn = e.path("pivotValues").path(0).asText("");
    if (!urn.startsWith(CAMPAIGN_URN) || !start.has("year")) {
      throw ApiException.malformed("linkedin-ads", "GET /rest/adAnalytics",
          "a campaign URN in pivotValues and a dateRange.start on every element");
    }
    LocalDate date = LocalDate.of(start.path("year").asInt(), start.path("month").asInt(), start.path("day").asInt());
    String campaignId = urn.substring(CAMPAIGN_URN.length());
    JsonNode campaign = campaigns.get(campaignId);
    String groupId = campaign == null ? null : after(Json.text(campaign, "campaignGroup"), GROUP_URN);
    JsonNode group = groupId == null ? null : groups.get(groupId);
    BigDecimal local = Json.decimal(Json.text(e, "costInLocalCurrency"));
    BigDecimal usd = Json.decimal(Json.text(e, "costInUsd"));
    boolean inLocal = local != null || usd == null;
    return new Object[] {campaignId + "|" + date, date, client.accountUrn().substring("urn:li:sponsoredAccount:".length()),
        campaignId, campaign == null ? null : Json.text(campaign, "name"), groupId,
        group == null ? null : Json.text(group, "name"), Json.integer(e, "impressions"), Json.integer(e, "clicks"),
        inLocal ? local : usd, inLocal ? currency : "USD", Json.decimal(Json.text(e, "externalWebsiteConversions")),
        inLocal ? Json.decimal(Json.text(e, "conversionValueInLocalCurrency")) : null, usd};
  }

  /** The account's campaigns (the finance views' ad groups), read whole each sync. */
  ApiTable campaigns() {
    return new ApiTable("campaigns", List.of(new ApiColumn("id", "VARCHAR"), new ApiColumn("name", "VARCHAR"),
        new ApiColumn("campaign_group_id", "VARCHAR"), new ApiColumn("status", "VARCHAR"),
        new ApiColumn("type", "VARCHAR"), new ApiColumn("objective_type", "VARCHAR"),
        new ApiColumn("cost_type", "VARCHAR"), new ApiColumn("daily_budget", MONEY), new ApiColumn("total_budget", MONEY),
        new ApiColumn("unit_cost", MONEY), new ApiColumn("budget_currency", "VARCHAR"),
        new ApiColumn("run_start", "TIMESTAMP"), new ApiColumn("run_end", "TIMESTAMP")),
        (cursor, progress) -> whole("adCampaigns", progress, c -> new Object[] {Json.text(c, "id"), Json.text(c, "name"),
            after(Json.text(c, "campaignGroup"), GROUP_URN), Json.text(c, "status"), Json.text(c, "type"),
            Json.text(c, "objectiveType"), Json.text(c, "costType"), amount(c, "dailyBudget"), amount(c, "totalBudget"),
            amount(c, "unitCost"), budgetCurrency(c, "dailyBudget", "totalBudget", "unitCost"),
            epochMillis(c.path("runSchedule"), "start"), epochMillis(c.path("runSchedule"), "end")}), null);
  }

  /** The account's campaign groups (the finance views' campaigns), read whole each sync. */
  ApiTable campaignGroups() {
    return new ApiTable("campaign_groups", List.of(new ApiColumn("id", "VARCHAR"), new ApiColumn("name", "VARCHAR"),
        new ApiColumn("status", "VARCHAR"), new ApiColumn("total_budget", MONEY),
        new ApiColumn("budget_currency", "VARCHAR"), new ApiColumn("run_start", "TIMESTAMP"),
        new ApiColumn("run_end", "TIMESTAMP")),
        (cursor, progress) -> whole("adCampaignGroups", progress, g -> new Object[] {Json.text(g, "id"),
            Json.text(g, "name"), Json.text(g, "status"), amount(g, "totalBudget"), budgetCurrency(g, "totalBudget"),
            epochMillis(g.path("runSchedule"), "start"), epochMillis(g.path("runSchedule"), "end")}), null);
  }

  private Batch whole(String collection, ApiTable.Progress progress, Function<JsonNode, Object[]> row) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (Pages it = client.search(collection); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode e : page.get("elements")) {
        if (Json.text(e, "id") == null) {
          throw ApiException.malformed("linkedin-ads", "GET " + collection, "an id on every element");
        }
        rows.add(row.apply(e));
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
