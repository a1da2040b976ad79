package org.marketingsql.source.hubspot;

import static org.marketingsql.source.SqlType.BOOLEAN;
import static org.marketingsql.source.SqlType.DATE;
import static org.marketingsql.source.SqlType.MONEY;
import static org.marketingsql.source.SqlType.TIMESTAMP;
import static org.marketingsql.source.SqlType.VARCHAR;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.Batch;
import org.marketingsql.source.Feed;
import org.marketingsql.source.TableDefinition;
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
  private static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "closedate", "createdate",
      "dealstage", "pipeline", "deal_currency_code", "hs_is_closed_won", "hs_lastmodifieddate");
  private static final List<String> CONTACT_PROPERTIES = List.of("email", "firstname", "lastname", "lifecyclestage",
      "createdate", "lastmodifieddate");

  /**
   * A deal's contact's touch data: HubSpot's original source and its drill-downs, and UTM properties where the
   * portal records them (custom properties named utm_source, utm_medium, utm_campaign).
   */
  private static final List<String> TOUCH_PROPERTIES = List.of("hs_analytics_source", "hs_analytics_source_data_1",
      "hs_analytics_source_data_2", "utm_source", "utm_medium", "utm_campaign");
  /** Original sources that are not ads, as the channel they stand for (the ad ones name their network in drill-down 1). */
  private static final Map<String, String> UNPAID_SOURCES = Map.of("ORGANIC_SEARCH", "organic", "EMAIL_MARKETING",
      "email", "REFERRALS", "referral", "SOCIAL_MEDIA", "social", "DIRECT_TRAFFIC", "direct");

  /** Search stops answering at the 10,000th result of one query. */
  static final int SEARCH_CAP = 10_000;
  /** How far before the cursor an incremental read starts: search lags behind changes. */
  static final Duration OVERLAP = Duration.ofHours(1);

  /**
   * One CRM object as listed or searched, with its first associated contact (deals only) and the
   * portal's currency for deals that name none.
   */
  record CrmObject(JsonNode json, String firstContact, String defaultCurrency, JsonNode contact, ZoneId zone) {
    CrmObject(JsonNode json, String firstContact, String defaultCurrency) {
      this(json, firstContact, defaultCurrency, null, ZoneOffset.UTC);
    }

    /** An object whose days are UTC's. */
    CrmObject(JsonNode json, String firstContact, String defaultCurrency, JsonNode contact) {
      this(json, firstContact, defaultCurrency, contact, ZoneOffset.UTC);
    }

    /** The day the deal closed in the reporting time zone; null while it has no close date. */
    LocalDate closeDay() {
      LocalDateTime at = closed();
      return at == null ? null : at.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
    }

    JsonNode properties() {
      return json.path("properties");
    }

    /** A property of the first associated contact, trimmed; null when absent or empty. */
    String contactProperty(String name) {
      String value = contact == null ? null : Json.text(contact, name);
      return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The contact's utm_source property; else, for ads (paid search, paid social, other campaigns), the
     * network its original source's drill-down 1 names (google, facebook, …); else the channel of an unpaid
     * original source (organic, email, referral, social, direct).
     */
    String touchSource() {
      String utm = contactProperty("utm_source");
      if (utm != null) {
        return utm;
      }
      String source = contactProperty("hs_analytics_source");
      if (source == null) {
        return null;
      }
      String unpaid = UNPAID_SOURCES.get(source.toUpperCase(Locale.ROOT));
      return unpaid != null ? unpaid : contactProperty("hs_analytics_source_data_1");
    }

    /** The contact's utm_medium property, else its original source in lower case (paid_search, …). */
    String touchMedium() {
      String utm = contactProperty("utm_medium");
      String source = contactProperty("hs_analytics_source");
      return utm != null ? utm : source == null ? null : source.toLowerCase(Locale.ROOT);
    }

    /** The contact's utm_campaign property, else, for ads, its original source's drill-down 2. */
    String touchCampaign() {
      String utm = contactProperty("utm_campaign");
      String source = contactProperty("hs_analytics_source");
      if (utm != null || source == null || UNPAID_SOURCES.containsKey(source.toUpperCase(Locale.ROOT))) {
        return utm;
      }
      return contactProperty("hs_analytics_source_data_2");
    }

    String property(String name) {
      return Json.text(properties(), name);
    }

    LocalDateTime closed() {
      return Json.isoInstant(property("closedate"));
    }
  }

  /** Closed-won deals are orders: their amount on their close date, the customer their first contact. */
  static final TableDefinition<CrmObject> DEALS = TableDefinition.<CrmObject>table("deals",
          "One row per deal. Closed-won deals are orders (amount on the close date, the customer the first"
              + " associated contact) and feed finance's orders.")
      .column("id", VARCHAR, "The deal's id.", o -> o.json().get("id").asText())
      .column("order_id", VARCHAR, "The deal's id, as the order's id.", o -> o.json().get("id").asText())
      .column("customer_id", VARCHAR, "The lowest id of the deal's associated contacts.", CrmObject::firstContact)
      .column("order_date", DATE, "The close date's day in the configuration's timeZone (UTC unless set).",
          CrmObject::closeDay)
      .column("amount", MONEY, "The deal's amount, in currency.", o -> Json.decimal(o.property("amount")))
      .column("currency", VARCHAR, "The deal's currency (deal_currency_code), else the source's currency setting.",
          o -> {
            String currency = o.property("deal_currency_code");
            return currency == null || currency.isBlank() ? o.defaultCurrency()
                : currency.trim().toUpperCase(Locale.ROOT);
          })
      .column("deal_name", VARCHAR, "The deal's name.", o -> o.property("dealname"))
      .column("deal_stage", VARCHAR, "The deal's stage id, e.g. closedwon.", o -> o.property("dealstage"))
      .column("pipeline", VARCHAR, "The pipeline the deal is in.", o -> o.property("pipeline"))
      .column("is_closed_won", BOOLEAN, "Whether the deal is won (hs_is_closed_won, or the stage closedwon).",
          o -> "true".equalsIgnoreCase(o.property("hs_is_closed_won")) || "closedwon".equals(o.property("dealstage")))
      .column("close_date", TIMESTAMP, "When the deal closed, UTC.", CrmObject::closed)
      .column("created_at", TIMESTAMP, "When the deal was created, UTC.",
          o -> Json.isoInstant(Json.text(o.json(), "createdAt")))
      .column("updated_at", TIMESTAMP, "When the deal last changed, UTC.",
          o -> Json.isoInstant(Json.text(o.json(), "updatedAt")))
      .column("utm_source", VARCHAR, "Where the deal's contact came from: the contact's utm_source property, else for"
          + " ads the network of its original source (hs_analytics_source_data_1, e.g. google), else the channel of its"
          + " original source (organic, email, referral, social, direct).", CrmObject::touchSource)
      .column("utm_medium", VARCHAR, "The contact's utm_medium property, else its original source (hs_analytics_source)"
          + " in lower case, e.g. paid_search.", CrmObject::touchMedium)
      .column("utm_campaign", VARCHAR, "The contact's utm_campaign property, else for ads its original source's"
          + " drill-down 2 (hs_analytics_source_data_2): the campaign, matched to the ad platforms' campaigns.",
          CrmObject::touchCampaign)
      .build();

  static final TableDefinition<CrmObject> CONTACTS = TableDefinition.<CrmObject>table("contacts",
          "One row per contact.")
      .column("id", VARCHAR, "The contact's id.", o -> o.json().get("id").asText())
      .column("email", VARCHAR, "The contact's email address.", o -> o.property("email"))
      .column("first_name", VARCHAR, "The contact's first name.", o -> o.property("firstname"))
      .column("last_name", VARCHAR, "The contact's last name.", o -> o.property("lastname"))
      .column("lifecycle_stage", VARCHAR, "subscriber, lead, opportunity, customer, ….",
          o -> o.property("lifecyclestage"))
      .column("created_at", TIMESTAMP, "When the contact was created, UTC.",
          o -> Json.isoInstant(Json.text(o.json(), "createdAt")))
      .column("updated_at", TIMESTAMP, "When the contact last changed, UTC.",
          o -> Json.isoInstant(Json.text(o.json(), "updatedAt")))
      .build();

  /** The tables as declared, for the registry and the docs. */
  static List<TableDefinition<?>> definitions() {
    return List.of(DEALS, CONTACTS);
  }

  private final HubSpotClient client;
  private final String defaultCurrency;
  private final LocalDate startDate;
  private final ZoneId zone;

  /**
   * @param defaultCurrency the portal's company currency, for deals that name none; null if unknown
   * @param startDate deals closed before this day (UTC) are left out; null for every deal
   */
  HubSpotTables(HubSpotClient client, String defaultCurrency, LocalDate startDate) {
    this(client, defaultCurrency, startDate, ZoneOffset.UTC);
  }

  /** @param zone the reporting time zone, which a deal's {@code order_date} is the day in */
  HubSpotTables(HubSpotClient client, String defaultCurrency, LocalDate startDate, ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.client = Objects.requireNonNull(client, "client");
    this.startDate = startDate;
    this.defaultCurrency = defaultCurrency == null ? null : defaultCurrency.toUpperCase(Locale.ROOT);
  }

  List<ApiTable> all() {
    return List.of(deals(), contacts());
  }

  ApiTable deals() {
    return new ApiTable(DEALS.name(), DEALS.columns(),
        (cursor, progress) -> read("deals", "hs_lastmodifieddate", DEAL_PROPERTIES, true, cursor, progress, DEALS),
        Feed.sameNames(Feed.Input.ORDERS, DEALS.columns().stream().map(SourceColumn::name).toList(),
            "\"is_closed_won\" AND \"order_date\" IS NOT NULL AND \"amount\" IS NOT NULL AND \"currency\" IS NOT NULL"));
  }

  ApiTable contacts() {
    return new ApiTable(CONTACTS.name(), CONTACTS.columns(),
        (cursor, progress) -> read("contacts", "lastmodifieddate", CONTACT_PROPERTIES, false, cursor, progress,
            CONTACTS), null);
  }

  /**
   * @param modified the property holding the object's modification time ({@code hs_lastmodifieddate}
   *     for deals, {@code lastmodifieddate} for contacts)
   * @param withContacts whether rows need the object's first associated contact
   */
  private Batch read(String object, String modified, List<String> properties, boolean withContacts,
      Optional<String> cursor, ApiTable.Progress progress, TableDefinition<CrmObject> maker) {
    if (cursor.isEmpty()) {
      return readAll(object, modified, properties, withContacts, progress, maker);
    }
    Instant since;
    try {
      since = Instant.parse(cursor.get());
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("the stored cursor of hubspot " + object + " is not a time: " + cursor.get()
          + "; run sync --full", e);
    }
    return readChanged(object, modified, properties, withContacts, since, progress, maker);
  }

  private Batch readAll(String object, String modified, List<String> properties, boolean withContacts,
      ApiTable.Progress progress, TableDefinition<CrmObject> maker) {
    Map<String, JsonNode> listed = new LinkedHashMap<>();
    Map<String, String> contacts = new LinkedHashMap<>();
    Instant newest = null;
    int pages = 0;
    for (Pages it = client.list(object, properties, withContacts ? "contacts" : null); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode o : page.get("results")) {
        String id = id(o, "GET /crm/v3/objects/" + object);
        newest = later(newest, modifiedAt(o, modified));
        if (closedBeforeStart(object, o)) {
          continue;
        }
        listed.put(id, o);
        String contact = withContacts ? firstContact(o) : null;
        if (contact != null) {
          contacts.put(id, contact);
        }
      }
      progress.page(pages, listed.size());
    }
    return new Batch(rows(listed, contacts, maker), Optional.ofNullable(newest).map(Instant::toString), pages, true);
  }

  /** The objects modified since {@code since} (less the overlap), each once in its newest state. */
  private Batch readChanged(String object, String modified, List<String> properties, boolean withContacts,
      Instant since, ApiTable.Progress progress, TableDefinition<CrmObject> maker) {
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
    Map<String, JsonNode> kept = new LinkedHashMap<>();
    changed.forEach((id, o) -> {
      if (!closedBeforeStart(object, o)) {
        kept.put(id, o);
      }
    });
    Map<String, String> keptContacts = new LinkedHashMap<>(contacts);
    keptContacts.keySet().retainAll(kept.keySet());
    return new Batch(rows(kept, keptContacts, maker), Optional.of(newest.toString()), pages, false);
  }

  /** The rows of the objects, each with its first contact and that contact's touch data (one batch read per 100). */
  private List<Object[]> rows(Map<String, JsonNode> objects, Map<String, String> contacts,
      TableDefinition<CrmObject> maker) {
    Map<String, JsonNode> touches = contacts.isEmpty() ? Map.of()
        : client.properties("contacts", contacts.values().stream().distinct().toList(), TOUCH_PROPERTIES);
    List<Object[]> rows = new ArrayList<>();
    objects.forEach((id, o) -> {
      String contact = contacts.get(id);
      rows.add(maker.row(new CrmObject(o, contact, defaultCurrency, contact == null ? null : touches.get(contact),
          zone)));
    });
    return rows;
  }

  /** Whether {@code o} is a deal that closed before {@code startDate}, which the source leaves out. */
  private boolean closedBeforeStart(String object, JsonNode o) {
    if (startDate == null || !object.equals("deals")) {
      return false;
    }
    LocalDateTime closed = Json.isoInstant(Json.text(o.path("properties"), "closedate"));
    return closed != null && closed.toLocalDate().isBefore(startDate);
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
