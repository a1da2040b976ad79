package org.marketingsql.schema;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * The schedule {@code serve} runs: an API source without {@code maxAge} syncs each time its interval
 * passes, and only while the schedule runs; a scheduled refresh that fails is recorded and the schedule
 * goes on to publish once the cause is gone.
 */
class RefreshSchedulerTest {
  @TempDir
  Path temp;
  Path folder;
  String store;
  StoreFolder snapshots;
  WireMockServer stripe;
  final List<RefreshScheduler> schedules = new ArrayList<>();

  @BeforeEach
  void setUp() {
    folder = Fixtures.copy("finance", temp.resolve("exports"));
    store = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    snapshots = StoreFolder.of(store).orElseThrow();
  }

  @AfterEach
  void tearDown() {
    schedules.forEach(RefreshScheduler::close);
    if (stripe != null) {
      stripe.stop();
    }
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "a refresh did not end");
  }

  private MarketingConfig config(Map<String, ?> refresh, List<Map<String, Object>> apis) {
    List<Map<String, Object>> sources = new ArrayList<>();
    sources.add(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString()));
    sources.addAll(apis);
    return new ConfigReader().read(Map.of("store", store, "sources", sources, "refresh", refresh), folder, store);
  }

  private RefreshScheduler schedule(MarketingConfig config) {
    RefreshScheduler schedule = RefreshScheduler.start(config);
    schedules.add(schedule);
    return schedule;
  }

  private long generation() {
    return snapshots.current().map(StoreFolder.Generation::number).orElse(0L);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "not within 60 s: " + what);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private int stripeRequests() {
    return stripe.getAllServeEvents().size();
  }

  @Test
  void anApiSourceWithoutMaxAgeSyncsEachTimeItsIntervalPassesWhileTheScheduleRuns() throws Exception {
    stripe = new WireMockServer(options().dynamicPort());
    stripe.start();
    ApiStubs.stripe(stripe);
    MarketingConfig config = config(Map.of("apis", "2s", "exports", "1s"), List.of(Map.of("name", "stripe",
        "type", "stripe", "endpoint", stripe.baseUrl(),
        "apiKey", ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY))));
    assertEquals(Refresher.Status.PUBLISHED, Refresher.of(config).refresh(true).status());
    assertEquals(0, stripeRequests(), "without maxAge and without a schedule, refreshing never calls the API");

    RefreshScheduler schedule = schedule(config);
    assertEquals("exports every 1s, stripe every 2s", schedule.describe());
    await("the schedule's first sync", () -> stripeRequests() > 0 && generation() >= 2);
    long afterFirst = generation();
    int requests = stripeRequests();
    await("a second sync once the interval passed", () -> generation() > afterFirst && stripeRequests() > requests);
    schedule.close();
    TimeUnit.MILLISECONDS.sleep(500);
    int stopped = stripeRequests();
    TimeUnit.SECONDS.sleep(4);
    assertEquals(stopped, stripeRequests(), "the API was called after the schedule stopped");
  }

  @Test
  void aScheduledRefreshThatFailsIsRecordedAndTheScheduleGoesOnToPublishOnceTheCauseIsGone() throws Exception {
    MarketingConfig config = config(Map.of("exports", "1s"), List.of());
    Refresher.of(config).refresh(true);
    schedule(config);
    // Something the refresher cannot remove stands where it builds the next snapshot.
    Path blocker = Files.createDirectories(snapshots.workFile().resolve("in-the-way"));
    Path orders = folder.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders) + "o6,c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
    await("the failure recorded beside the snapshot", () -> snapshots.failure().isPresent());
    assertEquals(1, generation());
    Files.delete(blocker);
    Files.delete(blocker.getParent());
    await("the schedule's next refresh published", () -> generation() == 2);
    await("the failure cleared", () -> snapshots.failure().isEmpty());
    Sql.calcite(Fixtures.model(folder, temp.resolve("store.duckdb"), "")).query(
        "SELECT COUNT(*) AS n FROM exports.orders").returns("n=6");
  }
}
