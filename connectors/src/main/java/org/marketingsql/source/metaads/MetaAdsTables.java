package org.marketingsql.source.metaads;

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
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.Feed;
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
  /** The tables as declared, for the registry and the docs. */
  static List<org.marketingsql.source.TableDefinition<?>> definitions() {
    return List.of();
  }

  /** Days a first sync reads back: two years, inside the 37 months Meta keeps insights. */
  static final int FIRST_SYNC_DAYS = 730;
  static final String PLATFORM = "meta_ads";
  private static final String MONEY = "DECIMAL(18,6)";
  private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
  private static final List<String> METRICS = List.of("spend", "impressions", "clicks", "actions", "action_values",
      "account_currency", "account_id", "date_start");

  private final MetaAdsClient client;
  private final Set<String> conversionTypes;
  private final List<String> attributionWindows;
  private final int lookbackDays;
  private final Clock clock;

  MetaAdsTables(MetaAdsClient client, List<String> conversionTypes, List<String> attributionWindows, int lookbackDays,
      Clock clock) {
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
  }

  List<ApiTable> all() {
    return List.of(campaignDaily(), adsetDaily(), adDaily(), campaigns());
  }

  /** One row per campaign and day: the table that feeds {@code finance.ad_spend_daily}. */
  ApiTable campaignDaily() {
    Map<String, String> feed = new LinkedHashMap<>();
    for (String column : Feed.Input.AD_SPEND.columns()) {
      feed.put(column, column.equals("platform") ? "'" + PLATFORM + "'" : "\"" + column + "\"");
    }
    return daily("campaign_daily", "campaign", List.of(), new Feed(Feed.Input.AD_SPEND, feed,
        "\"date\" IS NOT NULL AND \"spend\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  /** One row per ad set (Meta's ad group) and day; detail, feeds nothing. */
  ApiTable adsetDaily() {
    return daily("adset_daily", "adset", List.of("adset_id", "adset_name"), null);
  }

  /** One row per ad and day; detail, feeds nothing. */
  ApiTable adDaily() {
    return daily("ad_daily", "ad", List.of("adset_id", "adset_name", "ad_id", "ad_name"), null);
  }

  /**
   * The account's campaigns as listed now, read whole each sync. Budgets are left out: Meta gives them
   * in the currency's minor units, whose offset varies by currency.
   */
  ApiTable campaigns() {
    List<String> fields = List.of("id", "name", "status", "effective_status", "objective", "buying_type",
        "start_time", "stop_time", "created_time", "updated_time");
    return new ApiTable("campaigns", List.of(new ApiColumn("id", "VARCHAR"), new ApiColumn("name", "VARCHAR"),
        new ApiColumn("status", "VARCHAR"), new ApiColumn("effective_status", "VARCHAR"),
        new ApiColumn("objective", "VARCHAR"), new ApiColumn("buying_type", "VARCHAR"),
        new ApiColumn("start_time", "TIMESTAMP"), new ApiColumn("stop_time", "TIMESTAMP"),
        new ApiColumn("created_time", "TIMESTAMP"), new ApiColumn("updated_time", "TIMESTAMP")),
        (cursor, progress) -> {
          List<Object[]> rows = new ArrayList<>();
          int pages = 0;
          for (Pages it = client.edge("campaigns", fields); it.hasNext(); ) {
            JsonNode page = it.next();
            pages++;
            for (JsonNode c : page.get("data")) {
              String id = Json.text(c, "id");
              if (id == null) {
                throw ApiException.malformed("meta-ads", "GET campaigns", "an id on every campaign");
              }
              rows.add(new Object[] {id, Json.text(c, "name"), Json.text(c, "status"), Json.text(c, "effective_status"),
                  Json.text(c, "objective"), Json.text(c, "buying_type"), time(Json.text(c, "start_time")),
                  time(Json.text(c, "stop_time")), time(Json.text(c, "created_time")),
                  time(Json.text(c, "updated_time"))});
            }
            progress.page(pages, rows.size());
          }
          return new Batch(rows, Optional.empty(), pages, true);
        }, null);
  }

  private ApiTable daily(String name, String level, List<String> extra, Feed feed) {
    List<ApiColumn> columns = new ArrayList<>(List.of(new ApiColumn("id", "VARCHAR"), new ApiColumn("date", "DATE"),
        new ApiColumn("account_id", "VARCHAR"), new ApiColumn("campaign_id", "VARCHAR"),
        new ApiColumn("campaign_name", "VARCHAR")));
    extra.forEach(e -> columns.add(new ApiColumn(e, "VARCHAR")));
    columns.addAll(List.of(new ApiColumn("impressions", "BIGINT"), new ApiColumn("clicks", "BIGINT"),
        new ApiColumn("spend", MONEY), new ApiColumn("currency", "VARCHAR"), new ApiColumn("conversions", MONEY),
        new ApiColumn("conversion_value", MONEY)));
    List<String> fields = new ArrayList<>(List.of("campaign_id", "campaign_name"));
    fields.addAll(extra);
    fields.addAll(METRICS);
    String keyField = level.equals("campaign") ? "campaign_id" : level + "_id";
    ApiTable.RangeFetcher days = (range, progress) -> {
      LocalDate since = range.from();
      LocalDate until = range.to();
      List<Object[]> rows = new ArrayList<>();
      int[] pages = {0};
      client.insights(level, fields, since, until, attributionWindows, page -> {
        pages[0]++;
        for (JsonNode r : page.get("data")) {
          String key = Json.text(r, keyField);
          String date = Json.text(r, "date_start");
          if (key == null || date == null) {
            throw ApiException.malformed("meta-ads", "GET insights", keyField + " and date_start on every row");
          }
          List<Object> row = new ArrayList<>(List.of(key + "|" + date, LocalDate.parse(date)));
          row.add(Json.text(r, "account_id"));
          row.add(Json.text(r, "campaign_id"));
          row.add(Json.text(r, "campaign_name"));
          extra.forEach(e -> row.add(Json.text(r, e)));
          row.add(count(Json.text(r, "impressions")));
          row.add(count(Json.text(r, "clicks")));
          row.add(Json.decimal(Json.text(r, "spend")));
          String currency = Json.text(r, "account_currency");
          row.add(currency == null ? null : currency.toUpperCase(Locale.ROOT));
          row.add(sum(r.get("actions")));
          row.add(sum(r.get("action_values")));
          rows.add(row.toArray());
        }
        progress.page(pages[0], rows.size());
      });
      return new Batch(rows, Optional.empty(), pages[0], false, Optional.of(range));
    };
    return new ApiTable(name, columns, (cursor, progress) -> {
      LocalDate until = LocalDate.now(clock.withZone(client.timeZone()));
      LocalDate since = cursor.map(LocalDate::parse).map(c -> c.minusDays(lookbackDays))
          .orElse(until.minusDays(FIRST_SYNC_DAYS - 1));
      if (since.isAfter(until)) {
        since = until;
      }
      Batch read = days.fetchRange(new DateRange(since, until), progress);
      return new Batch(read.rows(), Optional.of(until.toString()), read.pages(), false, read.covered());
    }, feed).withRanges("date", days);
  }

  /** The sum of the values of the configured action types; zero when none occurred. */
  private BigDecimal sum(JsonNode actions) {
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
