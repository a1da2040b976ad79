package org.marketingsql.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.marketingsql.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that talks HTTP to an API (DESIGN 2.3): GETs JSON with a bearer token, retrying
 * rate limits (429), server errors (5xx), timeouts and network errors with back-off as
 * {@link RetryPolicy} says, and failing with an {@link ApiException} that names the endpoint.
 * The token goes into the {@code Authorization} header and nowhere else: not into a message, a log
 * line or an exception.
 */
public final class ApiHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHttpClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final URI root;
  private final Secret token;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final HttpClient http;

  /**
   * @param api the API's name for messages ({@code stripe})
   * @param root the host root, e.g. {@code https://api.stripe.com}; paths are appended to it
   * @param token sent as {@code Authorization: Bearer …}
   */
  public ApiHttpClient(String api, URI root, Secret token, RetryPolicy policy, Sleeper sleeper) {
    this.api = Objects.requireNonNull(api, "api");
    this.root = Objects.requireNonNull(root, "root");
    this.token = Objects.requireNonNull(token, "token");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    String scheme = String.valueOf(root.getScheme());
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(api + " endpoint must be an http(s) URL, not " + root);
    }
    this.http = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * GETs {@code path} with the query parameters (in their order, URL-encoded) and parses the JSON.
   *
   * @throws ApiException when the API refuses, keeps failing after the retries, or answers non-JSON
   */
  public JsonNode get(String path, Map<String, String> query) {
    String endpoint = "GET " + path;
    URI uri = URI.create(stripSlash(root.toString()) + path + queryString(query));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(policy.requestTimeout())
        .header("Authorization", "Bearer " + token.reveal())
        .header("Accept", "application/json")
        .GET().build();
    int status = 0;
    Exception lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      Duration hint = null;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        status = response.statusCode();
        if (status / 100 == 2) {
          return parse(endpoint, response.body());
        }
        if (status == 401 || status == 403) {
          throw new ApiException(ApiException.Kind.UNAUTHORIZED, endpoint, status, api + " " + endpoint
              + ": the API refused the credential " + token.reference() + " (HTTP " + status
              + "); it may be revoked, expired or lack a permission — issue a new one and point the reference at it", null);
        }
        if (status != 429 && status / 100 != 5) {
          throw new ApiException(ApiException.Kind.REJECTED, endpoint, status, api + " " + endpoint
              + " was refused with HTTP " + status + ": " + excerpt(response.body()), null);
        }
        hint = retryAfter(response);
        lastFailure = null;
        LOG.debug("{} {}: HTTP {} on attempt {}", api, endpoint, status, attempt);
      } catch (IOException e) {
        lastFailure = e;
        LOG.debug("{} {}: {} on attempt {}", api, endpoint, e.getClass().getSimpleName(), attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ApiException.Kind.UNAVAILABLE, endpoint, status, api + " " + endpoint + " was interrupted", e);
      }
      if (attempt >= policy.maxAttempts()) {
        String what = lastFailure != null ? describe(lastFailure) : "HTTP " + status;
        throw new ApiException(ApiException.Kind.UNAVAILABLE, endpoint, lastFailure != null ? 0 : status,
            api + " " + endpoint + " failed " + attempt + " times, last with " + what + "; try the sync again later",
            lastFailure);
      }
      Duration wait = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
      if (hint != null && hint.compareTo(wait) > 0) {
        wait = hint.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : hint;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ApiException.Kind.UNAVAILABLE, endpoint, status, api + " " + endpoint + " was interrupted", e);
      }
    }
  }

  private JsonNode parse(String endpoint, String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(ApiException.Kind.MALFORMED, endpoint, 200, api + " " + endpoint
            + " answered with something other than a JSON object: " + excerpt(body), null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(ApiException.Kind.MALFORMED, endpoint, 200, api + " " + endpoint
          + " answered with malformed JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** {@code Retry-After} in seconds; the HTTP-date form is rare in APIs and falls back to our own back-off. */
  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
  }

  private static String describe(Exception e) {
    return e instanceof java.net.http.HttpTimeoutException ? "a timeout" : e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  /** The start of a response body for a message, with the token masked should an API echo it. */
  private String excerpt(String body) {
    String text = body == null ? "" : body.replace(token.reveal(), "***").strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static String queryString(Map<String, String> query) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : query.entrySet()) {
      out.append(out.length() == 0 ? '?' : '&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
