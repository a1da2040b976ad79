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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.marketingsql.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that talks HTTP to an API: sends JSON requests with a bearer token
 * and the API's own headers, retrying rate limits (429), server errors (5xx), timeouts and network
 * errors with back-off as {@link RetryPolicy} says, renewing an OAuth2 access token once on 401,
 * and failing with an {@link ApiException} that names the endpoint. Tokens go into the
 * {@code Authorization} header and nowhere else: not into a message, a log line or an exception.
 */
public final class ApiHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHttpClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final URI root;
  private final Credential credential;
  private final Map<String, String> headers;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final ResponseRules rules;
  private final HttpClient http;
  private final ErrorReader errors;

  /**
   * Finds the API's own explanation in an error body (Google's {@code error.status} and
   * {@code error.message}, Microsoft's {@code OperationErrors}), so a message shows that rather than
   * the body's first characters.
   */
  @FunctionalInterface
  public interface ErrorReader {
    /** @return the explanation, or null when the body is not in the API's error shape */
    String explain(String body);
  }

  /**
   * @param api the API's name for messages ({@code stripe})
   * @param root the host root, e.g. {@code https://api.stripe.com}; paths are appended to it
   * @param token sent as {@code Authorization: Bearer …}
   */
  public ApiHttpClient(String api, URI root, Secret token, RetryPolicy policy, Sleeper sleeper) {
    this(api, root, Credential.fixed(token), Map.of(), policy, sleeper);
  }

  /**
   * @param credential the access token to send, and how to renew it
   * @param headers sent with every call to the API (e.g. {@code developer-token}); values are not logged
   */
  public ApiHttpClient(String api, URI root, Credential credential, Map<String, String> headers, RetryPolicy policy,
      Sleeper sleeper) {
    this(api, root, credential, headers, policy, sleeper, ResponseRules.BY_STATUS);
  }

  /**
   * @param rules how the API signals rate limits, refused tokens and hopeless requests beyond the status,
   *     and when it asks for a pause
   */
  public ApiHttpClient(String api, URI root, Credential credential, Map<String, String> headers, RetryPolicy policy,
      Sleeper sleeper, ResponseRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.api = Objects.requireNonNull(api, "api");
    this.root = Objects.requireNonNull(root, "root");
    this.credential = Objects.requireNonNull(credential, "credential");
    this.headers = Map.copyOf(headers);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    requireHttp(api, root);
    this.http = HttpClient.newBuilder().connectTimeout(policy.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.errors = body -> null;
  }

  private ApiHttpClient(ApiHttpClient base, ErrorReader errors) {
    this.api = base.api;
    this.root = base.root;
    this.credential = base.credential;
    this.headers = base.headers;
    this.policy = base.policy;
    this.sleeper = base.sleeper;
    this.http = base.http;
    this.rules = base.rules;
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  /** The same client, explaining refusals with the API's own words as {@code errors} finds them. */
  public ApiHttpClient withErrorReader(ErrorReader errors) {
    return new ApiHttpClient(this, errors);
  }

  /**
   * GETs {@code path} with the query parameters (in their order, URL-encoded) and parses the JSON object.
   *
   * @throws ApiException when the API refuses, keeps failing after the retries, or answers non-JSON
   */
  public JsonNode get(String path, Map<String, String> query) {
    URI uri = URI.create(stripSlash(root.toString()) + path + queryString(query));
    JsonNode node = parse("GET " + path, send("GET " + path, uri, true, b -> b.GET()), false);
    return node;
  }

  /**
   * GETs {@code path} with a query string already encoded as the API wants it, sent as it is: Rest.li
   * 2.0 (LinkedIn) needs its {@code (…)} and {@code :} structure unencoded while the values inside are
   * encoded, which {@link #get(String, Map)} cannot express.
   *
   * @param rawQuery the part after {@code ?}, without it; empty for none
   */
  public JsonNode getRaw(String path, String rawQuery) {
    Objects.requireNonNull(rawQuery, "rawQuery");
    URI uri = URI.create(stripSlash(root.toString()) + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
    return parse("GET " + path, send("GET " + path, uri, true, b -> b.GET()), false);
  }

  /**
   * POSTs a form to {@code path} on the API with the bearer token (Meta's asynchronous report runs
   * take their parameters so).
   */
  public JsonNode postForm(String path, Map<String, String> form) {
    URI uri = URI.create(stripSlash(root.toString()) + path);
    String text = queryString(form).substring(form.isEmpty() ? 0 : 1);
    return parse("POST " + path, send("POST " + path, uri, true, b -> b.header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))),
        false);
  }

  /**
   * POSTs {@code body} as JSON to {@code path} and parses the answer, an object or (Google Ads'
   * {@code searchStream}) an array.
   */
  public JsonNode post(String path, Map<String, String> query, JsonNode body) {
    Objects.requireNonNull(body, "body");
    URI uri = URI.create(stripSlash(root.toString()) + path + queryString(query));
    String text = body.toString();
    return parse("POST " + path, send("POST " + path, uri, true, b -> b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))), true);
  }

  /**
   * POSTs a form to an absolute URL without the bearer token: an OAuth2 token endpoint. Usable as
   * {@link OAuth2RefreshToken.TokenPoster}.
   *
   * @param mask values (client secret, refresh token) to hide should the endpoint echo them
   */
  public JsonNode postForm(URI url, Map<String, String> form, List<Secret> mask) {
    requireHttp(api, url);
    String endpoint = "POST " + url.getPath();
    String text = queryString(form).substring(form.isEmpty() ? 0 : 1);
    String body = send(endpoint, url, false, b -> b.header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), mask);
    return parse(endpoint, body, false);
  }

  /**
   * GETs a file (a report the API prepared) from an absolute URL. Download URLs are often pre-signed
   * storage links that refuse a bearer token, so {@code authorized} says whether to send it.
   */
  public byte[] download(URI url, boolean authorized) {
    requireHttp(api, url);
    String endpoint = "GET " + url.getPath();
    return sendFor(endpoint, url, authorized, b -> b.GET(), HttpResponse.BodyHandlers.ofByteArray(), List.of());
  }

  private String send(String endpoint, URI uri, boolean authorized,
      UnaryOperator<HttpRequest.Builder> method) {
    return send(endpoint, uri, authorized, method, List.of());
  }

  private String send(String endpoint, URI uri, boolean authorized,
      UnaryOperator<HttpRequest.Builder> method, List<Secret> mask) {
    return sendFor(endpoint, uri, authorized, method, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), mask);
  }

  private <T> T sendFor(String endpoint, URI uri, boolean authorized,
      UnaryOperator<HttpRequest.Builder> method, HttpResponse.BodyHandler<T> handler,
      List<Secret> mask) {
    int status = 0;
    Exception lastFailure = null;
    boolean renewed = false;
    for (int attempt = 1; ; attempt++) {
      Duration hint = null;
      Secret token = null;
      try {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(policy.requestTimeout())
            .header("Accept", "application/json");
        if (authorized) {
          token = credential.accessToken();
          builder.header("Authorization", "Bearer " + token.reveal());
          headers.forEach(builder::header);
        }
        HttpResponse<T> response = http.send(method.apply(builder).build(), handler);
        status = response.statusCode();
        Duration pause = rules.pause(status, response.headers());
        if (status / 100 == 2) {
          if (pause != null && !pause.isNegative() && !pause.isZero()) {
            LOG.debug("{} {}: the API reports its quota nearly spent, pausing {}", api, endpoint, pause);
            sleeper.sleep(pause.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : pause);
          }
          return response.body();
        }
        ResponseRules.Verdict verdict = rules.classify(status, text(response.body()));
        if (verdict == ResponseRules.Verdict.UNAUTHORIZED && authorized && !renewed && credential.renew()) {
          renewed = true;
          attempt--;
          LOG.debug("{} {}: the API refused the token, renewed it", api, endpoint);
          continue;
        }
        if (verdict == ResponseRules.Verdict.UNAUTHORIZED || verdict == ResponseRules.Verdict.REJECTED) {
          boolean refused = verdict == ResponseRules.Verdict.UNAUTHORIZED && authorized;
          throw new ApiException(refused ? ApiException.Kind.UNAUTHORIZED : ApiException.Kind.REJECTED, endpoint,
              status, refused ? api + " " + endpoint + ": the API refused the credential " + token.reference()
                  + " (HTTP " + status + "); it may be revoked, expired or lack a permission — issue a new one and"
                  + " point the reference at it: " + excerpt(response.body(), mask)
                  : api + " " + endpoint + " was refused with HTTP " + status + ": " + excerpt(response.body(), mask),
              null);
        }
        boolean retry = verdict == ResponseRules.Verdict.RETRY;
        if (!retry && status == 401 && authorized && !renewed && credential.renew()) {
          renewed = true;
          attempt--;
          LOG.debug("{} {}: HTTP 401, renewed the access token", api, endpoint);
          continue;
        }
        if (!retry && authorized && (status == 401 || status == 403)) {
          throw new ApiException(ApiException.Kind.UNAUTHORIZED, endpoint, status, api + " " + endpoint
              + ": the API refused the credential " + token.reference() + " (HTTP " + status
              + "); it may be revoked, expired or lack a permission — issue a new one and point the reference at it: "
              + excerpt(response.body(), mask), null);
        }
        if (!retry && status != 429 && status / 100 != 5) {
          throw new ApiException(ApiException.Kind.REJECTED, endpoint, status, api + " " + endpoint
              + " was refused with HTTP " + status + ": " + excerpt(response.body(), mask), null);
        }
        hint = retryAfter(response);
        if (pause != null && (hint == null || pause.compareTo(hint) > 0)) {
          hint = pause;
        }
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

  private static void requireHttp(String api, URI url) {
    String scheme = String.valueOf(url.getScheme());
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(api + " endpoint must be an http(s) URL, not " + url);
    }
  }

  private JsonNode parse(String endpoint, String body, boolean arrayAllowed) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !(node.isObject() || arrayAllowed && node.isArray())) {
        throw new ApiException(ApiException.Kind.MALFORMED, endpoint, 200, api + " " + endpoint
            + " answered with something other than a JSON object: " + excerpt(body, List.of()), null);
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
    return e instanceof HttpTimeoutException ? "a timeout" : e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  private static String text(Object body) {
    return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body == null ? "" : body.toString();
  }

  /** The start of a response body for a message, with every credential masked should an API echo it. */
  private String excerpt(Object response, List<Secret> mask) {
    String text = response instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
        : response == null ? "" : response.toString();
    try {
      String explained = errors.explain(text);
      if (explained != null && !explained.isBlank()) {
        text = explained;
      }
    } catch (RuntimeException e) {
      // not the API's error shape after all: show the body's start
    }
    for (Secret secret : credential.secrets()) {
      text = text.replace(secret.reveal(), "***");
    }
    for (Secret secret : mask) {
      text = text.replace(secret.reveal(), "***");
    }
    text = text.strip();
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
