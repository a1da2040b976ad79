package org.marketingsql.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;

/** The wiring every API source shares: its host root and its OAuth2 refresh-token credential. */
class ApiConnectionTest {
  private static final SourceType API = new SourceType("some-api", null, true, 0, false, List.of());

  private static SourceConfig source(String endpoint, Map<String, Secret> secrets, Map<String, Object> settings) {
    return new SourceConfig("ads", API, null, null, null, null, null, secrets, endpoint, null, false, settings);
  }

  @Test
  void theSourcesEndpointOverridesTheApisOwnHost() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertEquals(URI.create("https://api.example.com"), ApiConnection.of("some-api", source(null, Map.of(), Map.of()),
        "https://api.example.com", policy, Sleeper.REAL).root());
    assertEquals(URI.create("http://localhost:8089"), ApiConnection.of("some-api",
        source("http://localhost:8089", Map.of(), Map.of()), "https://api.example.com", policy, Sleeper.REAL).root());
  }

  @Test
  void aRefreshTokenCredentialNamesTheSourceAndTheKeyItLacks() {
    ApiConnection noClient = ApiConnection.of("some-api", source(null, Map.of(), Map.of()), "https://api.example.com",
        RetryPolicy.defaults(), Sleeper.REAL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> noClient.refreshToken("https://login.example.com/token", null, Clock.systemUTC()));
    assertEquals("source ads needs clientId", e.getMessage());
    ApiConnection noRefresh = ApiConnection.of("some-api", source(null,
        Map.of("clientSecret", Secret.of("env:S", "s")), Map.of("clientId", "app")), "https://api.example.com",
        RetryPolicy.defaults(), Sleeper.REAL);
    e = assertThrows(IllegalArgumentException.class,
        () -> noRefresh.refreshToken("https://login.example.com/token", null, Clock.systemUTC()));
    assertEquals("source ads needs refreshToken", e.getMessage());
  }
}
