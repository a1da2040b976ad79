package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.ConfigReader;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.Fixtures;

/**
 * Refreshes asked for at once, from many threads, from the schedule and from another process, while an
 * export changes between rounds: they run one at a time (callers asking at once join one refresh), every
 * caller gets an outcome, each publish makes exactly one generation, and no reader ever sees a snapshot
 * whose facts disagree with its loaded exports.
 * {@code -Dmarketingsql.parallelRefresh.rounds} sets the rounds (default 3).
 */
class ParallelRefreshTest {
  private static final String BOTH_COUNTS = "SELECT 'raw' AS side, COUNT(*) AS n FROM exports.orders"
      + " UNION ALL SELECT 'facts', COUNT(*) FROM finance.orders";
  private static final int THREADS = 8;
  @TempDir
  Path temp;
  Path folder;
  String store;
  String model;
  StoreFolder snapshots;
  int orders = 5;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() {
    folder = Fixtures.copy("finance", temp.resolve("exports"));
    store = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    model = Fixtures.model(folder, temp.resolve("store.duckdb"), "");
    snapshots = StoreFolder.of(store).orElseThrow();
  }

  @AfterEach
  void tearDown() throws Exception {
    Refresher.phaseListener = phase -> { };
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "a refresh did not end");
  }

  private void addOrder() throws Exception {
    orders++;
    Path file = folder.resolve("orders.csv");
    Path aside = temp.resolve("orders.part");
    Files.writeString(aside, Files.readString(file) + "p" + orders + ",c9,2025-02-09,1.00,USD,organic,software\n");
    Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private long[] counts() throws Exception {
    long[] counts = new long[2];
    try (Connection c = org.marketingsql.testing.Sql.calcite(model).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(BOTH_COUNTS)) {
      while (rs.next()) {
        counts[rs.getString(1).strip().equals("raw") ? 0 : 1] = rs.getLong(2);
      }
    }
    return counts;
  }

  @Test
  void refreshesAskedForAtOnceRunOneAtATimeEachGetsAnOutcomeAndNoneIsHalfPublished() throws Exception {
    MarketingConfig config = new ConfigReader().read(Map.of("store", store, "refresh", Map.of("exports", "1s"),
        "sources", List.of(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString()))), folder, store);
    Refresher refresher = Refresher.of(config);
    refresher.refresh(true);
    AtomicInteger building = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    List<String> phases = new ArrayList<>();
    Refresher.phaseListener = phase -> {
      synchronized (phases) {
        phases.add(phase);
      }
      if (phase.equals("load")) {
        mostAtOnce.accumulateAndGet(building.incrementAndGet(), Math::max);
      } else if (phase.equals("publish")) {
        building.decrementAndGet();
      }
    };
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    // a reader opening new connections throughout: each sees one snapshot, never fewer orders than before
    Thread reader = new Thread(() -> {
      long seen = 0;
      while (reading.get()) {
        try {
          long[] counts = counts();
          if (counts[0] != counts[1] || counts[0] < seen) {
            failures.add("a reader saw " + counts[0] + " orders loaded, " + counts[1] + " in the facts, after " + seen);
          }
          seen = counts[0];
          TimeUnit.MILLISECONDS.sleep(50);
        } catch (Exception e) {
          failures.add("a reader failed: " + e);
        }
      }
    }, "reader");
    reader.start();
    int rounds = Integer.getInteger("marketingsql.parallelRefresh.rounds", 3);
    Set<Long> joined = new HashSet<>();
    int outcomes = 0;
    int otherPublished = 0;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (RefreshScheduler schedule = RefreshScheduler.start(config)) {
      for (int round = 0; round < rounds; round++) {
        addOrder();
        Process other = round == 0 ? child() : null;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Refresher.Outcome>> calls = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          boolean wait = t % 2 == 0;
          calls.add(pool.submit(() -> {
            start.await();
            return refresher.refresh(wait);
          }));
        }
        for (Future<Refresher.Outcome> call : calls) {
          Refresher.Outcome outcome = call.get(180, TimeUnit.SECONDS);
          outcomes++;
          if (outcome.status() == Refresher.Status.PUBLISHED) {
            joined.add(outcome.generation());
          }
        }
        if (other != null) {
          BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
          String last = "(nothing)";
          for (String line; (line = out.readLine()) != null; ) {
            last = line;
          }
          assertTrue(other.waitFor(120, TimeUnit.SECONDS));
          assertTrue(last.startsWith("outcome "), "the other process's refresh ended with: " + last);
          otherPublished += last.startsWith("outcome PUBLISHED ") ? 1 : 0;
        }
      }
    } finally {
      pool.shutdownNow();
      reading.set(false);
      reader.join(TimeUnit.SECONDS.toMillis(120));
    }
    assertEquals(rounds * THREADS, outcomes, "every caller got an outcome");
    assertTrue(failures.isEmpty(), () -> failures.size() + " failures, the first: " + failures.peek());
    assertEquals(1, mostAtOnce.get(), "refreshes built at once in this JVM");
    Set<String> order = new HashSet<>();
    synchronized (phases) {
      // callers asking at once joined one refresh; every refresh that published made exactly one generation
      long publishes = phases.stream().filter("publish"::equals).count();
      assertEquals(snapshots.current().orElseThrow().number() - 1, publishes + otherPublished,
          "generations against publishes (" + joined + " published for the callers): " + phases);
      for (int i = 0; i + 4 < phases.size(); i += 5) {
        order.add(String.join(",", phases.subList(i, i + 5)));
      }
      assertEquals(0, phases.size() % 5, "a refresh stopped half-way: " + phases);
    }
    assertEquals(Set.of("load,sync,facts,ltv,publish"), order, "refreshes interleaved: " + phases);
    assertFalse(Files.exists(snapshots.workFile()), "a working copy was left behind");
    long[] last = counts();
    assertEquals(orders, last[0]);
    assertEquals(orders, last[1]);
  }

  /** A refresh in another process that waits for the lock, started beside this round's callers. */
  private Process child() throws Exception {
    Process child = new ProcessBuilder(ChildJava.command(
        "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
        RefreshChild.class.getName(), "refresh", store, folder.toString(), "none", "0", "wait"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(child);
    return child;
  }
}
