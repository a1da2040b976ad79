package org.marketingsql.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.testing.ApiStub;

/** The HTTP client's hook for what an API says beyond its status, its raw-query GET and its authorised form POST. */
class ResponseRulesTest {
  private static final String TOKEN = "token-value-never-shown-42";
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  private final List<Duration> waits = new ArrayList<>();

  /** A made-up API: code 7 in the body is a rate limit, code 8 a dead token, code 9 hopeless; header "used" in percent. */
  private static final ResponseRules RULES = new ResponseRules() {
    @Override
    public Verdict classify(int status, String body) {
      return body.contains("\"code\": 7") ? Verdict.RETRY : body.contains("\"code\": 8") ? Verdict.UNAUTHORIZED
          : body.contains("\"code\": 9") ? Verdict.REJECTED : Verdict.BY_STATUS;
    }

    @Override
    public Duration pause(int status, HttpHeaders headers) {
      return headers.firstValue("used").filter(v -> Integer.parseInt(v) >= 95).map(v -> Duration.ofSeconds(3))
          .orElse(null);
    }
  };

  private ApiHttpClient client(ResponseRules rules) {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new ApiHttpClient("api", URI.create(server.baseUrl()), Credential.fixed(Secret.of("${env:TOKEN}", TOKEN)),
        Map.of(), policy, waits::add, rules);
  }

  private void firstThenOk(int status, String body) {
    server.stubFor(get(urlPathEqualTo("/v1/x")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(status).withBody(body)).willSetStateTo("ok"));
    server.stubFor(get(urlPathEqualTo("/v1/x")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));
  }

  @Test
  void aRateLimitReportedAsHttp400IsRetriedWhenTheRulesSaySo() {
    firstThenOk(400, "{\"error\": {\"code\": 7}}");
    assertTrue(client(RULES).get("/v1/x", Map.of()).get("ok").asBoolean());
    server.verify(2, getRequestedFor(urlPathEqualTo("/v1/x")));
    assertEquals(1, waits.size());
  }

  @Test
  void withoutRulesTheSameHttp400FailsAtOnce() {
    firstThenOk(400, "{\"error\": {\"code\": 7}}");
    ApiException e = assertThrows(ApiException.class, () -> client(ResponseRules.BY_STATUS).get("/v1/x", Map.of()));
    assertEquals(ApiException.Kind.REJECTED, e.kind());
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/x")));
  }

  @Test
  void aTokenRefusedWithHttp400IsUnauthorizedNamingTheReferenceOnly() {
    firstThenOk(400, "{\"error\": {\"code\": 8, \"message\": \"bad token " + TOKEN + "\"}}");
    ApiException e = assertThrows(ApiException.class, () -> client(RULES).get("/v1/x", Map.of()));
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("refused the credential ${env:TOKEN} (HTTP 400)"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  @Test
  void aServerErrorTheRulesCallHopelessIsNotRetried() {
    firstThenOk(500, "{\"error\": {\"code\": 9}}");
    ApiException e = assertThrows(ApiException.class, () -> client(RULES).get("/v1/x", Map.of()));
    assertEquals(ApiException.Kind.REJECTED, e.kind());
    assertEquals(500, e.status());
    assertTrue(e.getMessage().contains("\"code\": 9"), "the API's error stays readable: " + e.getMessage());
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/x")));
  }

  @Test
  void anAnswerReportingTheQuotaNearlySpentPausesBeforeItIsReturned() {
    server.stubFor(get(urlPathEqualTo("/v1/x")).willReturn(aResponse().withStatus(200).withHeader("used", "97")
        .withBody("{\"ok\": true}")));
    client(RULES).get("/v1/x", Map.of());
    assertEquals(List.of(Duration.ofSeconds(3)), waits);
    server.stubFor(get(urlPathEqualTo("/v1/x")).willReturn(aResponse().withStatus(200).withHeader("used", "40")
        .withBody("{\"ok\": true}")));
    client(RULES).get("/v1/x", Map.of());
    assertEquals(1, waits.size(), "no pause below the threshold");
  }

  @Test
  void aRetriedAnswerWaitsAtLeastThePauseTheRulesAskFor() {
    server.stubFor(get(urlPathEqualTo("/v1/x")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("used", "99")).willSetStateTo("ok"));
    server.stubFor(get(urlPathEqualTo("/v1/x")).inScenario("s").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));
    client(RULES).get("/v1/x", Map.of());
    assertEquals(List.of(Duration.ofSeconds(3)), waits);
  }

  @Test
  void aRawQueryIsSentExactlyAsGiven() {
    server.stubFor(get(urlPathEqualTo("/rest/adAnalytics")).willReturn(aResponse().withStatus(200).withBody("{}")));
    client(RULES).getRaw("/rest/adAnalytics", "q=analytics&dateRange=(start:(year:2026,month:1,day:2))"
        + "&accounts=List(urn%3Ali%3AsponsoredAccount%3A1)");
    assertEquals("/rest/adAnalytics?q=analytics&dateRange=(start:(year:2026,month:1,day:2))"
            + "&accounts=List(urn%3Ali%3AsponsoredAccount%3A1)",
        server.findAll(getRequestedFor(urlPathEqualTo("/rest/adAnalytics"))).get(0).getUrl());
  }

  @Test
  void anAuthorisedFormPostCarriesTheTokenAndTheEncodedFields() {
    server.stubFor(post(urlPathEqualTo("/v1/runs")).willReturn(aResponse().withStatus(200).withBody("{\"id\": \"1\"}")));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("level", "campaign");
    form.put("time_range", "{\"since\":\"2026-01-01\"}");
    client(RULES).postForm("/v1/runs", form);
    server.verify(postRequestedFor(urlPathEqualTo("/v1/runs")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
        .withRequestBody(equalTo("level=campaign&time_range=%7B%22since%22%3A%222026-01-01%22%7D")));
  }
}
