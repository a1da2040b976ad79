package org.marketingsql.source.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Feed;
import org.marketingsql.source.Batch;
import org.marketingsql.source.DateRange;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.Json;
import org.marketingsql.source.http.Pages;

/**
 * The Stripe tables: which list endpoint each reads and how an object becomes a row. Amounts are
 * Stripe's minor units turned into the currency's units (cents ÷ 100; zero-decimal currencies such
 * as JPY as they are; three-decimal ones ÷ 1000), so {@code finance.orders} sums money, not cents.
 */
final class StripeTables {
  /** Stripe's zero-decimal currencies (its "Zero-decimal currencies" list). */
  private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
      "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
  private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
  private static final String MONEY = "DECIMAL(18,6)";

  private final StripeClient client;
  private final long lookbackSeconds;
  private final Clock clock;

  /** @param clock says what "today" is (in UTC, as Stripe's {@code created} is read) for the days a sync covered */
  StripeTables(StripeClient client, int lookbackDays, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackSeconds = lookbackDays * 86_400L;
  }

  List<ApiTable> all() {
    return List.of(charges(), refunds(), customers(), invoices(), subscriptions());
  }

  /** Only succeeded charges are orders; failed and pending ones stay in the table for analysis. */
  ApiTable charges() {
    return byCreated("charges", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("order_id", "VARCHAR"), new ApiColumn("customer_id", "VARCHAR"),
        new ApiColumn("order_date", "DATE"), new ApiColumn("amount", MONEY), new ApiColumn("currency", "VARCHAR"),
        new ApiColumn("status", "VARCHAR"), new ApiColumn("amount_captured", MONEY),
        new ApiColumn("amount_refunded", MONEY), new ApiColumn("paid", "BOOLEAN"), new ApiColumn("refunded", "BOOLEAN"),
        new ApiColumn("description", "VARCHAR"), new ApiColumn("payment_intent", "VARCHAR"),
        new ApiColumn("livemode", "BOOLEAN"), new ApiColumn("created", "TIMESTAMP")),
        o -> {
          String currency = currency(o);
          Long gross = Json.integer(o, "amount");
          Long refunded = Json.integer(o, "amount_refunded");
          LocalDateTime created = Json.epochSeconds(Json.integer(o, "created"));
          BigDecimal net = gross == null ? null : units(gross - (refunded == null ? 0 : refunded), currency);
          return new Object[] {o.get("id").asText(), o.get("id").asText(), expandableId(o, "customer"),
              created == null ? null : created.toLocalDate(), net, currency, Json.text(o, "status"),
              units(Json.integer(o, "amount_captured"), currency), units(refunded, currency), Json.bool(o, "paid"),
              Json.bool(o, "refunded"), Json.text(o, "description"), expandableId(o, "payment_intent"),
              Json.bool(o, "livemode"), created};
        },
        Feed.sameNames(Feed.Input.ORDERS,
            "\"status\" = 'succeeded' AND \"order_date\" IS NOT NULL AND \"amount\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  ApiTable refunds() {
    return byCreated("refunds", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("charge_id", "VARCHAR"), new ApiColumn("amount", MONEY),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("status", "VARCHAR"), new ApiColumn("reason", "VARCHAR"),
        new ApiColumn("payment_intent", "VARCHAR"), new ApiColumn("created", "TIMESTAMP")),
        o -> {
          String currency = currency(o);
          return new Object[] {o.get("id").asText(), expandableId(o, "charge"),
              units(Json.integer(o, "amount"), currency), currency, Json.text(o, "status"), Json.text(o, "reason"),
              expandableId(o, "payment_intent"), Json.epochSeconds(Json.integer(o, "created"))};
        }, null);
  }

  ApiTable customers() {
    return byCreated("customers", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("email", "VARCHAR"), new ApiColumn("name", "VARCHAR"),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("delinquent", "BOOLEAN"),
        new ApiColumn("livemode", "BOOLEAN"), new ApiColumn("created", "TIMESTAMP")),
        o -> new Object[] {o.get("id").asText(),
            Json.text(o, "email"), Json.text(o, "name"), currency(o), Json.bool(o, "delinquent"),
            Json.bool(o, "livemode"), Json.epochSeconds(Json.integer(o, "created"))}, null);
  }

  /** Invoices restate as they are paid or voided, which the look-back re-reads; charges carry the money. */
  ApiTable invoices() {
    return byCreated("invoices", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("customer_id", "VARCHAR"),
        new ApiColumn("subscription_id", "VARCHAR"), new ApiColumn("number", "VARCHAR"),
        new ApiColumn("status", "VARCHAR"), new ApiColumn("billing_reason", "VARCHAR"),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("total", MONEY), new ApiColumn("amount_due", MONEY),
        new ApiColumn("amount_paid", MONEY), new ApiColumn("amount_remaining", MONEY),
        new ApiColumn("period_start", "TIMESTAMP"), new ApiColumn("period_end", "TIMESTAMP"),
        new ApiColumn("created", "TIMESTAMP")),
        o -> {
          String currency = currency(o);
          return new Object[] {o.get("id").asText(), expandableId(o, "customer"), invoiceSubscription(o),
              Json.text(o, "number"), Json.text(o, "status"), Json.text(o, "billing_reason"), currency,
              units(Json.integer(o, "total"), currency), units(Json.integer(o, "amount_due"), currency),
              units(Json.integer(o, "amount_paid"), currency), units(Json.integer(o, "amount_remaining"), currency),
              Json.epochSeconds(Json.integer(o, "period_start")), Json.epochSeconds(Json.integer(o, "period_end")),
              Json.epochSeconds(Json.integer(o, "created"))};
        }, null);
  }

  /**
   * A list whose objects keep the {@code created} they were made at: synced from the cursor minus the
   * look-back, or for any range of days (UTC, as {@code created} is stored) with {@code created[gte]}
   * and {@code created[lte]}.
   */
  private ApiTable byCreated(String object, List<ApiColumn> columns, Function<JsonNode, Object[]> row, Feed feed) {
    return new ApiTable(object, columns, (cursor, progress) -> read(object, cursor, progress, row), feed)
        .withRanges("created", (range, progress) -> {
          long from = range.from().toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
          long to = range.to().plusDays(1).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC) - 1;
          Batch read = read(object, Optional.empty(), progress, Map.of("created[gte]", String.valueOf(from),
              "created[lte]", String.valueOf(to)), row);
          return new Batch(read.rows(), Optional.empty(), read.pages(), false, Optional.of(range));
        });
  }

  /**
   * Subscriptions change status long after they are created, so they are read whole every time
   * ({@code status=all}: the list hides canceled ones otherwise).
   */
  ApiTable subscriptions() {
    return new ApiTable("subscriptions", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("customer_id", "VARCHAR"), new ApiColumn("status", "VARCHAR"),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("cancel_at_period_end", "BOOLEAN"),
        new ApiColumn("start_date", "TIMESTAMP"), new ApiColumn("canceled_at", "TIMESTAMP"),
        new ApiColumn("ended_at", "TIMESTAMP"), new ApiColumn("created", "TIMESTAMP")),
        (cursor, progress) -> {
          Batch all = read("subscriptions", Optional.empty(), progress, Map.of("status", "all"), o -> new Object[] {
              o.get("id").asText(), expandableId(o, "customer"), Json.text(o, "status"), currency(o),
              Json.bool(o, "cancel_at_period_end"), Json.epochSeconds(Json.integer(o, "start_date")),
              Json.epochSeconds(Json.integer(o, "canceled_at")), Json.epochSeconds(Json.integer(o, "ended_at")),
              Json.epochSeconds(Json.integer(o, "created"))});
          return new Batch(all.rows(), Optional.empty(), all.pages(), true);
        }, null);
  }

  /** Newer API versions name an invoice's subscription under {@code parent}; older ones at the top. */
  private static String invoiceSubscription(JsonNode invoice) {
    String legacy = expandableId(invoice, "subscription");
    if (legacy != null) {
      return legacy;
    }
    return expandableId(invoice.path("parent").path("subscription_details"), "subscription");
  }

  /**
   * Reads one list from the cursor (the newest {@code created} seen, in Unix seconds) minus the
   * look-back, because refunds and disputes change charges created days before.
   */
  private Batch read(String object, Optional<String> cursor, ApiTable.Progress progress,
      Function<JsonNode, Object[]> row) {
    return read(object, cursor, progress, Map.of(), row);
  }

  private Batch read(String object, Optional<String> cursor, ApiTable.Progress progress, Map<String, String> filters,
      Function<JsonNode, Object[]> row) {
    Long since = cursor.map(Long::parseLong).map(c -> Math.max(0, c - lookbackSeconds)).orElse(null);
    long newest = cursor.map(Long::parseLong).orElse(0L);
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (Pages it = client.list(object, since, filters); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode o : page.get("data")) {
        if (!o.path("id").isTextual()) {
          throw ApiException.malformed("stripe", "GET /v1/" + object, "an id on every object");
        }
        rows.add(row.apply(o));
        Long created = Json.integer(o, "created");
        if (created != null) {
          newest = Math.max(newest, created);
        }
      }
      progress.page(pages, rows.size());
    }
    // A whole read covers every day to today; one from the cursor the days after the one it starts in.
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate first = since == null ? LocalDate.EPOCH
        : LocalDateTime.ofEpochSecond(since, 0, ZoneOffset.UTC).toLocalDate().plusDays(1);
    Optional<DateRange> covered = filters.containsKey("created[gte]") || first.isAfter(today) ? Optional.empty()
        : Optional.of(new DateRange(first, today));
    return new Batch(rows, newest == 0 ? Optional.empty() : Optional.of(String.valueOf(newest)), pages, since == null,
        covered);
  }

  /** Stripe sends lower-case codes; finance compares upper-case ones. */
  private static String currency(JsonNode o) {
    String c = Json.text(o, "currency");
    return c == null ? null : c.toUpperCase(Locale.ROOT);
  }

  /** An expandable field holds an id, or the expanded object with one. */
  private static String expandableId(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isObject() ? Json.text(v, "id") : v.asText();
  }

  static BigDecimal units(Long minor, String currency) {
    if (minor == null) {
      return null;
    }
    int scale = currency == null ? 2 : ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2;
    return BigDecimal.valueOf(minor, scale);
  }
}
