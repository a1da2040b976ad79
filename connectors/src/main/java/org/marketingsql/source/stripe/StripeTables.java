package org.marketingsql.source.stripe;

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
import java.time.LocalTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;
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

  /** Stripe lists events of the last 30 days only. */
  static final long EVENTS_KEPT_SECONDS = 30 * 86_400L;
  static final long CLOCK_MARGIN_SECONDS = 300;
  /** Refunds change a charge's {@code amount_refunded}: made, or updated (e.g. failed, canceled). */
  private static final Map<String, String> REFUND_EVENTS = Map.of("types[0]", "charge.refunded", "types[1]",
      "charge.refund.updated");

  private static final String CREATED = "When it was created, UTC.";

  /** Charges as documented (with the default metadata keys); only succeeded ones are orders. */
  static final TableDefinition<JsonNode> CHARGES = charges(MetadataKeys.DEFAULT, ZoneOffset.UTC);

  /**
   * Which keys of a charge's {@code metadata} (else of its customer's) hold the touch data a checkout page
   * put there: the source's {@code utmSourceKey}, {@code utmMediumKey} and {@code utmCampaignKey}.
   */
  record MetadataKeys(String source, String medium, String campaign) {
    static final MetadataKeys DEFAULT = new MetadataKeys("utm_source", "utm_medium", "utm_campaign");

    MetadataKeys {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(medium, "medium");
      Objects.requireNonNull(campaign, "campaign");
    }
  }

  /**
   * The charges table reading the touch data under {@code keys}, each charge's order day the day it was
   * created in {@code zone} (the configuration's reporting time zone).
   */
  static TableDefinition<JsonNode> charges(MetadataKeys keys, ZoneId zone) {
    return TableDefinition.<JsonNode>table("charges",
          "One row per charge. Succeeded charges are orders, net of refunds, and feed finance's orders.")
      .column("id", VARCHAR, "The charge's id (ch_…).", o -> o.get("id").asText())
      .column("order_id", VARCHAR, "The charge's id, as the order's id.", o -> o.get("id").asText())
      .column("customer_id", VARCHAR, "The customer charged (cus_…), if any.", o -> expandableId(o, "customer"))
      .column("order_date", DATE, "The day the charge was created, in the configuration's timeZone (UTC unless"
          + " set).", o -> {
            Long created = Json.integer(o, "created");
            return created == null ? null : Instant.ofEpochSecond(created).atZone(zone).toLocalDate();
          })
      .column("amount", MONEY, "The amount net of refunds, in currency units (not cents).", o -> {
        Long gross = Json.integer(o, "amount");
        Long refunded = Json.integer(o, "amount_refunded");
        return gross == null ? null : units(gross - (refunded == null ? 0 : refunded), currency(o));
      })
      .column("currency", VARCHAR, "The charge's currency, ISO 4217 upper case.", StripeTables::currency)
      .column("status", VARCHAR, "succeeded, pending or failed.", o -> Json.text(o, "status"))
      .column("amount_captured", MONEY, "The amount captured, in currency units.",
          o -> units(Json.integer(o, "amount_captured"), currency(o)))
      .column("amount_refunded", MONEY, "The amount refunded so far, in currency units.",
          o -> units(Json.integer(o, "amount_refunded"), currency(o)))
      .column("paid", BOOLEAN, "Whether the charge succeeded or was authorised.", o -> Json.bool(o, "paid"))
      .column("refunded", BOOLEAN, "Whether the charge was refunded in full.", o -> Json.bool(o, "refunded"))
      .column("description", VARCHAR, "The charge's description.", o -> Json.text(o, "description"))
      .column("payment_intent", VARCHAR, "The payment intent the charge belongs to (pi_…).",
          o -> expandableId(o, "payment_intent"))
      .column("livemode", BOOLEAN, "false for test mode data.", o -> Json.bool(o, "livemode"))
      .column("created", TIMESTAMP, CREATED, o -> Json.epochSeconds(Json.integer(o, "created")))
      .column("utm_source", VARCHAR, "The charge's metadata value under " + keys.source() + ", else its customer's:"
          + " where the visitor came from, for attribution.", o -> touch(o, keys.source()))
      .column("utm_medium", VARCHAR, "The charge's metadata value under " + keys.medium() + ", else its customer's.",
          o -> touch(o, keys.medium()))
      .column("utm_campaign", VARCHAR, "The charge's metadata value under " + keys.campaign() + ", else its"
          + " customer's: the campaign, matched to the ad platforms' campaigns by id or name.",
          o -> touch(o, keys.campaign()))
      .build();
  }

  static final TableDefinition<JsonNode> REFUNDS = TableDefinition.<JsonNode>table("refunds",
          "One row per refund.")
      .column("id", VARCHAR, "The refund's id (re_…).", o -> o.get("id").asText())
      .column("charge_id", VARCHAR, "The charge refunded.", o -> expandableId(o, "charge"))
      .column("amount", MONEY, "The amount refunded, in currency units.", o -> units(Json.integer(o, "amount"), currency(o)))
      .column("currency", VARCHAR, "The refund's currency, ISO 4217 upper case.", StripeTables::currency)
      .column("status", VARCHAR, "pending, requires_action, succeeded, failed or canceled.", o -> Json.text(o, "status"))
      .column("reason", VARCHAR, "duplicate, fraudulent or requested_by_customer, if given.", o -> Json.text(o, "reason"))
      .column("payment_intent", VARCHAR, "The payment intent refunded (pi_…).", o -> expandableId(o, "payment_intent"))
      .column("created", TIMESTAMP, CREATED, o -> Json.epochSeconds(Json.integer(o, "created")))
      .build();

  static final TableDefinition<JsonNode> CUSTOMERS = TableDefinition.<JsonNode>table("customers",
          "One row per customer.")
      .column("id", VARCHAR, "The customer's id (cus_…).", o -> o.get("id").asText())
      .column("email", VARCHAR, "The customer's email address.", o -> Json.text(o, "email"))
      .column("name", VARCHAR, "The customer's name.", o -> Json.text(o, "name"))
      .column("currency", VARCHAR, "The currency the customer is billed in, ISO 4217 upper case.", StripeTables::currency)
      .column("delinquent", BOOLEAN, "Whether the customer's latest invoice or charge failed.",
          o -> Json.bool(o, "delinquent"))
      .column("livemode", BOOLEAN, "false for test mode data.", o -> Json.bool(o, "livemode"))
      .column("created", TIMESTAMP, CREATED, o -> Json.epochSeconds(Json.integer(o, "created")))
      .build();

  static final TableDefinition<JsonNode> INVOICES = TableDefinition.<JsonNode>table("invoices",
          "One row per invoice, restated as it is paid or voided (the charges carry the money).")
      .column("id", VARCHAR, "The invoice's id (in_…).", o -> o.get("id").asText())
      .column("customer_id", VARCHAR, "The customer invoiced.", o -> expandableId(o, "customer"))
      .column("subscription_id", VARCHAR, "The subscription invoiced, if any.", StripeTables::invoiceSubscription)
      .column("number", VARCHAR, "The invoice number shown to the customer.", o -> Json.text(o, "number"))
      .column("status", VARCHAR, "draft, open, paid, uncollectible or void.", o -> Json.text(o, "status"))
      .column("billing_reason", VARCHAR, "Why it was made, e.g. subscription_cycle, manual.",
          o -> Json.text(o, "billing_reason"))
      .column("currency", VARCHAR, "The invoice's currency, ISO 4217 upper case.", StripeTables::currency)
      .column("total", MONEY, "The total after discounts and taxes, in currency units.",
          o -> units(Json.integer(o, "total"), currency(o)))
      .column("amount_due", MONEY, "The amount due, in currency units.", o -> units(Json.integer(o, "amount_due"), currency(o)))
      .column("amount_paid", MONEY, "The amount paid, in currency units.",
          o -> units(Json.integer(o, "amount_paid"), currency(o)))
      .column("amount_remaining", MONEY, "The amount still due, in currency units.",
          o -> units(Json.integer(o, "amount_remaining"), currency(o)))
      .column("period_start", TIMESTAMP, "The start of the period invoiced, UTC.",
          o -> Json.epochSeconds(Json.integer(o, "period_start")))
      .column("period_end", TIMESTAMP, "The end of the period invoiced, UTC.",
          o -> Json.epochSeconds(Json.integer(o, "period_end")))
      .column("created", TIMESTAMP, CREATED, o -> Json.epochSeconds(Json.integer(o, "created")))
      .build();

  static final TableDefinition<JsonNode> SUBSCRIPTIONS = TableDefinition.<JsonNode>table("subscriptions",
          "One row per subscription, canceled ones included, as it is now.")
      .column("id", VARCHAR, "The subscription's id (sub_…).", o -> o.get("id").asText())
      .column("customer_id", VARCHAR, "The customer subscribed.", o -> expandableId(o, "customer"))
      .column("status", VARCHAR, "active, trialing, past_due, canceled, unpaid, incomplete, ….", o -> Json.text(o, "status"))
      .column("currency", VARCHAR, "The subscription's currency, ISO 4217 upper case.", StripeTables::currency)
      .column("cancel_at_period_end", BOOLEAN, "Whether it ends at the end of the current period.",
          o -> Json.bool(o, "cancel_at_period_end"))
      .column("start_date", TIMESTAMP, "When the subscription started, UTC.",
          o -> Json.epochSeconds(Json.integer(o, "start_date")))
      .column("canceled_at", TIMESTAMP, "When it was canceled, UTC; NULL if it was not.",
          o -> Json.epochSeconds(Json.integer(o, "canceled_at")))
      .column("ended_at", TIMESTAMP, "When it ended, UTC; NULL while it runs.",
          o -> Json.epochSeconds(Json.integer(o, "ended_at")))
      .column("trial_end", TIMESTAMP, "When its trial ends or ended, UTC; NULL without trial.",
          o -> Json.epochSeconds(Json.integer(o, "trial_end")))
      .column("created", TIMESTAMP, CREATED, o -> Json.epochSeconds(Json.integer(o, "created")))
      .build();

  /**
   * A touch value from the charge's own metadata, else from its customer's: the charges are listed with
   * {@code expand[]=data.customer}, so the customer is an object here (when the charge has one).
   */
  private static String touch(JsonNode charge, String key) {
    String own = Json.text(charge.path("metadata"), key);
    if (own != null && !own.isBlank()) {
      return own.trim();
    }
    JsonNode customer = charge.path("customer");
    String inherited = customer.isObject() ? Json.text(customer.path("metadata"), key) : null;
    return inherited == null || inherited.isBlank() ? null : inherited.trim();
  }

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(CHARGES, REFUNDS, CUSTOMERS, INVOICES, SUBSCRIPTIONS, StripeSubscriptions.ITEMS,
        StripeSubscriptions.DISCOUNTS);
  }

  /** The lists a {@code startDate} bounds: money by the day it happened; customers and subscriptions are kept whole. */
  private static final Set<String> DATED = Set.of("charges", "refunds", "invoices");

  /** Expands each listed charge's customer, whose metadata is the fallback of the charge's (Stripe's expand). */
  private static final Map<String, String> EXPAND_CUSTOMER = Map.of("expand[]", "data.customer");

  private final StripeClient client;
  private final long lookbackSeconds;
  private final LocalDate startDate;
  private final Clock clock;
  private final TableDefinition<JsonNode> charges;

  /**
   * @param startDate the first day (UTC) of charges, refunds and invoices a first or whole read lists; null for all
   * @param clock says what "today" is (in UTC, as Stripe's {@code created} is read) for the days a sync covered;
   *     its zone is the reporting time zone, which a charge's {@code order_date} is the day in
   * @param keys the metadata keys of the touch data
   */
  StripeTables(StripeClient client, int lookbackDays, LocalDate startDate, Clock clock, MetadataKeys keys) {
    this.startDate = startDate;
    this.client = Objects.requireNonNull(client, "client");
    this.charges = charges(keys, clock.getZone());
    this.clock = Objects.requireNonNull(clock, "clock");
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    this.lookbackSeconds = lookbackDays * 86_400L;
  }

  List<ApiTable> all() {
    StripeSubscriptions recurring = new StripeSubscriptions(client);
    return List.of(charges(), refunds(), customers(), invoices(), subscriptions(), recurring.items(), recurring.discounts());
  }

  /**
   * Only succeeded charges are orders; failed and pending ones stay in the table for analysis. An
   * incremental read lists the charges created since the cursor less the look-back, then re-reads
   * every charge the Events API says was refunded since the last sync, so a refund made long after its
   * charge still nets it in {@code finance.orders} without a full read.
   */
  ApiTable charges() {
    return byCreated(charges, this::readCharges,
        Feed.sameNames(Feed.Input.ORDERS,
            "\"status\" = 'succeeded' AND \"order_date\" IS NOT NULL AND \"amount\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  private Batch readCharges(Optional<String> cursor, ApiTable.Progress progress) {
    long now = clock.instant().getEpochSecond();
    Optional<ChargeCursor> last = cursor.map(ChargeCursor::parse);
    boolean eventsLost = last.isPresent() && last.get().eventsSince() < now - EVENTS_KEPT_SECONDS;
    Optional<String> listFrom = eventsLost ? Optional.empty()
        : last.flatMap(c -> Optional.ofNullable(c.created())).map(String::valueOf);
    if (last.isPresent() && last.get().created() == null) {
      listFrom = Optional.of("0");
    }
    Batch listed = read("charges", listFrom, progress, Map.of(), charges::row);
    List<Object[]> rows = new ArrayList<>(listed.rows());
    int pages = listed.pages();
    if (last.isPresent() && !eventsLost) {
      pages += rereadRefunded(last.get().eventsSince(), rows, pages, progress);
    }
    Long created = listed.cursor().map(Long::parseLong)
        .orElse(last.map(ChargeCursor::created).orElse(null));
    String note = eventsLost ? "Stripe keeps events " + EVENTS_KEPT_SECONDS / 86_400 + " days and the last refund check was "
        + Json.epochSeconds(last.get().eventsSince()) + " UTC, so every charge was read again" : null;
    // the next sync asks for events from a little before now, so a clock ahead of Stripe's loses none
    ChargeCursor next = new ChargeCursor(created, now - CLOCK_MARGIN_SECONDS);
    return new Batch(rows, Optional.of(next.toString()), pages, listFrom.isEmpty(), listed.covered(), note);
  }

  /**
   * Reads the events of refunds since a time and re-reads each charge they name that the list did
   * not already bring, adding it to {@code rows}.
   *
   * @return the pages fetched
   */
  private int rereadRefunded(long since, List<Object[]> rows, int pagesBefore, ApiTable.Progress progress) {
    Set<String> have = new HashSet<>();
    rows.forEach(r -> have.add((String) r[0]));
    int pages = 0;
    for (Pages it = client.list("events", since, REFUND_EVENTS); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode event : page.get("data")) {
        String charge = refundedCharge(event);
        if (charge != null && have.add(charge)) {
          JsonNode o = client.retrieve("charges", charge, Map.of("expand[]", "customer"));
          if (!charge.equals(o.path("id").asText())) {
            throw ApiException.malformed("stripe", "GET /v1/charges/" + charge, "the charge with that id");
          }
          rows.add(charges.row(o));
        }
      }
      progress.page(pagesBefore + pages, rows.size());
    }
    return pages;
  }

  /** The charge an event is about: a {@code charge.refunded} event carries the charge, a refund event the refund. */
  private static String refundedCharge(JsonNode event) {
    JsonNode o = event.path("data").path("object");
    return switch (o.path("object").asText("")) {
      case "charge" -> Json.text(o, "id");
      case "refund" -> expandableId(o, "charge");
      default -> null;
    };
  }

  /**
   * Where the charges' next sync starts: the newest {@code created} listed (null when none yet) and the
   * time from which refund events are read. Written {@code <created>;events=<seconds>}; a plain number
   * (stores synced before refund events were read) is both, since that sync ran after that charge.
   */
  record ChargeCursor(Long created, long eventsSince) {
    static ChargeCursor parse(String text) {
      try {
        String[] parts = text.split(";", -1);
        Long created = parts[0].isEmpty() ? null : Long.parseLong(parts[0]);
        if (parts.length == 1) {
          return new ChargeCursor(created, created == null ? 0 : created);
        }
        if (parts.length != 2 || !parts[1].startsWith("events=")) {
          throw new NumberFormatException(text);
        }
        return new ChargeCursor(created, Long.parseLong(parts[1].substring("events=".length())));
      } catch (NumberFormatException e) {
        throw new IllegalStateException("the stored cursor of stripe charges is unreadable: " + text, e);
      }
    }

    @Override
    public String toString() {
      return (created == null ? "" : created.toString()) + ";events=" + eventsSince;
    }
  }

  ApiTable refunds() {
    return byCreated(REFUNDS, null);
  }

  ApiTable customers() {
    return byCreated(CUSTOMERS, null);
  }

  /** Invoices restate as they are paid or voided, which the look-back re-reads; charges carry the money. */
  ApiTable invoices() {
    return byCreated(INVOICES, null);
  }

  /**
   * A list whose objects keep the {@code created} they were made at: synced from the cursor minus the
   * look-back, or for any range of days (UTC, as {@code created} is stored) with {@code created[gte]}
   * and {@code created[lte]}.
   */
  private ApiTable byCreated(TableDefinition<JsonNode> table, Feed feed) {
    return byCreated(table, (cursor, progress) -> read(table.name(), cursor, progress, table::row), feed);
  }

  /** A table read by {@code created}, whose incremental read is {@code fetcher} (charges also follow refund events). */
  private ApiTable byCreated(TableDefinition<JsonNode> table, ApiTable.Fetcher fetcher, Feed feed) {
    String object = table.name();
    return new ApiTable(object, table.columns(), fetcher, feed)
        .withRanges("created", (range, progress) -> {
          long from = range.from().toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC);
          long to = range.to().plusDays(1).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC) - 1;
          Batch read = read(object, Optional.empty(), progress, Map.of("created[gte]", String.valueOf(from),
              "created[lte]", String.valueOf(to)), table::row);
          return new Batch(read.rows(), Optional.empty(), read.pages(), false, Optional.of(range));
        });
  }

  /**
   * Subscriptions change status long after they are created, so they are read whole every time
   * ({@code status=all}: the list hides canceled ones otherwise).
   */
  ApiTable subscriptions() {
    return new ApiTable(SUBSCRIPTIONS.name(), SUBSCRIPTIONS.columns(),
        (cursor, progress) -> {
          Batch all = read("subscriptions", Optional.empty(), progress, Map.of("status", "all"), SUBSCRIPTIONS::row);
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
    boolean fromStart = cursor.isEmpty() && startDate != null && DATED.contains(object)
        && !filters.containsKey("created[gte]");
    Long since = cursor.map(Long::parseLong).map(c -> Math.max(0, c - lookbackSeconds))
        .orElse(fromStart ? startDate.toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC) : null);
    long newest = cursor.map(Long::parseLong).orElse(0L);
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    Map<String, String> query = filters;
    if (object.equals("charges")) {
      query = new LinkedHashMap<>(filters);
      query.putAll(EXPAND_CUSTOMER);
    }
    for (Pages it = client.list(object, since, query); it.hasNext(); ) {
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
    LocalDate first = since == null ? LocalDate.EPOCH : fromStart ? startDate
        : LocalDateTime.ofEpochSecond(since, 0, ZoneOffset.UTC).toLocalDate().plusDays(1);
    Optional<DateRange> covered = filters.containsKey("created[gte]") || first.isAfter(today) ? Optional.empty()
        : Optional.of(new DateRange(first, today));
    return new Batch(rows, newest == 0 ? Optional.empty() : Optional.of(String.valueOf(newest)), pages,
        since == null || fromStart, covered);
  }

  /** Stripe sends lower-case codes; finance compares upper-case ones. */
  static String currency(JsonNode o) {
    String c = Json.text(o, "currency");
    return c == null ? null : c.toUpperCase(Locale.ROOT);
  }

  /** An expandable field holds an id, or the expanded object with one. */
  static String expandableId(JsonNode o, String field) {
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
