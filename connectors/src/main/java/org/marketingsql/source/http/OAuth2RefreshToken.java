package org.marketingsql.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;

/**
 * The OAuth2 refresh-token grant (RFC 6749, section 6) that Google, Microsoft and LinkedIn use: the
 * configured refresh token is exchanged at the token endpoint for a short-lived access token, which
 * is renewed a minute before it expires and whenever the API answers 401. A refused refresh token
 * (HTTP 400 {@code invalid_grant}, 401) is an {@link ApiException.Kind#UNAUTHORIZED} naming the
 * reference to replace, never the value.
 */
public final class OAuth2RefreshToken implements Credential {
  private static final long EARLY_SECONDS = 60;

  private final String api;
  private final URI tokenEndpoint;
  private final String clientId;
  private final Secret clientSecret;
  private final Secret refreshToken;
  private final String scope;
  private final TokenPoster poster;
  private final Clock clock;
  private Secret current;
  private Instant expires = Instant.MIN;

  /** Posts the form to the token endpoint and returns the parsed JSON answer; {@link ApiHttpClient#postForm}. */
  @FunctionalInterface
  public interface TokenPoster {
    JsonNode post(URI tokenEndpoint, Map<String, String> form, List<Secret> mask);
  }

  /**
   * @param clientSecret null for public clients (LinkedIn's native PKCE apps have none)
   * @param scope null when the provider takes the scope from the original grant
   */
  public OAuth2RefreshToken(String api, URI tokenEndpoint, String clientId, Secret clientSecret, Secret refreshToken,
      String scope, TokenPoster poster, Clock clock) {
    this.api = Objects.requireNonNull(api, "api");
    this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = clientSecret;
    this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
    this.scope = scope;
    this.poster = Objects.requireNonNull(poster, "poster");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Secret accessToken() {
    if (current == null || !clock.instant().isBefore(expires.minusSeconds(EARLY_SECONDS))) {
      refresh();
    }
    return current;
  }

  @Override
  public synchronized boolean renew() {
    refresh();
    return true;
  }

  @Override
  public synchronized List<Secret> secrets() {
    List<Secret> all = new ArrayList<>();
    all.add(refreshToken);
    if (clientSecret != null) {
      all.add(clientSecret);
    }
    if (current != null) {
      all.add(current);
    }
    return all;
  }

  private void refresh() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken.reveal());
    form.put("client_id", clientId);
    if (clientSecret != null) {
      form.put("client_secret", clientSecret.reveal());
    }
    if (scope != null) {
      form.put("scope", scope);
    }
    JsonNode answer;
    try {
      answer = poster.post(tokenEndpoint, form, secrets());
    } catch (ApiException e) {
      if (e.kind() == ApiException.Kind.REJECTED || e.kind() == ApiException.Kind.UNAUTHORIZED) {
        throw new ApiException(ApiException.Kind.UNAUTHORIZED, e.endpoint(), e.status(), api
            + ": the token endpoint refused the refresh token " + refreshToken.reference() + " (HTTP " + e.status()
            + "); it expired or was revoked — authorise the app again and point the reference at the new token", e);
      }
      throw e;
    }
    JsonNode token = answer.get("access_token");
    if (token == null || !token.isTextual() || token.asText().isBlank()) {
      throw ApiException.malformed(api, "POST " + tokenEndpoint.getPath(), "an access_token");
    }
    current = Secret.of(refreshToken.reference() + " (access token)", token.asText());
    JsonNode expiresIn = answer.get("expires_in");
    long seconds = expiresIn != null && expiresIn.canConvertToLong() ? expiresIn.asLong() : 3600;
    expires = clock.instant().plusSeconds(seconds);
  }
}
