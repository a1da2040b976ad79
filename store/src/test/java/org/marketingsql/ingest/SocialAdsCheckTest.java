package org.marketingsql.ingest;

import org.marketingsql.source.linkedinads.LinkedInAdsSource;
import org.marketingsql.source.metaads.MetaAdsSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.SocialAdStubs;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** {@code check} on Meta and LinkedIn sources: one cheap call each, and a refused credential named by reference. */
class SocialAdsCheckTest {
  @RegisterExtension
  final ApiStub server = ApiStub.empty();

  private List<ApiSync.Reach> check() {
    return check(Map.of("accountId", "1234567890"));
  }

  private List<ApiSync.Reach> check(Map<String, Object> metaSettings) {
    SourceConfig meta = new SourceConfig("meta", MetaAdsSource.TYPE, null, null, null, null, null,
        Map.of("accessToken", Secret.of("${env:META_TOKEN}", SocialAdStubs.META_TOKEN)), server.baseUrl(), null, false,
        metaSettings);
    SourceConfig linkedin = new SourceConfig("linkedin", LinkedInAdsSource.TYPE, null, null, null, null, null,
        Map.of("clientSecret", Secret.of("${env:LI_SECRET}", SocialAdStubs.LINKEDIN_SECRET),
            "refreshToken", Secret.of("${env:LI_REFRESH}", SocialAdStubs.LINKEDIN_REFRESH)), server.baseUrl(), null,
        false, Map.of("accountId", SocialAdStubs.LINKEDIN_ACCOUNT, "clientId", SocialAdStubs.LINKEDIN_CLIENT_ID,
            "tokenEndpoint", server.baseUrl() + SocialAdStubs.LINKEDIN_TOKEN_PATH));
    MarketingConfig config = new MarketingConfig("jdbc:duckdb:", "USD", ZoneOffset.UTC, 1, BigDecimal.ONE, null,
        List.of(meta, linkedin));
    return ApiSync.check(config, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(5),
        Duration.ofSeconds(10)), d -> { });
  }

  @Test
  void checkReachesBothSourcesWithOneAccountCallEachAndOneTokenRefresh() {
    SocialAdStubs.meta(server);
    SocialAdStubs.linkedin(server, "analytics.json", LocalDate.now(ZoneOffset.UTC));
    List<ApiSync.Reach> reach = check();
    assertEquals(List.of("meta meta-ads true", "linkedin linkedin-ads true"),
        reach.stream().map(r -> r.source() + " " + r.api() + " " + r.ok()).toList());
    assertEquals(3, server.findAll(anyRequestedFor(anyUrl())).size(), "Meta's account, LinkedIn's token and account");
  }

  @Test
  void aRefusedRefreshTokenFailsOnlyItsSourceNamingTheReference() {
    SocialAdStubs.meta(server);
    server.stubFor(post(urlPathEqualTo(SocialAdStubs.LINKEDIN_TOKEN_PATH)).willReturn(aResponse().withStatus(400)
        .withBody(ApiStubs.fixture("linkedin-ads/error_invalid_refresh_token.json"))));
    List<ApiSync.Reach> reach = check();
    assertTrue(reach.get(0).ok());
    assertTrue(!reach.get(1).ok() && reach.get(1).message().contains("${env:LI_REFRESH}"), reach.get(1).message());
  }

  @Test
  void aStartDateBeyondMetasThirtySevenMonthsIsRefusedByCheckWithoutCallingMeta() {
    SocialAdStubs.linkedin(server, "analytics.json", LocalDate.now(ZoneOffset.UTC));
    String tooEarly = LocalDate.now(ZoneOffset.UTC).minusMonths(37).minusDays(1).toString();
    List<ApiSync.Reach> reach = check(Map.of("accountId", "1234567890", "startDate", tooEarly));
    assertTrue(!reach.get(0).ok() && reach.get(0).message().startsWith("source meta: startDate " + tooEarly
        + " is further back than Meta Ads keeps its data (37 months"), reach.get(0).message());
    assertTrue(reach.get(1).ok(), "the other source is still checked");
    assertEquals(0, server.findAll(anyRequestedFor(urlPathEqualTo(SocialAdStubs.META + SocialAdStubs.META_ACCOUNT)))
        .size());
  }
}
