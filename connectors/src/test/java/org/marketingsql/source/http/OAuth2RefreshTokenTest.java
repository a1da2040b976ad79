package org.marketingsql.source.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.testing.ApiStub;

class OAuth2RefreshTokenTest {
  private static final String REFRESH = "1//refresh-secret-value";
  private static final String CLIENT_SECRET = "client-secret-value";
  @RegisterExtension
  final ApiStub server = ApiStub.empty();
  private ApiHttpClient client;
  private MutableClock clock;

  @BeforeEach
  void start() {
    RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    ApiHttpClient tokens = new ApiHttpClient("google-ads", URI.create(server.baseUrl()),
        Secret.of("unused", "unused"), policy, d -> { });
    Credential credential = new OAuth2RefreshToken("google-ads", URI.create(server.baseUrl() + "/token"), "client-1",
        Secret.of("${env:CLIENT_SECRET}", CLIENT_SECRET), Secret.of("${env:REFRESH_TOKEN}", REFRESH), null,
        tokens::postForm, clock);
    client = new ApiHttpClient("google-ads", URI.create(server.baseUrl()), credential,
        Map.of("developer-token", "dev-123"), policy, d -> { });
  }

  private void tokenAnswers(String... accessTokens) {
    String state = Scenario.STARTED;
    for (int i = 0; i < accessTokens.length; i++) {
      String next = "token-" + (i + 1);
      server.stubFor(post(urlPathEqualTo("/token")).inScenario("t").whenScenarioStateIs(state)
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
              .withBody("{\"access_token\": \"" + accessTokens[i] + "\", \"expires_in\": 3599, \"token_type\": \"Bearer\"}"))
          .willSetStateTo(next));
      state = next;
    }
  }

  @Test
  void theRefreshTokenIsExchangedOnceAndTheAccessTokenAndHeadersGoWithEachCall() {
    tokenAnswers("ya29.first");
    server.stubFor(get(urlPathEqualTo("/v1/thing")).willReturn(aResponse().withStatus(200).withBody("{\"ok\": 1}")));
    client.get("/v1/thing", Map.of());
    client.get("/v1/thing", Map.of());
    server.verify(1, postRequestedFor(urlPathEqualTo("/token"))
        .withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=1%2F%2Frefresh-secret-value"))
        .withRequestBody(containing("client_id=client-1")));
    server.verify(2, getRequestedFor(urlPathEqualTo("/v1/thing")).withHeader("Authorization", equalTo("Bearer ya29.first"))
        .withHeader("developer-token", equalTo("dev-123")));
  }

  @Test
  void anAccessTokenAboutToExpireIsRenewedBeforeTheCall() {
    tokenAnswers("ya29.first", "ya29.second");
    server.stubFor(get(urlPathEqualTo("/v1/thing")).willReturn(aResponse().withStatus(200).withBody("{\"ok\": 1}")));
    client.get("/v1/thing", Map.of());
    clock.now = clock.now.plusSeconds(3560);
    client.get("/v1/thing", Map.of());
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/thing")).withHeader("Authorization", equalTo("Bearer ya29.second")));
  }

  @Test
  void aRefusedAccessTokenIsRenewedOnceAndTheCallRepeated() {
    tokenAnswers("ya29.revoked", "ya29.fresh");
    server.stubFor(get(urlPathEqualTo("/v1/thing")).withHeader("Authorization", equalTo("Bearer ya29.revoked"))
        .willReturn(aResponse().withStatus(401).withBody("{\"error\": \"UNAUTHENTICATED\"}")));
    server.stubFor(get(urlPathEqualTo("/v1/thing")).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
        .willReturn(aResponse().withStatus(200).withBody("{\"ok\": 2}")));
    assertEquals(2, client.get("/v1/thing", Map.of()).get("ok").asInt());
  }

  @Test
  void anExpiredRefreshTokenFailsAsUnauthorizedNamingItsReferenceButNeverTheSecrets() {
    server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(400)
        .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Token has been expired or revoked. "
            + REFRESH + "\"}")));
    ApiException e = assertThrows(ApiException.class, () -> client.get("/v1/thing", Map.of()));
    assertEquals(ApiException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("${env:REFRESH_TOKEN}"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(t.getMessage().contains(REFRESH) || t.getMessage().contains(CLIENT_SECRET), t.getMessage());
    }
    server.verify(0, getRequestedFor(urlPathEqualTo("/v1/thing")));
  }

  @Test
  void aJsonBodyIsPostedAndAnArrayAnswerIsAccepted() throws Exception {
    tokenAnswers("ya29.first");
    server.stubFor(post(urlPathEqualTo("/v1/search")).withRequestBody(equalToJson("{\"query\": \"SELECT 1\"}"))
        .willReturn(aResponse().withStatus(200).withBody("[{\"results\": []}, {\"results\": []}]")));
    JsonNode body = new ObjectMapper().readTree("{\"query\": \"SELECT 1\"}");
    JsonNode answer = client.post("/v1/search", Map.of(), body);
    assertTrue(answer.isArray());
    assertEquals(2, answer.size());
  }

  @Test
  void aDownloadReturnsTheBytesAndSendsNoTokenToAPresignedUrl() {
    server.stubFor(get(urlPathEqualTo("/blob/report.zip")).willReturn(aResponse().withStatus(200).withBody(new byte[] {1, 2, 3})));
    byte[] bytes = client.download(URI.create(server.baseUrl() + "/blob/report.zip?sig=abc"), false);
    assertEquals(3, bytes.length);
    server.verify(getRequestedFor(urlPathEqualTo("/blob/report.zip")).withoutHeader("Authorization"));
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
