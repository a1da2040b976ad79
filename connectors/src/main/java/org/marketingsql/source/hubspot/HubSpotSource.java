package org.marketingsql.source.hubspot;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/** A {@code hubspot} source: deals and contacts, read with a private app's access token. */
public final class HubSpotSource implements ApiSource {
  /** HubSpot's API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://api.hubapi.com";

  private final List<ApiTable> tables;
  private final ApiHttpClient http;

  public HubSpotSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    Objects.requireNonNull(config, "config");
    if (config.type() != SourceType.HUBSPOT) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not hubspot");
    }
    Secret token = config.secret("accessToken");
    ApiHttpClient http = new ApiHttpClient("hubspot", URI.create(config.endpoint() == null ? DEFAULT_ENDPOINT : config.endpoint()), token,
        policy, sleeper);
    this.http = http;
    this.tables = new HubSpotTables(new HubSpotClient(http), config.currency()).all();
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** One cheap authenticated call (a page of one deal), for check: proves token, scope and reach, changes nothing. */
  @Override
  public void probe() {
    http.get("/crm/v3/objects/deals", java.util.Map.of("limit", "1"));
  }
}
