package org.marketingsql.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.testing.ApiStub;

class ApiHttpClientTest {
  private static final String TOKEN = "sk_test_secret_value_123";
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  private final List<Duration> waits = new ArrayList<>();
  private ApiHttpClient client;

  @BeforeEach
  void start() {
    // a request timeout a loaded machine's stub still meets; the timeout test delays well past it
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2),
        Duration.ofSeconds(1));
    client = new ApiHttpClient("stripe", URI.create(server.baseUrl()), Secret.of("${env:STRIPE_KEY}", TOKEN), policy,
        waits::add);
  }

  private void stubSequence(int first, String firstBody, Map<String, String> headers) {
    var response = aResponse().withStatus(first).withBody(firstBody);
    headers.forEach(response::withHeader);
    server.stubFor(get(urlPathEqualTo("/v1/charges")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(response).willSetStateTo("second"));
    server.stubFor(get(urlPathEqualTo("/v1/charges")).inScenario("s").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));
  }

  @Test
  void sendsTheTokenAsABearerHeaderAndEncodesTheQuery() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(200).withBody("{\"data\": []}")));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", "100");
    query.put("created[gte]", "1740000000");
    client.get("/v1/charges", query);
    server.verify(getRequestedFor(urlPathEqualTo("/v1/charges")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withQueryParam("created[gte]", equalTo("1740000000")));
  }

  @Test
  void a429IsRetriedAfterTheWaitRetryAfterAsksFor() {
    stubSequence(429, "{\"error\": {\"message\": \"Too many requests\"}}", Map.of("Retry-After", "2"));
    JsonNode answer = client.get("/v1/charges", Map.of());
    assertTrue(answer.get("ok").asBoolean());
    assertEquals(List.of(Duration.ofSeconds(2)), waits);
  }

  @Test
  void retryAfterLongerThanTheCapWaitsOnlyTheCap() {
    stubSequence(429, "{}", Map.of("Retry-After", "3600"));
    client.get("/v1/charges", Map.of());
    assertEquals(List.of(Duration.ofSeconds(5)), waits);
  }

  @Test
  void a500IsRetriedWithBackOffFromHalfASecond() {
    stubSequence(500, "oops", Map.of());
    assertTrue(client.get("/v1/charges", Map.of()).get("ok").asBoolean());
    assertEquals(1, waits.size());
    assertTrue(waits.get(0).toMillis() >= 250 && waits.get(0).toMillis() <= 500, "jittered from 500 ms: " + waits);
  }

  @Test
  void backOffDoublesUpToTheCap() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertEquals(Duration.ofMillis(500), policy.backoff(1, 1.0));
    assertEquals(Duration.ofMillis(1000), policy.backoff(2, 1.0));
    assertEquals(Duration.ofMillis(5000), policy.backoff(10, 1.0));
    assertEquals(Duration.ofMillis(250), policy.backoff(1, 0.0));
  }

  @Test
  void serverErrorsBeyondTheLastAttemptFailNamingTheEndpoint() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(503)));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of("limit", "100")));
    assertEquals(ApiException.Kind.UNAVAILABLE, e.kind());
    assertEquals("stripe GET /v1/charges failed 3 times, last with HTTP 503; try the sync again later", e.getMessage());
    assertEquals(2, waits.size());
    server.verify(3, getRequestedFor(urlPathEqualTo("/v1/charges")));
  }

  @Test
  void aTimeoutIsRetriedAndThenReportedAsATimeout() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(200).withBody("{}")
        .withFixedDelay(5000)));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of()));
    assertEquals(ApiException.Kind.UNAVAILABLE, e.kind());
    assertTrue(e.getMessage().contains("last with a timeout"), e.getMessage());
    assertTrue(e.getCause() instanceof HttpTimeoutException);
  }

  @Test
  void malformedJsonFailsAtOnceWithoutRetrying() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(200).withBody("{\"data\": [")));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of()));
    assertEquals(ApiException.Kind.MALFORMED, e.kind());
    assertTrue(e.getMessage().startsWith("stripe GET /v1/charges answered with malformed JSON"), e.getMessage());
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges")));
  }

  @Test
  void aRevokedTokenFailsAtOnceNamingItsReferenceNeverItsValue() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(401).withBody(
        "{\"error\": {\"message\": \"Invalid API Key provided: " + TOKEN + "\", \"type\": \"invalid_request_error\"}}")));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of()));
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("${env:STRIPE_KEY}"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(waits.isEmpty());
  }

  @Test
  void anotherClientErrorShowsTheApisMessageWithTheTokenMasked() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withStatus(400).withBody(
        "{\"error\": {\"message\": \"bad limit for " + TOKEN + "\"}}")));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of()));
    assertEquals(ApiException.Kind.REJECTED, e.kind());
    assertTrue(e.getMessage().contains("bad limit for ***"), e.getMessage());
  }

  @Test
  void aNetworkErrorIsRetriedAndReported() {
    server.stubFor(get(urlPathEqualTo("/v1/charges")).willReturn(aResponse().withFault(
        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/charges", Map.of()));
    assertEquals(ApiException.Kind.UNAVAILABLE, e.kind());
    assertEquals(0, e.status());
    assertEquals(2, waits.size());
  }
}
