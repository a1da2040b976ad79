package org.marketingsql.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Feed;
import org.marketingsql.source.Batch;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.Json;
import org.marketingsql.source.http.Pages;

/**
 * The HubSpot tables. The first sync (and {@code --full}) reads the whole CRM v3 list and replaces the
 * table; the cursor is the newest modification time seen. Later syncs ask the search API for the
 * objects modified since the cursor (less {@link #OVERLAP}, as search indexes changes with a delay),
 * oldest change first, and upsert them. Search pages stop at 10,000 results, so a longer run of
 * changes is searched again from the newest modification seen. Search returns no archived objects:
 * a deal or contact deleted in HubSpot stays in the store until the next {@code sync --full}.
 */
final class HubSpotTables {
  /** The tables as declared, for the registry and the docs. */
  static List<org.marketingsql.source.TableDefinition<?>> definitions() {
    return List.of();
  }

  private static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "closedate", "createdate",
      "dealstage", "pipeline", "deal_currency_code", "hs_is_closed_won", "hs_lastmodifieddate");
  private static final List<String> CONTACT_PROPERTIES = List.of("email", "firstname", "lastname", "lifecyclestage",
      "createdate", "lastmodifieddate");

  /** Search stops answering at the 10,000th result of one query. */
  static final int SEARCH_CAP = 10_000;
  /** How far before the cursor an incremental read starts: search lags behind changes. */
  static final Duration OVERLAP = Duration.ofHours(1);

  private final HubSpotClient client;
  private final String defaultCurrency;

  /** @param defaultCurrency the portal's company currency, for deals that name none; null if unknown */
  HubSpotTables(HubSpotClient client, String defaultCurrency) {
    this.client = Objects.requireNonNull(client, "client");
    this.defaultCurrency = defaultCurrency == null ? null : defaultCurrency.toUpperCase(Locale.ROOT);
  }

  List<ApiTable> all() {
    return List.of(deals(), contacts());
  }

  /** Closed-won deals are orders: their amount on their close date, the customer their first contact. */
  ApiTable deals() {
    return new ApiTable("deals", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("order_id", "VARCHAR"), new ApiColumn("customer_id", "VARCHAR"),
        new ApiColumn("order_date", "DATE"), new ApiColumn("amount", "DECIMAL(18,6)"),
        new ApiColumn("currency", "VARCHAR"), new ApiColumn("deal_name", "VARCHAR"),
        new ApiColumn("deal_stage", "VARCHAR"), new ApiColumn("pipeline", "VARCHAR"),
        new ApiColumn("is_closed_won", "BOOLEAN"), new ApiColumn("close_date", "TIMESTAMP"),
        new ApiColumn("created_at", "TIMESTAMP"), new ApiColumn("updated_at", "TIMESTAMP")),
        (cursor, progress) -> read("deals", "hs_lastmodifieddate", DEAL_PROPERTIES, true, cursor, progress, (o, p, contact) -> {
          String stage = Json.text(p, "dealstage");
          boolean won = "true".equalsIgnoreCase(Json.text(p, "hs_is_closed_won")) || "closedwon".equals(stage);
          LocalDateTime closed = Json.isoInstant(Json.text(p, "closedate"));
          String currency = Json.text(p, "deal_currency_code");
          currency = currency == null || currency.isBlank() ? defaultCurrency : currency.trim().toUpperCase(Locale.ROOT);
          String id = o.get("id").asText();
          return new Object[] {id, id, contact, closed == null ? null : closed.toLocalDate(),
              Json.decimal(Json.text(p, "amount")), currency, Json.text(p, "dealname"), stage, Json.text(p, "pipeline"),
              won, closed, Json.isoInstant(Json.text(o, "createdAt")), Json.isoInstant(Json.text(o, "updatedAt"))};
        }),
        Feed.sameNames(Feed.Input.ORDERS,
            "\"is_closed_won\" AND \"order_date\" IS NOT NULL AND \"amount\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  ApiTable contacts() {
    return new ApiTable("contacts", List.of(
        new ApiColumn("id", "VARCHAR"), new ApiColumn("email", "VARCHAR"), new ApiColumn("first_name", "VARCHAR"),
        new ApiColumn("last_name", "VARCHAR"), new ApiColumn("lifecycle_stage", "VARCHAR"),
        new ApiColumn("created_at", "TIMESTAMP"), new ApiColumn("updated_at", "TIMESTAMP")),
        (cursor, progress) -> read("contacts", "lastmodifieddate", CONTACT_PROPERTIES, false, cursor, progress,
            (o, p, contact) -> new Object[] {
            o.get("id").asText(), Json.text(p, "email"), Json.text(p, "firstname"), Json.text(p, "lastname"),
            Json.text(p, "lifecyclestage"), Json.isoInstant(Json.text(o, "createdAt")),
            Json.isoInstant(Json.text(o, "updatedAt"))}), null);
  }

  private interface RowMaker {
    Object[] row(JsonNode object, JsonNode properties, String firstContact);
  }

  /**
   * @param modified the property holding the object's modification time ({@code hs_lastmodifieddate}
   *     for deals, {@code lastmodifieddate} for contacts)
   * @param withContacts whether rows need the object's first associated contact
   */
  private Batch read(String object, String modified, List<String> properties, boolean withContacts,
      Optional<String> cursor, ApiTable.Progress progress, RowMaker maker) {
    if (cursor.isEmpty()) {
      return readAll(object, modified, properties, withContacts, progress, maker);
    }
    Instant since;
    try {
      since = Instant.parse(cursor.get());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException("the stored cursor of hubspot " + object + " is not a time: " + cursor.get()
          + "; run sync --full", e);
    }
    return readChanged(object, modified, properties, withContacts, since, progress, maker);
  }

  private Batch readAll(String object, String modified, List<String> properties, boolean withContacts,
      ApiTable.Progress progress, RowMaker maker) {
    List<Object[]> rows = new ArrayList<>();
    Instant newest = null;
    int pages = 0;
    for (Pages it = client.list(object, properties, withContacts ? "contacts" : null); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode o : page.get("results")) {
        id(o, "GET /crm/v3/objects/" + object);
        rows.add(maker.row(o, o.path("properties"), withContacts ? firstContact(o) : null));
        newest = later(newest, modifiedAt(o, modified));
      }
      progress.page(pages, rows.size());
    }
    return new Batch(rows, Optional.ofNullable(newest).map(Instant::toString), pages, true);
  }

  /** The objects modified since {@code since} (less the overlap), each once in its newest state. */
  private Batch readChanged(String object, String modified, List<String> properties, boolean withContacts,
      Instant since, ApiTable.Progress progress, RowMaker maker) {
    String endpoint = "POST /crm/v3/objects/" + object + "/search";
    Map<String, JsonNode> changed = new LinkedHashMap<>();
    Instant from = since.minus(OVERLAP);
    Instant newest = since;
    int pages = 0;
    while (true) {
      String after = null;
      int seen = 0;
      do {
        JsonNode page = client.search(object, modified, from, properties, after);
        pages++;
        for (JsonNode o : page.get("results")) {
          String id = id(o, endpoint);
          changed.remove(id);
          changed.put(id, o);
          newest = later(newest, modifiedAt(o, modified));
          seen++;
        }
        after = HubSpotClient.nextAfter(page);
        progress.page(pages, changed.size());
      } while (after != null && seen < SEARCH_CAP);
      if (after == null) {
        break;
      }
      // 10,000 results is as far as one search pages: search again from the newest change seen
      if (!newest.isAfter(from)) {
        throw new IllegalStateException("hubspot " + endpoint + ": more than " + SEARCH_CAP + " " + object
            + " were modified at " + from + ", which search cannot page past; run sync --full");
      }
      from = newest;
    }
    Map<String, String> contacts = withContacts && !changed.isEmpty()
        ? client.firstAssociated(object, "contacts", List.copyOf(changed.keySet())) : Map.of();
    List<Object[]> rows = new ArrayList<>();
    changed.forEach((id, o) -> rows.add(maker.row(o, o.path("properties"), contacts.get(id))));
    return new Batch(rows, Optional.of(newest.toString()), pages, false);
  }

  private static String id(JsonNode o, String endpoint) {
    if (!o.path("id").isValueNode() || o.path("id").asText().isEmpty()) {
      throw ApiException.malformed("hubspot", endpoint, "an id on every object");
    }
    return o.get("id").asText();
  }

  /** When an object last changed: its modification property, else its {@code updatedAt}; null if neither. */
  private static Instant modifiedAt(JsonNode o, String property) {
    LocalDateTime at = Json.isoInstant(Json.text(o.path("properties"), property));
    if (at == null) {
      at = Json.isoInstant(Json.text(o, "updatedAt"));
    }
    return at == null ? null : at.toInstant(ZoneOffset.UTC);
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || !b.isAfter(a) ? a : b;
  }

  /** The lowest id of a listed deal's associated contacts, as the associations read gives after a search. */
  private static String firstContact(JsonNode deal) {
    String first = null;
    for (JsonNode contact : deal.path("associations").path("contacts").path("results")) {
      JsonNode id = contact.path("id");
      if (id.isValueNode() && !id.asText().isEmpty()) {
        first = first == null ? id.asText() : HubSpotClient.lowerId(first, id.asText());
      }
    }
    return first;
  }
}
