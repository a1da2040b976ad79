package org.marketingsql.store;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.ingest.ApiSync;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.testing.ApiStub;
import org.marketingsql.testing.ApiStubs;

/** Syncs of one source that overlap: one at a time in a JVM, and a batch read before a newer commit is dropped. */
class ConcurrentSyncTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final ApiStub server = ApiStub.recorded("stripe");
  private Store store;
  private String url;

  @BeforeEach
  void start() {
    url = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    store = Store.open(url);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private List<ApiTable> stripe() {
    SourceConfig config = new SourceConfig("stripe", StripeSource.TYPE, null, null, null, null, null,
        Map.of("apiKey", Secret.of("${env:STRIPE_KEY}", ApiStubs.STRIPE_KEY)), server.baseUrl(), null, false);
    RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
    return new StripeSource(config, fast, d -> { }).tables();
  }

  private List<String> charges() {
    return store.read(h -> h.createQuery("SELECT id FROM stripe.charges ORDER BY id").mapTo(String.class).list());
  }

  @Test
  void loginsThatFindASourceStaleAtOnceSyncItOnce() throws Exception {
    // The first page of charges answers slowly, so both logins are inside the sync at once.
    server.stubFor(ApiStubs.list("/v1/charges").withQueryParam("starting_after", absent())
        .willReturn(ApiStubs.json("stripe/charges_page1.json").withFixedDelay(800)));
    String key = ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY);
    MarketingConfig config = new ConfigReader().read(Map.of("store", url, "sources", List.of(Map.of("name", "stripe",
        "type", "stripe", "apiKey", key, "endpoint", server.baseUrl(), "maxAge", "1h"))), temp, url);
    ExecutorService logins = Executors.newFixedThreadPool(3);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        done.add(logins.submit(() -> {
          go.await();
          return ApiSync.of(config, store).syncStale();
        }));
      }
      go.countDown();
      for (Future<?> login : done) {
        login.get(60, TimeUnit.SECONDS);
      }
    } finally {
      logins.shutdownNow();
    }
    server.verify(1, getRequestedFor(urlPathEqualTo("/v1/charges")).withQueryParam("starting_after", absent()));
    assertEquals(List.of("ch_3PaA1", "ch_3PaB2", "ch_3PaC3"), charges());
  }

  @Test
  void aSyncThatReadBeforeANewerSyncCommittedDiscardsItsBatch() {
    ApiTableSync sync = new ApiTableSync(store, Clock.systemUTC());
    sync.run("stripe", stripe(), false, ApiTableSync.Listener.NONE);
    boolean[] committed = {false};
    // While this sync reads charges, another process commits a newer sync of them: one row, a newer cursor.
    ApiTableSync.Listener newerCommitMeanwhile = new ApiTableSync.Listener() {
      @Override
      public void page(String source, String table, int pages, int rows) {
        if (table.equals("charges") && !committed[0]) {
          committed[0] = true;
          store.write("a newer sync in another process", h -> {
            h.execute("DELETE FROM stripe.charges WHERE id <> 'ch_3PaC3'");
            SyncState.save(h, "stripe", "charges", "evt_newer", LocalDateTime.now().withNano(0).plusSeconds(1));
            return null;
          });
        }
      }

      @Override
      public void done(ApiTableSync.Outcome outcome) {
      }
    };
    List<ApiTableSync.Outcome> outcomes = sync.run("stripe", stripe(), true, newerCommitMeanwhile);
    assertFalse(outcomes.get(0).failed(), String.valueOf(outcomes.get(0).error()));
    assertEquals(List.of("ch_3PaC3"), charges(), "the newer data stays");
    assertEquals("evt_newer", store.read(h -> SyncState.cursor(h, "stripe", "charges")).orElseThrow(),
        "the cursor does not move back");
  }
}
