package org.marketingsql.source.linkedinads;

import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.config.SourceType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;
import org.marketingsql.source.AccountTables;
import org.marketingsql.source.AdAccount;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.OAuth2RefreshToken;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * A {@code linkedin-ads} source: the analytics by campaign and day, campaigns and campaign groups of
 * every ad account it lists ({@code accountIds}, or one {@code accountId}; {@link AccountTables} reads each
 * table for each), read from LinkedIn's versioned Marketing API ({@code LinkedIn-Version}
 * {@value #VERSION}, Rest.li 2.0) with an OAuth2 refresh token.
 */
public final class LinkedInAdsSource implements ApiSource {
  /** LinkedIn's API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://api.linkedin.com";
  /** LinkedIn's token endpoint; {@code tokenEndpoint} overrides it. */
  public static final String DEFAULT_TOKEN_ENDPOINT = "https://www.linkedin.com/oauth/v2/accessToken";
  /** The Marketing API version sent as {@code LinkedIn-Version} (June 2026). */
  public static final String VERSION = "202606";

  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "linkedin_ads";
  /** Days re-read on every sync: LinkedIn's default post-click conversion window, 30 days. */
  static final int RESTATEMENT_DAYS = 30;
  /** LinkedIn keeps ad analytics without demographic pivots for 10 years. */
  static final Period HISTORY = Period.ofYears(10);
  /** The {@code linkedin-ads} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("linkedin-ads", PLATFORM, true, RESTATEMENT_DAYS, true, List.of(
          SourceKey.optional("accountIds", "The ad account numbers read, a list such as [507404993, 508111222].",
              "accountId"),
          SourceKey.optional("accountId", "The one ad account number read, e.g. 507404993.", null),
          SourceKey.required("clientId", "The client id of your LinkedIn app."),
          SourceKey.secret("clientSecret", "The client secret of that app."),
          SourceKey.secret("refreshToken", "An OAuth2 refresh token of a user with access to the account."),
          SourceKey.optional("tokenEndpoint", "The OAuth2 token endpoint.", DEFAULT_TOKEN_ENDPOINT),
          SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2025-01-01; at most 10 years back.",
              LinkedInAdsTables.FIRST_SYNC_DAYS + " days back"),
          PrimaryConversions.key("every conversion (LinkedIn counts them all in externalWebsiteConversions)")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "LinkedIn Ads",
      "LinkedIn ad accounts' campaign groups, campaigns and daily analytics, by campaign and by campaign and conversion, read from the Marketing API with an OAuth2 refresh token.",
      AccountTables.definitions(LinkedInAdsTables.definitions()), List.of(AdExportFormat.linkedInAds(PLATFORM)),
      (config, policy, sleeper, clock) -> new LinkedInAdsSource(config, policy, sleeper, clock))
      .keepsHistory(HISTORY);
  private final List<ApiTable> tables;
  private final LinkedInAdsClient client;
  private final OAuth2RefreshToken credential;

  public LinkedInAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, Clock.systemUTC());
  }

  LinkedInAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key()
          + ", not linkedin-ads");
    }
    ApiConnection connection = ApiConnection.of("linkedin-ads", config, DEFAULT_ENDPOINT, policy, sleeper);
    this.credential = connection.refreshToken(DEFAULT_TOKEN_ENDPOINT, null, clock);
    List<String> ids = new ArrayList<>();
    for (String id : AccountTables.listed(config, "accountIds", "accountId")) {
      ids.add(accountId(config.name(), id));
    }
    if (ids.isEmpty()) {
      accountId(config.name(), null);
    }
    ApiHttpClient http = connection.client(credential,
        Map.of("LinkedIn-Version", VERSION, "X-Restli-Protocol-Version", "2.0.0"));
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    LocalDate startDate = config.dateSetting("startDate");
    List<AccountTables.Reader> readers = ids.stream().distinct().<AccountTables.Reader>map(id -> {
      LinkedInAdsClient account = new LinkedInAdsClient(http, id);
      return new Account(account, new LinkedInAdsTables(account, lookback, startDate, clock).all());
    }).toList();
    this.client = ((Account) readers.get(0)).client();
    this.tables = AccountTables.of("linkedin-ads", PLATFORM, readers.get(0).tables(), () -> readers);
  }

  /**
   * One ad account: its client and tables. LinkedIn reports every account's days in UTC, whatever the
   * account's own settings, so that is the zone its days are in.
   */
  private record Account(LinkedInAdsClient client, List<ApiTable> tables) implements AccountTables.Reader {
    @Override
    public AdAccount account() {
      JsonNode account = client.account();
      String currency = account.path("currency").asText("");
      return new AdAccount(client.accountUrn().substring("urn:li:sponsoredAccount:".length()),
          account.path("name").asText(null), currency.isEmpty() ? null : currency.toUpperCase(Locale.ROOT),
          ZoneId.of("UTC"));
    }
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** A token refresh and {@code GET /rest/adAccounts/{id}}: proves the app, the token, account access and reach. */
  @Override
  public void probe() {
    credential.renew();
    client.account();
  }

  /** The ad account's number, from {@code 123}, {@code urn:li:sponsoredAccount:123}. */
  static String accountId(String source, String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("source " + source + " needs accountId (the ad account number, e.g. 507404993)");
    }
    String id = accountId.trim();
    id = id.startsWith("urn:li:sponsoredAccount:") ? id.substring("urn:li:sponsoredAccount:".length()) : id;
    if (!id.matches("\\d+")) {
      throw new IllegalArgumentException("source " + source + ": accountId '" + accountId
          + "' is not a LinkedIn ad account number such as 507404993");
    }
    return id;
  }
}
