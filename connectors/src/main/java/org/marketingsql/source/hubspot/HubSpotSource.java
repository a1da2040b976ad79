package org.marketingsql.source.hubspot;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.export.OrderExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/** A {@code hubspot} source: deals and contacts, read with a private app's access token. */
public final class HubSpotSource implements ApiSource {
  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "hubspot";
  /** The {@code hubspot} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("hubspot", PLATFORM, true, 0, false, List.of(
          SourceKey.secret("accessToken", "The access token of a private app with the CRM read scopes."),
          SourceKey.optional("startDate", "Deals closed before this day, e.g. 2025-01-01, are left out (open deals and"
              + " contacts are kept).", "every deal")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "HubSpot",
      "A HubSpot account's deals and contacts, read with a private app's access token.",
      HubSpotTables.definitions(), List.of(OrderExportFormat.hubSpotDeals()),
      (config, policy, sleeper, clock) -> new HubSpotSource(config, policy, sleeper, clock.getZone()));
  /** HubSpot's API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://api.hubapi.com";

  private final List<ApiTable> tables;
  private final ApiHttpClient http;

  public HubSpotSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, java.time.ZoneOffset.UTC);
  }

  /** @param zone the reporting time zone: a deal's order_date is its close date's day there */
  public HubSpotSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, java.time.ZoneId zone) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not hubspot");
    }
    Secret token = config.secret("accessToken");
    ApiHttpClient http = ApiConnection.of("hubspot", config, DEFAULT_ENDPOINT, policy, sleeper).bearer(token);
    this.http = http;
    this.tables = new HubSpotTables(new HubSpotClient(http), config.currency(), config.dateSetting("startDate"), zone)
        .all();
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** One cheap authenticated call (a page of one deal), for check: proves token, scope and reach, changes nothing. */
  @Override
  public void probe() {
    http.get("/crm/v3/objects/deals", Map.of("limit", "1"));
  }
}
