package org.marketingsql.source.googleads;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.Credential;
import org.marketingsql.source.http.OAuth2RefreshToken;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * A {@code google-ads} source: one customer's campaigns, ad groups and daily metrics, read with the
 * Google Ads API's REST {@code searchStream} and an OAuth2 refresh token, the developer token in the
 * {@code developer-token} header and, for a manager account, its id in {@code login-customer-id}.
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
          SourceKey.required("customerId", "The customer (account) id, e.g. 123-456-7890."),
          SourceKey.secret("developerToken", "The developer token of your Google Ads API access."),
          SourceKey.required("clientId", "The OAuth2 client id of your Google Cloud app."),
          SourceKey.secret("clientSecret", "The OAuth2 client secret of that app."),
          SourceKey.secret("refreshToken", "An OAuth2 refresh token of a user with access to the customer."),
          SourceKey.optional("loginCustomerId", "The manager account the customer is reached through, if any.", null),
          SourceKey.optional("tokenEndpoint", "The OAuth2 token endpoint.", DEFAULT_TOKEN_ENDPOINT),
          SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2025-01-01.",
              GoogleAdsTables.DEFAULT_HISTORY_DAYS + " days back"),
          PrimaryConversions.key("the actions Google counts in its conversions metric (include_in_conversions_metric)")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "Google Ads",
      "One Google Ads customer (account): its campaigns, ad groups, conversion actions and daily campaign, ad group, keyword and conversion-action metrics, read with the Google Ads API and an OAuth2 refresh token.",
      GoogleAdsTables.definitions(), List.of(AdExportFormat.googleAds(PLATFORM)),
      (config, policy, sleeper, clock) -> new GoogleAdsSource(config, policy, sleeper));
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
    String customerId = digits(config, "customerId", true);
    String loginCustomerId = digits(config, "loginCustomerId", false);
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
    this.client = new GoogleAdsClient(http, customerId);
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    this.tables = new GoogleAdsTables(client, lookback, config.dateSetting("startDate"), clock).all();
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** A token refresh and one row of the customer: proves every credential and the customer id, changes nothing. */
  @Override
  public void probe() {
    client.search("SELECT customer.id FROM customer LIMIT 1");
  }

  /** A customer id as Google wants it in paths and headers: digits only ({@code 123-456-7890} as pasted works). */
  private static String digits(SourceConfig config, String key, boolean required) {
    String value = config.setting(key);
    if (value == null || value.isBlank()) {
      if (required) {
        throw new IllegalArgumentException("source " + config.name() + " needs " + key);
      }
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
