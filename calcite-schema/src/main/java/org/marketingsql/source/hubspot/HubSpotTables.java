package org.marketingsql.source.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
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
 * The HubSpot tables. CRM v3 lists cannot filter by modification time (only the search API can, with
 * its own limits), so each sync reads the whole list and replaces the table; no cursor is kept.
 */
final class HubSpotTables {
  private static final List<String> DEAL_PROPERTIES = List.of("dealname", "amount", "closedate", "createdate",
      "dealstage", "pipeline", "deal_currency_code", "hs_is_closed_won", "hs_lastmodifieddate");
  private static final List<String> CONTACT_PROPERTIES = List.of("email", "firstname", "lastname", "lifecyclestage",
      "createdate", "lastmodifieddate");

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
        (cursor, progress) -> read("deals", DEAL_PROPERTIES, "contacts", progress, (o, p) -> {
          String stage = Json.text(p, "dealstage");
          boolean won = "true".equalsIgnoreCase(Json.text(p, "hs_is_closed_won")) || "closedwon".equals(stage);
          LocalDateTime closed = Json.isoInstant(Json.text(p, "closedate"));
          String currency = Json.text(p, "deal_currency_code");
          currency = currency == null || currency.isBlank() ? defaultCurrency : currency.trim().toUpperCase(Locale.ROOT);
          String id = o.get("id").asText();
          return new Object[] {id, id, firstContact(o), closed == null ? null : closed.toLocalDate(),
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
        (cursor, progress) -> read("contacts", CONTACT_PROPERTIES, null, progress, (o, p) -> new Object[] {
            o.get("id").asText(), Json.text(p, "email"), Json.text(p, "firstname"), Json.text(p, "lastname"),
            Json.text(p, "lifecyclestage"), Json.isoInstant(Json.text(o, "createdAt")),
            Json.isoInstant(Json.text(o, "updatedAt"))}), null);
  }

  private interface RowMaker {
    Object[] row(JsonNode object, JsonNode properties);
  }

  private Batch read(String object, List<String> properties, String associations, ApiTable.Progress progress,
      RowMaker maker) {
    List<Object[]> rows = new ArrayList<>();
    int pages = 0;
    for (Pages it = client.list(object, properties, associations); it.hasNext(); ) {
      JsonNode page = it.next();
      pages++;
      for (JsonNode o : page.get("results")) {
        if (!o.path("id").isValueNode() || o.path("id").asText().isEmpty()) {
          throw ApiException.malformed("hubspot", "GET /crm/v3/objects/" + object, "an id on every object");
        }
        rows.add(maker.row(o, o.path("properties")));
      }
      progress.page(pages, rows.size());
    }
    return new Batch(rows, Optional.empty(), pages, true);
  }

  private static String firstContact(JsonNode deal) {
    JsonNode first = deal.path("associations").path("contacts").path("results").path(0).path("id");
    return first.isValueNode() ? first.asText() : null;
  }
}
