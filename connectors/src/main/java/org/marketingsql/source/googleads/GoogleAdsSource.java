package org.marketingsql.source.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.AccountTables;
import org.marketingsql.source.AdAccount;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiException;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Credential;
import org.marketingsql.source.http.OAuth2RefreshToken;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * A {@code google-ads} source: the campaigns, ad groups and daily metrics of every customer it lists
 * ({@code customerIds}, or one {@code customerId}) or, when it lists none, of every enabled client account
 * directly under the manager {@code loginCustomerId}; read with the Google Ads API's REST
 * {@code searchStream} and an OAuth2 refresh token, the developer token in the {@code developer-token}
 * header and, for a manager account, its id in {@code login-customer-id}. {@link AccountTables} reads
 * every table for every customer.
 */
public final class GoogleAdsSource implements ApiSource {
  /** The Google Ads API version called; Google sunsets each about a year after release. */
  public static final String API_VERSION = "v26";
  /** Google Ads' API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://googleads.googleapis.com";
  /** Google's OAuth2 token endpoint; the {@code tokenEndpoint} setting overrides it. */
  public static final String DEFAULT_TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token";

  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "google_ads";
  /**
   * Days re-read on every sync: Google Ads' default conversion window, 30 days (a conversion action may
   * set up to 90; raise {@code lookbackDays} to match).
   */
  static final int RESTATEMENT_DAYS = 30;
  /** The {@code google-ads} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("google-ads", PLATFORM, true, RESTATEMENT_DAYS, true, List.of(
          SourceKey.optional("customerIds", "The customer (account) ids read, a list such as [123-456-7890, 234-567-8901].",
              "customerId, else every enabled client account under loginCustomerId"),
          SourceKey.optional("customerId", "The one customer (account) id read, e.g. 123-456-7890.", null),
          SourceKey.secret("developerToken", "The developer token of your Google Ads API access."),
          SourceKey.required("clientId", "The OAuth2 client id of your Google Cloud app."),
          SourceKey.secret("clientSecret", "The OAuth2 client secret of that app."),
          SourceKey.secret("refreshToken", "An OAuth2 refresh token of a user with access to the customer."),
          SourceKey.optional("loginCustomerId", "The manager account the customers are reached through, if any; without"
              + " customerIds or customerId, every enabled client account directly under it is read.", null),
          SourceKey.optional("tokenEndpoint", "The OAuth2 token endpoint.", DEFAULT_TOKEN_ENDPOINT),
          SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2025-01-01.",
              GoogleAdsTables.DEFAULT_HISTORY_DAYS + " days back"),
          PrimaryConversions.key("the actions Google counts in its conversions metric (include_in_conversions_metric)")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "Google Ads",
      "Google Ads customers (accounts), listed or every client account under a manager: their campaigns, ad groups, conversion actions and daily campaign, ad group, keyword and conversion-action metrics, read with the Google Ads API and an OAuth2 refresh token.",
      AccountTables.definitions(GoogleAdsTables.definitions()), List.of(AdExportFormat.googleAds(PLATFORM)),
      (config, policy, sleeper, clock) -> new GoogleAdsSource(config, policy, sleeper, clock));
  /**
   * The client accounts of a manager a source reads when it lists none: directly under it, not managers
   * themselves, enabled (GAQL on {@code customer_client}, read with the manager as login-customer-id).
   */
  static final String CLIENTS_QUERY = "SELECT customer_client.id, customer_client.descriptive_name,"
      + " customer_client.currency_code, customer_client.time_zone FROM customer_client"
      + " WHERE customer_client.level = 1 AND customer_client.manager = FALSE"
      + " AND customer_client.status = 'ENABLED'";
  /** The client the probe calls: the first listed customer, else the manager. */
  private final GoogleAdsClient client;
  private final List<ApiTable> tables;

  public GoogleAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, Clock.systemUTC());
  }

  GoogleAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not google-ads");
    }
    List<String> customerIds = customerIds(config);
    String loginCustomerId = digits(config, config.setting("loginCustomerId"), "loginCustomerId");
    if (customerIds.isEmpty() && loginCustomerId == null) {
      throw new IllegalArgumentException("source " + config.name() + " needs customerIds (or customerId), or the"
          + " manager account loginCustomerId whose client accounts it reads");
    }
    ApiConnection connection = ApiConnection.of("google-ads", config, DEFAULT_ENDPOINT, policy, sleeper)
        .withErrorReader(GoogleAdsClient::explainBody);
    OAuth2RefreshToken credential = connection.refreshToken(DEFAULT_TOKEN_ENDPOINT, null, clock);
    Secret developerToken = config.secret("developerToken");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("developer-token", developerToken.reveal());
    if (loginCustomerId != null) {
      headers.put("login-customer-id", loginCustomerId);
    }
    ApiHttpClient http = connection.client(Credential.masking(credential, developerToken), headers);
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    LocalDate startDate = config.dateSetting("startDate");
    Function<String, Account> open = id -> new Account(
        new GoogleAdsTables(new GoogleAdsClient(http, id), lookback, startDate, clock));
    this.client = new GoogleAdsClient(http, customerIds.isEmpty() ? loginCustomerId : customerIds.get(0));
    Supplier<List<AccountTables.Reader>> accounts;
    if (!customerIds.isEmpty()) {
      accounts = () -> customerIds.stream().<AccountTables.Reader>map(open).toList();
    } else {
      accounts = () -> clients(client, open);
    }
    this.tables = AccountTables.of("google-ads", PLATFORM, open.apply(this.client.customerId()).tables(), accounts);
  }

  /** One customer read through the manager's (or the user's own) access. */
  private record Account(GoogleAdsTables read) implements AccountTables.Reader {
    @Override
    public AdAccount account() {
      GoogleAdsTables.Customer c = read.customer();
      return new AdAccount(c.id(), c.name(), c.currency(), c.zone());
    }

    @Override
    public List<ApiTable> tables() {
      return read.all();
    }
  }

  /** Every enabled, non-manager client account directly under the manager, as {@link #CLIENTS_QUERY} lists them. */
  private static List<AccountTables.Reader> clients(GoogleAdsClient manager, Function<String, Account> open) {
    List<AccountTables.Reader> accounts = new ArrayList<>();
    for (JsonNode row : manager.search(CLIENTS_QUERY).rows()) {
      JsonNode c = row.path("customerClient");
      String id = c.path("id").asText("");
      if (!id.matches("\\d{1,20}")) {
        throw ApiException.malformed("google-ads", "POST customers/" + manager.customerId() + "/googleAds:searchStream",
            "customerClient.id on every client account");
      }
      Account account = open.apply(id);
      account.read().know(new GoogleAdsTables.Customer(id, text(c, "descriptiveName"), text(c, "currencyCode"),
          GoogleAdsTables.zone(text(c, "timeZone"))));
      accounts.add(account);
    }
    return accounts;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  /** {@code customerIds} (a YAML list or comma-separated), else {@code customerId}, as digits; empty when neither. */
  static List<String> customerIds(SourceConfig config) {
    List<String> ids = new ArrayList<>();
    for (String id : AccountTables.listed(config, "customerIds", "customerId")) {
      String digits = digits(config, id, config.settings().get("customerIds") != null ? "customerIds" : "customerId");
      if (!ids.contains(digits)) {
        ids.add(digits);
      }
    }
    return ids;
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /**
   * A token refresh and one row of the first customer (of the manager when the source lists none): proves
   * every credential and that id, changes nothing.
   */
  @Override
  public void probe() {
    client.search("SELECT customer.id FROM customer LIMIT 1");
  }

  /**
   * A customer id as Google wants it in paths and headers: digits only ({@code 123-456-7890} as pasted
   * works); null when blank.
   */
  private static String digits(SourceConfig config, String value, String key) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String digits = value.replaceAll("[\\s-]", "");
    if (!digits.matches("\\d{1,20}")) {
      throw new IllegalArgumentException("source " + config.name() + ": " + key + " '" + value
          + "' is not a Google Ads customer id such as 123-456-7890");
    }
    return digits;
  }
}
