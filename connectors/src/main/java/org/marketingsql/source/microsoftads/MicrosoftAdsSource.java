package org.marketingsql.source.microsoftads;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;
import org.marketingsql.source.AccountTables;
import org.marketingsql.source.AdAccount;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Credential;
import org.marketingsql.source.http.OAuth2RefreshToken;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code microsoft-ads} source: the daily campaign performance and conversions by goal of every account it lists
 * ({@code accountIds}, or one {@code accountId}; {@link AccountTables} reads each), read with Microsoft
 * Advertising's Reporting service v13 (REST), each report in the account's own time zone, an OAuth2 refresh token from the Microsoft identity
 * platform and the developer token, customer id and account id in the {@code DeveloperToken},
 * {@code CustomerId} and {@code CustomerAccountId} headers.
 */
public final class MicrosoftAdsSource implements ApiSource {
  /** The Reporting service's host; {@code endpoint} overrides it (and the Customer Management host). */
  public static final String DEFAULT_ENDPOINT = "https://reporting.api.bingads.microsoft.com";
  /** The Customer Management service's host, which {@link #probe()} calls. */
  public static final String DEFAULT_CUSTOMER_ENDPOINT = "https://clientcenter.api.bingads.microsoft.com";
  /** The Microsoft identity platform's token endpoint; the {@code tokenEndpoint} setting overrides it. */
  public static final String DEFAULT_TOKEN_ENDPOINT = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
  /** The scope Microsoft Advertising's documentation asks a refresh for. */
  public static final String SCOPE = "https://ads.microsoft.com/msads.manage offline_access";
  static final String USER_QUERY = "/CustomerManagement/v13/User/Query";
  /** Customer Management's {@code GetAccount}: an account's name, currency and time zone. */
  private static final Logger LOG = LoggerFactory.getLogger(MicrosoftAdsSource.class);
  static final String ACCOUNT_QUERY = "/CustomerManagement/v13/Account/Query";
  /** Campaign Management's host, whose GetConversionGoalsByIds says which goals are excluded from bidding. */
  public static final String DEFAULT_CAMPAIGN_ENDPOINT = "https://campaign.api.bingads.microsoft.com";
  /** GetConversionGoalsByIds in its REST form. */
  static final String GOALS_QUERY = "/CampaignManagement/v13/ConversionGoals/QueryByIds";
  /** Every ConversionGoalType, so that no ConversionGoalIds asks for all of the account's goals. */
  static final String GOAL_TYPES = "Url,Duration,PagesViewedPerVisit,Event,AppInstall,OfflineConversion,"
      + "InStoreTransaction";
  /**
   * Polls 5 s apart, up to 10 minutes: reports of a year by day usually take seconds to a minute. The system property
   * {@code marketingsql.microsoftAds.pollMillis} is for tests only: their recorded reports are ready at the first poll.
   */
  static final Duration POLL_INTERVAL = Duration.ofMillis(Long.getLong("marketingsql.microsoftAds.pollMillis", 5_000));
  static final int MAX_POLLS = 120;

  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "microsoft_ads";
  /** Days re-read on every sync: Microsoft Advertising's default conversion window, 30 days. */
  static final int RESTATEMENT_DAYS = 30;
  /** Microsoft Advertising keeps daily campaign performance data for 36 months. */
  static final Period HISTORY = Period.ofMonths(36);
  /** The {@code microsoft-ads} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("microsoft-ads", PLATFORM, true, RESTATEMENT_DAYS, true, List.of(
          SourceKey.optional("accountIds", "The ad account ids read (numbers), a list such as [150123456, 150234567].",
              "accountId"),
          SourceKey.optional("accountId", "The one ad account id read (a number).", null),
          SourceKey.required("customerId", "The customer id the accounts belong to (a number)."),
          SourceKey.secret("developerToken", "The developer token of your Microsoft Advertising API access."),
          SourceKey.required("clientId", "The application (client) id of your Microsoft Entra app."),
          SourceKey.secret("clientSecret", "The client secret of that app."),
          SourceKey.secret("refreshToken", "An OAuth2 refresh token of a user with access to the account."),
          SourceKey.optional("tokenEndpoint", "The OAuth2 token endpoint.", DEFAULT_TOKEN_ENDPOINT),
          SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2025-01-01; at most 36 months back.",
              MicrosoftAdsTables.DEFAULT_HISTORY_DAYS + " days back"),
          PrimaryConversions.key("the goals Microsoft counts in its Conversions column (those not excluded from"
              + " bidding)")));
  /** Microsoft Advertising's reports, downloaded by hand into an export folder or by a sync from the Reporting API. */
  static final AdExportFormat EXPORT = AdExportFormat.microsoftAds(PLATFORM);
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "Microsoft Advertising",
      "Microsoft Advertising accounts' daily campaign performance and conversions by campaign and goal, read with the Reporting service v13 and an OAuth2 refresh token of the Microsoft identity platform.",
      AccountTables.definitions(MicrosoftAdsTables.definitions()), List.of(EXPORT),
      (config, policy, sleeper, clock) -> new MicrosoftAdsSource(config, policy, sleeper))
      .keepsHistory(HISTORY);
  private final ApiHttpClient customers;
  private final List<ApiTable> tables;

  public MicrosoftAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, Clock.systemUTC(), POLL_INTERVAL, MAX_POLLS);
  }

  MicrosoftAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock, Duration pollInterval,
      int maxPolls) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key()
          + ", not microsoft-ads");
    }
    List<Long> accountIds = new ArrayList<>();
    for (String id : AccountTables.listed(config, "accountIds", "accountId")) {
      long parsed = id(config, id, config.settings().get("accountIds") != null ? "accountIds" : "accountId");
      if (!accountIds.contains(parsed)) {
        accountIds.add(parsed);
      }
    }
    if (accountIds.isEmpty()) {
      throw new IllegalArgumentException("source " + config.name() + " needs accountIds (or accountId)");
    }
    long customerId = id(config, config.setting("customerId"), "customerId");
    ApiConnection connection = ApiConnection.of("microsoft-ads", config, DEFAULT_ENDPOINT, policy, sleeper)
        .withErrorReader(MicrosoftAdsClient::explainBody);
    OAuth2RefreshToken credential = connection.refreshToken(DEFAULT_TOKEN_ENDPOINT, SCOPE, clock);
    Secret developerToken = config.secret("developerToken");
    Credential masked = Credential.masking(credential, developerToken);
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays()
        : config.lookbackDays();
    List<AccountTables.Reader> readers = new ArrayList<>();
    ApiHttpClient first = null;
    for (long accountId : accountIds) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("DeveloperToken", developerToken.reveal());
      headers.put("CustomerId", Long.toString(customerId));
      headers.put("CustomerAccountId", Long.toString(accountId));
      ApiHttpClient http = connection.client(masked, headers);
      ApiHttpClient customers = connection.client(DEFAULT_CUSTOMER_ENDPOINT, masked, headers);
      ApiHttpClient campaigns = connection.client(DEFAULT_CAMPAIGN_ENDPOINT, masked, headers);
      first = first == null ? customers : first;
      Account account = new Account(accountId, customers);
      readers.add(account.with(new MicrosoftAdsTables(new MicrosoftAdsClient(http, sleeper, pollInterval, maxPolls),
          accountId, lookback, config.dateSetting("startDate"), config.currency(), clock, account::zone,
          () -> account.account().currency(), () -> excludedFromBidding(campaigns, accountId)).all()));
    }
    this.customers = first;
    this.tables = AccountTables.of("microsoft-ads", PLATFORM, readers.get(0).tables(), () -> readers);
  }

  /**
   * One account: Customer Management's {@code GetAccount} ({@code POST Account/Query}) gives its name,
   * currency and time zone, read once; its report is asked in that time zone.
   */
  private static final class Account implements AccountTables.Reader {
    private final long id;
    private final ApiHttpClient customers;
    private List<ApiTable> tables;
    private AdAccount described;
    private MicrosoftAdsTables.Zone zone;

    Account(long id, ApiHttpClient customers) {
      this.id = id;
      this.customers = Objects.requireNonNull(customers, "customers");
    }

    Account with(List<ApiTable> own) {
      this.tables = List.copyOf(own);
      return this;
    }

    @Override
    public List<ApiTable> tables() {
      return tables;
    }

    @Override
    public synchronized AdAccount account() {
      if (described == null) {
        JsonNode account = customers.post(ACCOUNT_QUERY, Map.of(),
            JsonNodeFactory.instance.objectNode().put("AccountId", id)).path("Account");
        if (!account.isObject()) {
          throw ApiException.malformed("microsoft-ads", "POST " + ACCOUNT_QUERY, "the Account");
        }
        String name = account.path("TimeZone").asText("");
        MicrosoftTimeZones.Entry known = MicrosoftTimeZones.ofAccount(name).orElseThrow(() -> ApiException.of(
            ApiException.Kind.MALFORMED, "POST " + ACCOUNT_QUERY, 200, "microsoft-ads POST " + ACCOUNT_QUERY
                + " gave account " + id + " the time zone '" + name + "', which is none of Customer Management's"
                + " TimeZoneType values known here"));
        ZoneId iana = known.iana();
        String currency = account.path("CurrencyCode").asText("");
        zone = new MicrosoftAdsTables.Zone(known.report(), iana);
        described = new AdAccount(Long.toString(id), account.path("Name").asText(null),
            currency.isEmpty() ? null : currency.toUpperCase(Locale.ROOT), iana);
      }
      return described;
    }

    MicrosoftAdsTables.Zone zone() {
      account();
      return zone;
    }
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /**
   * Each conversion goal's {@code ExcludeFromBidding}, by goal id, from Campaign Management's
   * {@code GetConversionGoalsByIds} ({@code POST ConversionGoals/QueryByIds} without ids: every goal of
   * every type of the account).
   *
   * @return null when Microsoft refuses the call for lack of permission (the user may read reports but
   *     not campaigns): the primary goals are then read from the report's numbers
   * @throws ApiException naming the endpoint when the call fails otherwise
   */
  static Map<String, Boolean> excludedFromBidding(ApiHttpClient campaigns, long accountId) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putNull("ConversionGoalIds");
    body.put("ConversionGoalTypes", GOAL_TYPES);
    body.putNull("ReturnAdditionalFields");
    JsonNode answer;
    try {
      answer = campaigns.post(GOALS_QUERY, Map.of(), body);
    } catch (ApiException e) {
      if (e.kind() == ApiException.Kind.UNAUTHORIZED) {
        LOG.warn("microsoft-ads account {}: POST {} was refused ({}); which goals are primary is read from the"
            + " report's numbers instead", accountId, GOALS_QUERY, e.getMessage());
        return null;
      }
      throw e;
    }
    JsonNode goals = answer.path("ConversionGoals");
    if (!goals.isArray()) {
      throw ApiException.malformed("microsoft-ads", "POST " + GOALS_QUERY, "the ConversionGoals");
    }
    Map<String, Boolean> excluded = new LinkedHashMap<>();
    for (JsonNode goal : goals) {
      String id = goal.path("Id").asText("");
      if (!id.isEmpty() && goal.path("ExcludeFromBidding").isBoolean()) {
        excluded.put(id, goal.path("ExcludeFromBidding").asBoolean());
      }
    }
    return excluded;
  }

  /**
   * A token refresh and Customer Management's {@code GetUser} for the signed-in user ({@code POST
   * /CustomerManagement/v13/User/Query} with no {@code UserId}), the call Microsoft's getting-started
   * guide makes first: proves the refresh token, client and developer token; reads nothing else and
   * changes nothing. Report access itself is proven only by a sync.
   */
  @Override
  public void probe() {
    customers.post(USER_QUERY, Map.of(), JsonNodeFactory.instance.objectNode());
  }

  private static long id(SourceConfig config, String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("source " + config.name() + " needs " + key);
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("source " + config.name() + ": " + key + " '" + value
          + "' is not a Microsoft Advertising id (digits, such as 123456789)", e);
    }
  }
}
