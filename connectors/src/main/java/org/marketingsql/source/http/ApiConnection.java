package org.marketingsql.source.http;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;

/**
 * How one configured API source reaches its API, wired once for every platform: the host root (the
 * source's {@code endpoint}, else the API's own), the retry policy, how the API signals refusals, and
 * the OAuth2 refresh-token credential built from the source's {@code clientId}, {@code clientSecret},
 * {@code refreshToken} and {@code tokenEndpoint}. Each platform's source asks it for its HTTP clients.
 */
public final class ApiConnection {
  private final String api;
  private final SourceConfig config;
  private final URI root;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final ResponseRules rules;
  private final ApiHttpClient.ErrorReader errors;

  private ApiConnection(String api, SourceConfig config, URI root, RetryPolicy policy, Sleeper sleeper,
      ResponseRules rules, ApiHttpClient.ErrorReader errors) {
    this.api = Objects.requireNonNull(api, "api");
    this.config = Objects.requireNonNull(config, "config");
    this.root = Objects.requireNonNull(root, "root");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.errors = errors;
  }

  /**
   * @param api the API's name for messages ({@code google-ads})
   * @param config the source, whose {@code endpoint} overrides {@code defaultEndpoint}
   * @param defaultEndpoint the API's own host root, e.g. {@code https://api.stripe.com}
   */
  public static ApiConnection of(String api, SourceConfig config, String defaultEndpoint, RetryPolicy policy,
      Sleeper sleeper) {
    Objects.requireNonNull(config, "config");
    URI root = URI.create(config.endpoint() == null ? Objects.requireNonNull(defaultEndpoint, "defaultEndpoint")
        : config.endpoint());
    return new ApiConnection(api, config, root, policy, sleeper, ResponseRules.BY_STATUS, null);
  }

  /** The same connection, for an API that signals rate limits and refusals beyond the status (Meta's Graph API). */
  public ApiConnection withRules(ResponseRules apiRules) {
    return new ApiConnection(api, config, root, policy, sleeper, apiRules, errors);
  }

  /** The same connection, explaining refusals with the API's own words as {@code reader} finds them. */
  public ApiConnection withErrorReader(ApiHttpClient.ErrorReader reader) {
    return new ApiConnection(api, config, root, policy, sleeper, rules, Objects.requireNonNull(reader, "reader"));
  }

  /** The host root calls go to. */
  public URI root() {
    return root;
  }

  /** A client sending a fixed token (an API key, a private app's token) as {@code Authorization: Bearer}. */
  public ApiHttpClient bearer(Secret token) {
    return client(root, Credential.fixed(Objects.requireNonNull(token, "token")), Map.of());
  }

  /** A client of a public API that takes no credential; call it with {@code authorized} false. */
  public ApiHttpClient anonymous() {
    return client(root, Credential.none(), Map.of());
  }

  /** A client of the host root sending {@code credential}'s token and {@code headers} with every call. */
  public ApiHttpClient client(Credential credential, Map<String, String> headers) {
    return client(root, credential, headers);
  }

  /** A client of another host of the same API (Microsoft's Customer Management service), unless the source sets an endpoint. */
  public ApiHttpClient client(String defaultRoot, Credential credential, Map<String, String> headers) {
    return client(URI.create(config.endpoint() == null ? defaultRoot : config.endpoint()), credential, headers);
  }

  private ApiHttpClient client(URI host, Credential credential, Map<String, String> headers) {
    ApiHttpClient http = new ApiHttpClient(api, host, credential, headers, policy, sleeper, rules);
    return errors == null ? http : http.withErrorReader(errors);
  }

  /**
   * The OAuth2 refresh-token credential of the source: {@code clientId}, {@code clientSecret} and
   * {@code refreshToken} from its configuration, exchanged at its {@code tokenEndpoint} or the API's.
   *
   * @param scope null when the provider takes the scope from the original grant
   * @throws IllegalArgumentException naming the source and the key it lacks
   */
  public OAuth2RefreshToken refreshToken(String defaultTokenEndpoint, String scope, Clock clock) {
    String clientId = config.setting("clientId");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("source " + config.name() + " needs clientId");
    }
    Secret clientSecret = config.secret("clientSecret");
    Secret refreshToken = config.secret("refreshToken");
    String tokenEndpoint = config.setting("tokenEndpoint");
    ApiHttpClient tokens = client(root, Credential.fixed(refreshToken), Map.of());
    return new OAuth2RefreshToken(api, URI.create(tokenEndpoint == null ? defaultTokenEndpoint : tokenEndpoint),
        clientId.trim(), clientSecret, refreshToken, scope, tokens::postForm, clock);
  }
}
